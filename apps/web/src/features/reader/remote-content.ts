import { useSyncExternalStore } from 'react';
import { z } from 'zod';

/**
 * Senders whose remote content (images, fonts) loads without asking, per account, in
 * localStorage under `petrel:remote-content-senders:<account email>` as a JSON array of
 * lower-case addresses. The key is per account so one user's choices never apply to
 * another's mail on a shared browser; sign-out removes it.
 */
const KEY_PREFIX = 'petrel:remote-content-senders:';
const SendersSchema = z.array(z.string());
const listeners = new Set<() => void>();

export function useSenderAllowed(account: string, sender: string | null): boolean {
  const raw = useSyncExternalStore(subscribe, () => readRaw(account));
  return sender !== null && parse(raw).includes(sender.toLowerCase());
}

/** False when the browser refused to store it (storage disabled or full). */
export function allowSender(account: string, sender: string): boolean {
  const senders = new Set(parse(readRaw(account)));
  senders.add(sender.toLowerCase());
  try {
    localStorage.setItem(KEY_PREFIX + account, JSON.stringify([...senders]));
  } catch {
    return false;
  }
  notify();
  return true;
}

export function forgetAllowedSenders(account: string): void {
  try {
    localStorage.removeItem(KEY_PREFIX + account);
  } catch {
    // Nothing was stored where storage is unavailable.
  }
  notify();
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab of Petrel changed it.
  window.addEventListener('storage', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
  };
}

function notify(): void {
  for (const listener of listeners) listener();
}

function readRaw(account: string): string | null {
  try {
    return localStorage.getItem(KEY_PREFIX + account);
  } catch {
    return null;
  }
}

function parse(raw: string | null): string[] {
  if (raw === null) return [];
  try {
    const parsed = SendersSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
