import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { PetrelDb } from '../db/schema.ts';
import { cacheUsage } from '../sync/prefetch-inventory.ts';
export { ATTACHMENT_LIMIT_BYTES } from '../sync/prefetch-parts.ts';
import {
  DEFAULT_OFFLINE_SETTINGS,
  readOfflineSettings,
  subscribeOfflineSettings,
  writeOfflineSettings,
} from '../sync/prefetch-settings.ts';
import type { OfflineSettings } from '../sync/prefetch-settings.ts';
import { startPrefetch } from '../sync/prefetch-start.ts';
import { api, session, useRuntime } from './session.ts';

export type { OfflineSettings };

/** What the settings page shows about storage; null where the browser cannot tell. */
export interface StorageInfo {
  /** Bytes this origin uses and may use (navigator.storage.estimate()). */
  usage: number | null;
  quota: number | null;
  /** Whether the browser keeps this origin's data under storage pressure. */
  persisted: boolean | null;
  /** The offline mail cache of the signed-in account. */
  cache: { messages: number; bytes: number } | null;
}

/**
 * Keeps the offline cache of the signed-in account in the background (see
 * sync/prefetch-start.ts) and asks once per page load for persistent storage, without
 * which the browser may drop the cache when the disk runs low. Call once, in the shell.
 */
export function useOfflinePrefetch(): void {
  const runtime = useRuntime();
  useEffect(() => {
    if (!runtime) return;
    if (!persistenceAsked) {
      persistenceAsked = true;
      void requestPersistentStorage();
    }
    return startPrefetch({
      email: runtime.email,
      db: runtime.db,
      status: runtime.status,
      api,
      fetch: (url, init) => fetch(url, init),
      locks: 'locks' in navigator ? navigator.locks : undefined,
    });
  }, [runtime]);
}

export function useOfflineSettings(): OfflineSettings {
  const email = useRuntime()?.email ?? null;
  return useSyncExternalStore(subscribeOfflineSettings, () =>
    email === null ? DEFAULT_OFFLINE_SETTINGS : readOfflineSettings(email),
  );
}

/** False when they could not be stored (signed out, storage disabled or full). */
export function saveOfflineSettings(settings: OfflineSettings): boolean {
  const email = session.get().runtime?.email;
  return email !== undefined && writeOfflineSettings(email, settings);
}

/** Storage figures, read when first used and again on `refresh()`. */
export function useStorageInfo(): { info: StorageInfo | undefined; refresh: () => void } {
  const runtime = useRuntime();
  const [info, setInfo] = useState<StorageInfo>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let active = true;
    void readStorageInfo(runtime?.db ?? null).then((read) => active && setInfo(read));
    return () => {
      active = false;
    };
  }, [runtime, generation]);
  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  return { info, refresh };
}

/**
 * Asks the browser to keep this origin's data. Chromium decides without a prompt (from
 * engagement, installation, bookmarks); Firefox asks the user. Null: not supported.
 */
export async function requestPersistentStorage(): Promise<boolean | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null;
  try {
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}

let persistenceAsked = false;

async function readStorageInfo(db: PetrelDb | null): Promise<StorageInfo> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  const [estimate, persisted, cache] = await Promise.all([
    storage?.estimate ? storage.estimate().catch(() => null) : null,
    storage?.persisted ? storage.persisted().catch(() => null) : null,
    db ? cacheUsage(db).catch(() => null) : null,
  ]);
  return {
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    persisted,
    cache,
  };
}
