import { decodeMessageId } from '@petrel/contract';
import { Dexie } from 'dexie';
import type { MessageRow } from './rows.ts';
import type { PetrelDb } from './schema.ts';

/**
 * Reads and batched writes of cached headers. Callers wrap these in one `rw` transaction
 * per batch (a page, an event); nothing here opens a transaction per row.
 */

/** Cached rows of `folder` with these UIDs, via the [folder+uid] index. */
export function rowsByUids(
  db: PetrelDb,
  folder: string,
  uids: readonly number[],
): Promise<MessageRow[]> {
  if (uids.length === 0) return Promise.resolve([]);
  return db.messages
    .where('[folder+uid]')
    .anyOf([...new Set(uids)].map((uid) => [folder, uid]))
    .toArray();
}

/** The [folder+date] range of one folder, newest last. */
export function folderRange(db: PetrelDb, folder: string) {
  return db.messages.where('[folder+date]').between([folder, Dexie.minKey], [folder, Dexie.maxKey]);
}

/**
 * Identity of every cached row in a folder without loading the rows: the primary keys are
 * message ids, which encode uidValidity and uid. A row whose id names another folder is an
 * optimistic arrival (see MessageRow.origin).
 */
export async function folderIdentities(
  db: PetrelDb,
  folder: string,
): Promise<Array<Pick<MessageRow, 'id' | 'uid' | 'uidValidity' | 'origin'>>> {
  const ids = await folderRange(db, folder).primaryKeys();
  return ids.flatMap((id) => {
    const ref = decodeMessageId(id);
    if (ref === null) return [];
    return [
      {
        id,
        uid: ref.uid,
        uidValidity: ref.uidValidity,
        origin: ref.folder === folder ? null : ref,
      },
    ];
  });
}

/** Puts and deletes headers; a deleted message's body goes with it. */
export async function writeRows(
  db: PetrelDb,
  writes: { put: readonly MessageRow[]; delete: readonly string[] },
): Promise<void> {
  if (writes.put.length > 0) await db.messages.bulkPut([...writes.put]);
  if (writes.delete.length > 0) {
    await db.messages.bulkDelete([...writes.delete]);
    await db.bodies.bulkDelete([...writes.delete]);
  }
}

/** Moves a cached body to a message's new id (after a move or UIDVALIDITY change). */
export async function rekeyBodies(
  db: PetrelDb,
  moves: ReadonlyArray<{ from: string; to: string }>,
): Promise<void> {
  if (moves.length === 0) return;
  const bodies = await db.bodies.bulkGet(moves.map((move) => move.from));
  const put = moves.flatMap((move, index) => {
    const body = bodies[index];
    return body ? [{ ...body, id: move.to }] : [];
  });
  await db.bodies.bulkDelete(moves.map((move) => move.from));
  if (put.length > 0) await db.bodies.bulkPut(put);
}
