import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRows } from '../db/message-store.ts';
import { PetrelDb } from '../db/schema.ts';
import { row } from '../testing/fixtures.ts';
import { loadTopWindow } from './message-list.ts';

let db: PetrelDb;
afterEach(async () => {
  await db.delete();
});

const uids = (rows: ReadonlyArray<{ uid: number }>) => rows.map((r) => r.uid);
const store = (from: number, to: number) =>
  writeRows(db, {
    put: Array.from({ length: to - from + 1 }, (_, i) => row(from + i)),
    delete: [],
  });

describe('loadTopWindow', () => {
  it('reads the same rows with a floor, and the whole folder when the floor is too high', async () => {
    db = new PetrelDb(`test-${crypto.randomUUID()}`);
    await store(1, 30);
    const full = await loadTopWindow(db, 'INBOX', 10, null);
    expect(uids(full.rows)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]);
    const floor = full.rows.at(-1)?.date ?? null;
    expect(uids((await loadTopWindow(db, 'INBOX', 10, floor)).rows)).toEqual(uids(full.rows));

    await writeRows(db, { put: [], delete: [row(30).id, row(25).id] });
    expect(uids((await loadTopWindow(db, 'INBOX', 10, floor)).rows)).toEqual([
      29, 28, 27, 26, 24, 23, 22, 21, 20, 19,
    ]);
  });

  it('is not read again when a sync stores older rows, only when mail arrives on top', async () => {
    db = new PetrelDb(`test-${crypto.randomUUID()}`);
    await store(101, 130);
    const floor = (await loadTopWindow(db, 'INBOX', 10, null)).rows.at(-1)?.date ?? null;
    const reads: number[][] = [];
    const subscription = liveQuery(() => loadTopWindow(db, 'INBOX', 10, floor)).subscribe((top) =>
      reads.push(uids(top.rows)),
    );
    await expect.poll(() => reads.length).toBe(1);
    await store(1, 100);
    await store(131, 131);
    // Live queries re-run in order: a read for the older rows would come before this one.
    await expect.poll(() => reads.at(-1)?.[0]).toBe(131);
    expect(reads).toHaveLength(2);
    subscription.unsubscribe();
  });
});
