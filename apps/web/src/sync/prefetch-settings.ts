import { z } from 'zod';

/**
 * What this device keeps for offline reading, per account, in localStorage under
 * `petrel:offline:<account email>`. A device setting, not an account one: a phone and a
 * desktop want different amounts. Validated with zod on every read, since any script or
 * older build of the origin may have written the key.
 */
export const OfflineSettingsSchema = z.object({
  /** Download Inbox mail (and its parts) in the background. Off: only what was opened. */
  prefetch: z.boolean(),
  /** Which Inbox messages: those of the last `days` days, or the newest `count`. */
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('days'), days: z.number().int().min(1).max(3650) }),
    z.object({ kind: z.literal('count'), count: z.number().int().min(1).max(5000) }),
  ]),
  /** Total size of cached bodies and parts; least recently read mail goes first beyond it. */
  capMb: z.number().int().min(5).max(10_000),
  /** Keep attachments up to ATTACHMENT_LIMIT_BYTES of cached messages. */
  saveAttachments: z.boolean(),
});

export type OfflineSettings = z.infer<typeof OfflineSettingsSchema>;

export const DEFAULT_OFFLINE_SETTINGS: OfflineSettings = {
  prefetch: true,
  scope: { kind: 'days', days: 30 },
  capMb: 50,
  saveAttachments: true,
};

const KEY_PREFIX = 'petrel:offline:';
const listeners = new Set<() => void>();
// useSyncExternalStore needs the same object while nothing changed.
let memo: { raw: string | null; settings: OfflineSettings } | null = null;

export function readOfflineSettings(account: string): OfflineSettings {
  const raw = readRaw(account);
  if (memo?.raw !== raw) memo = { raw, settings: parse(raw) };
  return memo.settings;
}

/** False when the browser refused to store them (storage disabled or full). */
export function writeOfflineSettings(account: string, settings: OfflineSettings): boolean {
  try {
    localStorage.setItem(
      KEY_PREFIX + account,
      JSON.stringify(OfflineSettingsSchema.parse(settings)),
    );
  } catch {
    return false;
  }
  for (const listener of listeners) listener();
  return true;
}

/** Calls `onChange` when this tab or another one changed the settings. */
export function subscribeOfflineSettings(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('storage', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
  };
}

function readRaw(account: string): string | null {
  try {
    return localStorage.getItem(KEY_PREFIX + account);
  } catch {
    return null;
  }
}

function parse(raw: string | null): OfflineSettings {
  if (raw === null) return DEFAULT_OFFLINE_SETTINGS;
  try {
    const parsed = OfflineSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_OFFLINE_SETTINGS;
  } catch {
    return DEFAULT_OFFLINE_SETTINGS;
  }
}
