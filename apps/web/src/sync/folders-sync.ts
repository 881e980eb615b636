import type { Folder, FolderList } from '@petrel/contract';
import type { SyncStateRow } from '../db/rows.ts';
import { folderRange } from '../db/message-store.ts';
import type { SyncContext } from './context.ts';
import { sortFolders } from './folder-order.ts';

/**
 * Fetches the folder list (or takes `listed`, already requested) and stores it in one transaction: folders that are gone take
 * their headers, bodies and sync state with them; new selectable folders get a sync state
 * that asks for an initial listing. Returns the selectable folders, Inbox first.
 */
export async function refreshFolders(
  ctx: SyncContext,
  listed: Promise<FolderList> = ctx.api.listFolders(),
): Promise<Folder[]> {
  const { folders } = await listed;
  const { db } = ctx;
  await db.transaction('rw', [db.folders, db.syncState, db.messages, db.bodies], async () => {
    // Reads together and writes together: each await in a transaction is a round trip to
    // the browser's IndexedDB process, and this one is on a first sign-in's way to its rows.
    const paths = new Set(folders.map((folder) => folder.path));
    const [storedPaths, syncedPaths] = await Promise.all([
      db.folders.toCollection().primaryKeys(),
      db.syncState.toCollection().primaryKeys(),
    ]);
    const gone = storedPaths.filter((path) => !paths.has(path));
    for (const path of gone) {
      const ids = await folderRange(db, path).primaryKeys();
      await db.messages.bulkDelete(ids);
      await db.bodies.bulkDelete(ids);
    }
    const known = new Set(syncedPaths);
    const fresh = folders.filter((folder) => folder.selectable && !known.has(folder.path));
    await Promise.all([
      db.folders.bulkDelete(gone),
      db.syncState.bulkDelete(gone),
      db.folders.bulkPut(folders),
      db.syncState.bulkAdd(fresh.map((folder) => initialSyncState(folder))),
    ]);
  });
  return sortFolders(folders.filter((folder) => folder.selectable));
}

export function initialSyncState(folder: Pick<Folder, 'path' | 'total'>): SyncStateRow {
  return {
    folder: folder.path,
    state: null,
    cursor: null,
    phase: 'initial',
    total: folder.total,
    lastSyncedAt: null,
    error: null,
  };
}
