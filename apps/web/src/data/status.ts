import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { INITIAL_STATUS } from './account-runtime.ts';
import type { Runtime } from './account-runtime.ts';
import { useRuntime } from './session.ts';
import type { SyncStatus } from './types.ts';

const noRuntime = {
  subscribe: () => () => undefined,
  get: () => INITIAL_STATUS,
};

/**
 * Connection and progress come from the leader tab's engine (mirrored to other tabs);
 * lastSyncAt from the database, so it survives reloads and is the same in every tab.
 */
export function useSyncStatus(): SyncStatus {
  const runtime = useRuntime();
  const store = runtime?.status ?? noRuntime;
  const status = useSyncExternalStore(store.subscribe, store.get);
  const lastSyncAt = useLiveQuery(() => latestSync(runtime), [runtime]);
  return lastSyncAt === undefined || lastSyncAt === status.lastSyncAt
    ? status
    : { ...status, lastSyncAt };
}

async function latestSync(runtime: Runtime | null): Promise<string | null> {
  if (!runtime) return null;
  let latest: string | null = null;
  await runtime.db.syncState.each((state) => {
    if (state.lastSyncedAt !== null && (latest === null || state.lastSyncedAt > latest))
      latest = state.lastSyncedAt;
  });
  return latest;
}
