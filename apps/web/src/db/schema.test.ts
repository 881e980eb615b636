import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWindow } from '../data/message-list.ts';
import { toRow } from '../sync/merge.ts';
import { row } from '../testing/fixtures.ts';
import { legacyDatabase } from '../testing/legacy-db.ts';
import { folderIdentities, folderRange, rowsByUids, writeRows } from './message-store.ts';
import { PetrelDb, databaseName } from './schema.ts';

let db: PetrelDb;
afterEach(async () => {
  await db.delete();
});

function open(): PetrelDb {
  db = new PetrelDb(`test-${crypto.randomUUID()}`);
  return db;
}

describe('PetrelDb schema', () => {
  it('declares version 5 with the indexes the queries rely on', async () => {
    const opened = await open().open();
    expect(opened.verno).toBe(5);
    const indexes = (table: string) =>
      opened
        .table(table)
        .schema.indexes.map((index) => index.name)
        .sort();
    expect(opened.tables.map((table) => table.name).sort()).toEqual([
      'bodies',
      'folders',
      'messageCounts',
      'messages',
      'meta',
      'outbox',
      'parts',
      'syncState',
    ]);
    expect(indexes('messages')).toEqual(['[folder+date]', '[folder+uid]']);
    expect(indexes('bodies')).toEqual(['lastReadAt']);
    expect(indexes('parts')).toEqual(['messageId']);
    expect(opened.table('syncState').schema.primKey.keyPath).toBe('folder');
  });

  it('drops the Message-ID index of a version 4 database and keeps its rows and counts', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = legacyDatabase(name, 4);
    await old.table('messages').bulkPut([row(1), row(2)]);
    await old.table('messageCounts').put({ folder: 'INBOX', count: 2 });
    old.close();

    db = new PetrelDb(name);
    const opened = await db.open();
    expect(opened.verno).toBe(5);
    expect(opened.table('messages').schema.indexes.map((index) => index.name)).not.toContain(
      'messageId',
    );
    expect(await db.messages.count()).toBe(2);
    expect(await db.messageCounts.get('INBOX')).toEqual({ folder: 'INBOX', count: 2 });
    expect(await rowsByUids(db, 'INBOX', [2])).toEqual([row(2)]);
  });

  it('names one database per account, case-insensitively', () => {
    expect(databaseName(' Demo@Petrel.test ')).toBe('petrel-demo@petrel.test');
  });
});

describe('windowed list over 5,000 rows', () => {
  it('counts on the index and reads any window newest-first', async () => {
    open();
    const rows = Array.from({ length: 5_000 }, (_, i) => row(i + 1));
    // Shuffled insertion order: the index, not insertion, must give the order.
    rows.sort((a, b) => ((a.uid * 7919) % 5_003) - ((b.uid * 7919) % 5_003));
    await db.transaction('rw', db.messages, db.bodies, () =>
      writeRows(db, { put: rows, delete: [] }),
    );
    await writeRows(db, { put: [row(1, 'Other'), row(2, 'Other')], delete: [] });

    expect(await folderRange(db, 'INBOX').count()).toBe(5_000);
    const first = await loadWindow(db, 'INBOX', 0, 50);
    expect(first.rows.map((r) => r.uid)).toEqual(Array.from({ length: 50 }, (_, i) => 5_000 - i));
    const middle = await loadWindow(db, 'INBOX', 1_200, 1_210);
    expect(middle.rows.map((r) => r.uid)).toEqual(Array.from({ length: 10 }, (_, i) => 3_800 - i));
    const older = await loadWindow(db, 'INBOX', 3_000, 3_005);
    expect(older.rows.map((r) => r.uid)).toEqual([2_000, 1_999, 1_998, 1_997, 1_996]);
    const last = await loadWindow(db, 'INBOX', 4_990, 5_100);
    expect(last.rows.map((r) => r.uid)).toEqual(Array.from({ length: 10 }, (_, i) => 10 - i));
    // 5,000 rows through fake-indexeddb: seconds on a busy machine, and no timing is asserted.
  }, 20_000);

  it('orders by time even when dates arrive with different offsets', async () => {
    open();
    await writeRows(db, {
      put: [
        toRow({ ...row(1), date: '2024-05-01T11:00:00+02:00' }), // 09:00Z
        toRow({ ...row(2), date: '2024-05-01T09:30:00Z' }),
      ],
      delete: [],
    });
    expect((await loadWindow(db, 'INBOX', 0, 2)).rows.map((r) => r.uid)).toEqual([2, 1]);
  });
});

describe('batched writes', () => {
  it('writes a batch in one transaction and deletes bodies with their messages', async () => {
    open();
    const transactions = new Set<unknown>();
    db.messages.hook('creating', (_key, _obj, transaction) => {
      transactions.add(transaction);
    });
    const rows = Array.from({ length: 500 }, (_, i) => row(i + 1));
    await db.transaction('rw', db.messages, db.bodies, () =>
      writeRows(db, { put: rows, delete: [] }),
    );
    expect(transactions.size).toBe(1);

    await db.bodies.put({
      id: row(1).id,
      html: null,
      text: 'x',
      attachments: [],
      inline: [],
      tooComplex: false,
      lastReadAt: 0,
      fetchedAt: 0,
    });
    await writeRows(db, { put: [], delete: [row(1).id] });
    expect(await db.bodies.get(row(1).id)).toBeUndefined();
    expect(await rowsByUids(db, 'INBOX', [1, 2])).toHaveLength(1);
  });

  it('reads a folder’s identities from primary keys alone', async () => {
    open();
    const arrival = row(3, 'Archive', { origin: { folder: 'INBOX', uidValidity: 1, uid: 3 } });
    // An arrival keeps its source id while filed under the destination folder.
    await writeRows(db, {
      put: [row(1, 'Archive'), { ...arrival, id: row(3, 'INBOX').id }],
      delete: [],
    });
    const identities = await folderIdentities(db, 'Archive');
    expect(identities.map((i) => [i.uid, i.origin === null])).toEqual([
      [1, true],
      [3, false],
    ]);
  });
});
