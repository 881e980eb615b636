import type { CachedFolder, SyncStatus } from '../../data/index.ts';

/** What an empty list says instead of nothing: still loading, truly empty, or why not. */
export function emptyListText(
  ready: boolean,
  path: string,
  folder: CachedFolder | undefined,
  status: SyncStatus,
): string {
  const error = folder?.syncError ?? status.error;
  if (error !== null) return ready ? `No messages to show. ${error}` : error;
  // Before the first sync a fresh database knows no folders yet: loading, not empty.
  if (!ready || (folder === undefined && status.lastSyncAt === null)) return 'Loading…';
  const stillSyncing =
    (folder !== undefined && folder.syncedCount < folder.total) || status.progress?.folder === path;
  return stillSyncing ? 'Loading…' : 'No messages';
}
