import 'fake-indexeddb/auto';
import { encodeMessageId } from '@petrel/contract';
import type { OpResult } from '@petrel/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors.ts';
import { writeRows } from '../db/message-store.ts';
import { PetrelDb } from '../db/schema.ts';
import { deferred, header } from '../testing/fixtures.ts';
import { FakeServer } from '../testing/fake-server.ts';
import { toRow } from './merge.ts';
import { UNDO_WINDOW_MS, performAction } from './perform-action.ts';
import { enqueueAction, recoverOutbox } from './outbox.ts';
import type { ActionContext } from './outbox.ts';

let db: PetrelDb;
let server: FakeServer;
let ctx: ActionContext;
let now: number;
const onStale = vi.fn();

beforeEach(async () => {
  db = new PetrelDb(`test-${crypto.randomUUID()}`);
  server = new FakeServer()
    .addFolder('INBOX', 3, '\\Inbox')
    .addFolder('Archive', 0, '\\Archive')
    .addFolder('Trash', 0, '\\Trash');
  now = 1_000_000;
  let op = 0;
  ctx = { api: server, db, now: () => now, newOpId: () => `op-${String(++op).padStart(6, '0')}` };
  const { folders } = await server.listFolders();
  await db.folders.bulkPut(folders);
  await writeRows(db, {
    put: server.uids('INBOX').map((uid) => toRow(server.message('INBOX', uid) ?? header(uid))),
    delete: [],
  });
  server.calls.length = 0;
  onStale.mockClear();
});
afterEach(() => db.delete());

const idOf = (uid: number, path = 'INBOX') => header(uid, path).id;

describe('flag actions', () => {
  it('shows the change at once, pending, and confirms it when applied', async () => {
    const answer = deferred<OpResult[]>();
    server.nextActions = () => answer.promise;
    const result = performAction(ctx, 'markRead', [idOf(1)], {}, onStale);

    await vi.waitFor(async () =>
      expect((await db.messages.get(idOf(1)))?.flags).toEqual(['\\Seen']),
    );
    expect(await db.messages.get(idOf(1))).toMatchObject({ pending: true });
    expect(await db.outbox.count()).toBe(1);
    expect((await db.folders.get('INBOX'))?.unread).toBe(2);

    answer.resolve([{ opId: 'op-000001', status: 'applied' }]);
    expect(await result).toEqual({ ok: true });
    expect(await db.messages.get(idOf(1))).toMatchObject({ flags: ['\\Seen'], pending: false });
    expect(await db.outbox.count()).toBe(0);
  });

  it('sends nothing for a no-op (already read)', async () => {
    await performAction(ctx, 'markRead', [idOf(1)], {}, onStale);
    server.calls.length = 0;
    expect(await performAction(ctx, 'markRead', [idOf(1)], {}, onStale)).toEqual({ ok: true });
    expect(server.calls).toEqual([]);
  });

  it('reverts flags and counts when the op fails, and says why', async () => {
    server.nextActions = (ops) =>
      ops.map((op) => ({
        opId: op.opId,
        status: 'failed',
        code: 'imap_rejected',
        message: 'The mail server refused the operation.',
      }));
    const result = await performAction(ctx, 'flag', [idOf(1), idOf(2)], {}, onStale);
    expect(result).toEqual({ ok: false, message: 'The mail server refused the operation.' });
    expect(await db.messages.get(idOf(1))).toMatchObject({ flags: [], pending: false });
    expect(await db.outbox.count()).toBe(0);
  });

  it('reverts everything when the request fails as a whole (offline)', async () => {
    server.nextActions = ApiError.of('network');
    const result = await performAction(ctx, 'markRead', [idOf(1), idOf(2)], {}, onStale);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/reach/);
    expect((await db.messages.get(idOf(2)))?.flags).toEqual([]);
    expect((await db.folders.get('INBOX'))?.unread).toBe(3);
  });

  it('asks for a re-sync when the op is stale', async () => {
    server.nextActions = (ops) => ops.map((op) => ({ opId: op.opId, status: 'stale' }));
    const result = await performAction(ctx, 'markRead', [idOf(3)], {}, onStale);
    expect(result.ok).toBe(false);
    expect(onStale).toHaveBeenCalledWith('INBOX');
  });
});

describe('moves', () => {
  it('files the row under the destination at once, then re-keys header and body to newRef', async () => {
    await db.bodies.put({
      id: idOf(2),
      html: null,
      text: 'body',
      attachments: [],
      inline: [],
      tooComplex: false,
      lastReadAt: 1,
      fetchedAt: 1,
    });
    const answer = deferred<OpResult[]>();
    server.nextActions = (ops) => answer.promise.then(() => ops.map((op) => server.apply(op)));
    const result = performAction(ctx, 'archive', [idOf(2)], {}, onStale);

    await vi.waitFor(async () => expect((await db.messages.get(idOf(2)))?.folder).toBe('Archive'));
    expect(await db.messages.get(idOf(2))).toMatchObject({
      pending: true,
      origin: { folder: 'INBOX', uid: 2 },
    });
    expect((await db.folders.get('Archive'))?.total).toBe(1);

    answer.resolve([]);
    const done = await result;
    expect(done.ok).toBe(true);
    const newId = encodeMessageId({ folder: 'Archive', uidValidity: 1_700_000_000, uid: 1 });
    expect(await db.messages.get(idOf(2))).toBeUndefined();
    expect(await db.messages.get(newId)).toMatchObject({
      folder: 'Archive',
      uid: 1,
      pending: false,
      origin: null,
    });
    expect((await db.bodies.get(newId))?.text).toBe('body');
    expect(await db.bodies.get(idOf(2))).toBeUndefined();
  });

  it('undo moves the message back using its new ref, within the undo window only', async () => {
    const done = await performAction(ctx, 'move', [idOf(1)], { destination: 'Archive' }, onStale);
    expect(done.undo).toBeDefined();
    await done.undo?.();
    expect(server.calls.at(-1)).toBe('actions move');
    expect(server.uids('Archive')).toEqual([]);
    expect(server.uids('INBOX')).toEqual([2, 3, 4]);
    const back = await db.messages.get(
      encodeMessageId({ folder: 'INBOX', uidValidity: 1_700_000_000, uid: 4 }),
    );
    expect(back).toMatchObject({ folder: 'INBOX', pending: false });

    const late = await performAction(ctx, 'archive', [idOf(2)], {}, onStale);
    now += UNDO_WINDOW_MS + 1;
    await expect(late.undo?.()).rejects.toThrow(/too late/);
  });

  it('reverts a failed move to where the message was', async () => {
    server.nextActions = (ops) =>
      ops.map((op) => ({
        opId: op.opId,
        status: 'failed',
        code: 'quota_exceeded',
        message: 'Your mailbox is full.',
      }));
    const result = await performAction(ctx, 'move', [idOf(3)], { destination: 'Archive' }, onStale);
    expect(result).toMatchObject({ ok: false, message: 'Your mailbox is full.' });
    expect(await db.messages.get(idOf(3))).toMatchObject({
      folder: 'INBOX',
      pending: false,
      origin: null,
    });
    expect((await db.folders.get('Archive'))?.total).toBe(0);
  });

  it('fails in words when there is no folder for the action', async () => {
    await db.folders.delete('Archive');
    expect(await performAction(ctx, 'archive', [idOf(1)], {}, onStale)).toEqual({
      ok: false,
      message: 'There is no Archive folder on this account.',
    });
    expect(await performAction(ctx, 'move', [idOf(1)], {}, onStale)).toMatchObject({ ok: false });
    expect(server.calls).toEqual([]);
  });

  it('delete moves to Trash; delete in Trash removes the row for good (no undo)', async () => {
    const trashed = await performAction(ctx, 'delete', [idOf(1)], {}, onStale);
    expect(trashed.ok).toBe(true);
    const inTrash = encodeMessageId({ folder: 'Trash', uidValidity: 1_700_000_000, uid: 1 });
    expect(await db.messages.get(inTrash)).toMatchObject({ folder: 'Trash' });

    const expunged = await performAction(ctx, 'delete', [inTrash], {}, onStale);
    expect(expunged).toEqual({ ok: true });
    expect(await db.messages.get(inTrash)).toBeUndefined();
    expect(server.uids('Trash')).toEqual([]);
  });

  it('leaves rows under a pending move alone', async () => {
    const answer = deferred<OpResult[]>();
    server.nextActions = (ops) => answer.promise.then(() => ops.map((op) => server.apply(op)));
    const moving = performAction(ctx, 'archive', [idOf(1)], {}, onStale);
    await vi.waitFor(async () => expect((await db.messages.get(idOf(1)))?.pending).toBe(true));
    expect(await performAction(ctx, 'flag', [idOf(1)], {}, onStale)).toEqual({ ok: true });
    expect(server.calls).toEqual(['actions move']);
    answer.resolve([]);
    await moving;
  });
});

describe('outbox recovery', () => {
  it('re-sends ops a closed tab left in flight, once they are surely abandoned', async () => {
    await enqueueAction(ctx, 'archive', [idOf(1)], {});
    await recoverOutbox(ctx);
    expect(server.calls).toEqual([]); // too recent: its tab may still be waiting

    now += 61_000;
    await recoverOutbox(ctx);
    expect(server.calls).toEqual(['actions move']);
    expect(await db.outbox.count()).toBe(0);
    const newId = encodeMessageId({ folder: 'Archive', uidValidity: 1_700_000_000, uid: 1 });
    expect(await db.messages.get(newId)).toMatchObject({ pending: false, origin: null });
  });
});
