import { useLiveQuery } from 'dexie-react-hooks';
import { sortFolders } from '../sync/folder-order.ts';
import { useRuntime } from './session.ts';
import type { CachedFolder } from './types.ts';

/** Every cached folder with its sync progress, Inbox first; undefined while loading. */
export function useFolders(): CachedFolder[] | undefined {
  const runtime = useRuntime();
  return useLiveQuery(async () => {
    if (!runtime) return undefined;
    const [folders, states, counts] = await Promise.all([
      runtime.db.folders.toArray(),
      runtime.db.syncState.toArray(),
      runtime.db.messageCounts.toArray(),
    ]);
    const byFolder = new Map(states.map((state) => [state.folder, state]));
    const cached = new Map(counts.map((row) => [row.folder, row.count]));
    return sortFolders(folders).map((folder): CachedFolder => {
      const sync = byFolder.get(folder.path);
      return {
        ...folder,
        syncedCount: cached.get(folder.path) ?? 0,
        lastSyncedAt: sync?.lastSyncedAt ?? null,
        syncError: sync?.error ?? null,
      };
    });
  }, [runtime]);
}
