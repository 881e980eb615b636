import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { row } from '../testing/fixtures.ts';
import { legacyDatabase } from '../testing/legacy-db.ts';
import { messageCount } from './message-counts.ts';
import { folderRange, writeRows } from './message-store.ts';
import { PetrelDb } from './schema.ts';

let db: PetrelDb;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function open(name = `test-${crypto.randomUUID()}`): PetrelDb {
  db = new PetrelDb(name);
  return db;
}

/** Every folder's running count equals a real count of its index range. */
async function expectCountsMatchIndex(folders: readonly string[]) {
  for (const folder of folders) {
    expect(await messageCount(db, folder), folder).toBe(await folderRange(db, folder).count());
  }
}

describe('running message counts', () => {
  it('counts new rows once, however often the same rows are stored again', async () => {
    open();
    const page = Array.from({ length: 30 }, (_, i) => row(i + 1));
    await writeRows(db, { put: page, delete: [] });
    await writeRows(db, { put: page, delete: [] });
    // The same row twice in one batch (a page and an event overlapping) is one message.
    await writeRows(db, { put: [row(31), row(31), { ...row(31), subject: 'again' }], delete: [] });
    expect(await messageCount(db, 'INBOX')).toBe(31);
    await expectCountsMatchIndex(['INBOX']);
  });

  it('moves a count with a row that changes folder, and back', async () => {
    open();
    await writeRows(db, { put: [row(1), row(2), row(3)], delete: [] });
    const moved = {
      ...row(2),
      folder: 'Archive',
      origin: { folder: 'INBOX', uidValidity: 1, uid: 2 },
    };
    await db.messages.put(moved);
    expect([await messageCount(db, 'INBOX'), await messageCount(db, 'Archive')]).toEqual([2, 1]);
    await db.messages.update(moved.id, { folder: 'INBOX', origin: null });
    expect([await messageCount(db, 'INBOX'), await messageCount(db, 'Archive')]).toEqual([3, 0]);
    // Re-keyed after the server's move (settle): delete the old id, put the new one.
    await db.transaction('rw', db.messages, async () => {
      await db.messages.delete(row(3).id);
      await db.messages.put(row(7, 'Archive'));
    });
    expect([await messageCount(db, 'INBOX'), await messageCount(db, 'Archive')]).toEqual([2, 1]);
    await expectCountsMatchIndex(['INBOX', 'Archive']);
  });

  it('counts expunges, ignores deletes of rows it does not have, and clears', async () => {
    open();
    await writeRows(db, { put: [row(1), row(2), row(1, 'Trash')], delete: [] });
    await writeRows(db, { put: [], delete: [row(1).id, row(1).id, row(99).id] });
    expect(await messageCount(db, 'INBOX')).toBe(1);
    await db.messages.where('[folder+uid]').equals(['INBOX', 2]).delete();
    expect(await messageCount(db, 'INBOX')).toBe(0);
    await db.messages.clear();
    expect(await messageCount(db, 'Trash')).toBe(0);
  });

  it('keeps counts in step inside transactions that do not name the counts', async () => {
    open();
    await db.transaction('rw', [db.messages, db.bodies], async () => {
      await writeRows(db, { put: [row(1), row(2)], delete: [] });
      // Unawaited writes in one transaction must not lose each other's updates.
      await Promise.all([
        db.messages.bulkPut([row(3), row(4)]),
        db.messages.put(row(5)),
        db.messages.bulkDelete([row(1).id]),
      ]);
    });
    expect(await messageCount(db, 'INBOX')).toBe(4);
    await expectCountsMatchIndex(['INBOX']);
  });

  it('trusts rows the transaction read by id only as long as its own writes keep them true', async () => {
    open();
    await writeRows(db, { put: [row(1, 'Archive')], delete: [] });
    await db.transaction('rw', db.messages, async () => {
      // As the listing does: read the page's rows by id, then write them.
      await db.messages.bulkGet([row(1).id, row(2).id]);
      await db.messages.bulkPut([row(1), row(2)]);
      await db.messages.put({ ...row(2), folder: 'Archive' });
      await db.messages.delete(row(1).id);
      await db.messages.put(row(1));
    });
    expect([await messageCount(db, 'INBOX'), await messageCount(db, 'Archive')]).toEqual([1, 2]);
    await expectCountsMatchIndex(['INBOX', 'Archive']);
  });

  it('rolls the counts back with a transaction that fails', async () => {
    open();
    await writeRows(db, { put: [row(1)], delete: [] });
    await expect(
      db.transaction('rw', db.messages, async () => {
        await db.messages.bulkPut([row(2), row(3)]);
        throw new Error('storage full');
      }),
    ).rejects.toThrow('storage full');
    expect(await messageCount(db, 'INBOX')).toBe(1);
  });

  it('agrees with the index after a long random mix of writes', async () => {
    open();
    const folders = ['INBOX', 'Archive', 'Trash'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % n;
    };
    for (let step = 0; step < 60; step++) {
      const batch = Array.from({ length: 1 + random(8) }, () => {
        const source = folders[random(3)] ?? 'INBOX';
        const base = row(1 + random(25), source);
        // Sometimes filed under another folder, as an optimistic move does.
        return random(4) === 0 ? { ...base, folder: folders[random(3)] ?? 'INBOX' } : base;
      });
      const doomed = Array.from(
        { length: random(3) },
        () => row(1 + random(25), folders[random(3)]).id,
      );
      await db.transaction('rw', db.messages, db.bodies, () =>
        writeRows(db, { put: batch, delete: doomed }),
      );
    }
    await expectCountsMatchIndex(folders);
  });

  it('counts the rows of a database created before the counts existed', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = legacyDatabase(name, 3);
    await old.table('messages').bulkPut([row(1), row(2), row(3), row(1, 'Sent')]);
    await old.table('syncState').put({ folder: 'INBOX', syncedCount: 3, phase: 'idle' });
    old.close();

    open(name);
    expect(await messageCount(db, 'INBOX')).toBe(3);
    expect(await messageCount(db, 'Sent')).toBe(1);
    expect(await db.syncState.get('INBOX')).not.toHaveProperty('syncedCount');
    await writeRows(db, { put: [row(4)], delete: [] });
    expect(await messageCount(db, 'INBOX')).toBe(4);
  });
});
