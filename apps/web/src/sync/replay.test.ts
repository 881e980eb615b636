import 'fake-indexeddb/auto';
import { encodeMessageId } from '@petrel/contract';
import type { Op, OpResult } from '@petrel/contract';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors.ts';
import { writeRows } from '../db/message-store.ts';
import { PetrelDb } from '../db/schema.ts';
import { ManualTimers } from '../testing/fake-browser.ts';
import { FakeServer } from '../testing/fake-server.ts';
import { UID_VALIDITY, header } from '../testing/fixtures.ts';
import { toRow } from './merge.ts';
import { discardOp } from './outbox-review.ts';
import { UNDO_WINDOW_MS, performAction } from './perform-action.ts';
import { Replayer } from './replay.ts';

let db: PetrelDb;
let server: FakeServer;
let replayer: Replayer;
let now: number;
const events = { authLost: vi.fn(), synced: vi.fn(), resync: vi.fn(async () => {}) };

beforeEach(async () => {
  db = new PetrelDb(`test-${crypto.randomUUID()}`);
  server = new FakeServer()
    .addFolder('INBOX', 4, '\\Inbox')
    .addFolder('Archive', 0, '\\Archive')
    .addFolder('Trash', 0, '\\Trash');
  now = 1_000_000;
  let n = 0;
  replayer = new Replayer({
    api: server,
    db,
    timers: new ManualTimers(),
    now: () => now,
    random: () => 0.5,
    newOpId: () => `re-${String(++n).padStart(6, '0')}`,
    resyncFolder: events.resync,
    onConnection: () => undefined,
    onAuthLost: events.authLost,
    onSynced: events.synced,
  });
  await db.folders.bulkPut((await server.listFolders()).folders);
  await writeRows(db, {
    put: server.uids('INBOX').map((uid) => toRow(server.message('INBOX', uid) ?? header(uid))),
    delete: [],
  });
  server.calls.length = 0;
  vi.clearAllMocks();
});
afterEach(async () => {
  replayer.stop();
  await db.delete();
});

let opCount = 0;
const act = (kind: Parameters<typeof performAction>[1], ids: string[], destination?: string) =>
  performAction(
    {
      db,
      now: () => now,
      newOpId: () => `op-${String(++opCount).padStart(6, '0')}`,
      replay: () => undefined,
    },
    kind,
    ids,
    destination ? { destination } : {},
  );
const idOf = (uid: number, folder = 'INBOX') => header(uid, folder).id;
const statuses = async () => (await db.outbox.orderBy('seq').toArray()).map((row) => row.status);
/** Moves the clock past any backoff and replays. */
const replayLater = async () => {
  now += 120_000;
  await replayer.kick(true);
};

describe('offline queue', () => {
  it('keeps actions queued and shown through network failures, then replays them once', async () => {
    server.nextActions = ApiError.of('network');
    await act('markRead', [idOf(1), idOf(2)]);
    await act('archive', [idOf(3)]);
    await replayer.kick();
    expect(await statuses()).toEqual(['pending', 'pending', 'pending']);
    expect(await db.messages.get(idOf(1))).toMatchObject({ flags: ['\\Seen'], pending: true });
    expect(await db.messages.get(idOf(3))).toMatchObject({ folder: 'Archive', pending: true });

    await replayLater();
    expect(await statuses()).toEqual(['applied', 'applied', 'applied']);
    expect(server.message('INBOX', 1)?.flags).toEqual(['\\Seen']);
    expect(server.uids('Archive')).toEqual([1]);
    const archived = encodeMessageId({ folder: 'Archive', uidValidity: UID_VALIDITY, uid: 1 });
    expect(await db.messages.get(archived)).toMatchObject({
      folder: 'Archive',
      pending: false,
      origin: null,
    });
    expect(events.synced).toHaveBeenCalledWith(3);
  });

  it('re-sends the same opId after a lost reply, and the server applies it once', async () => {
    const sent: Op[][] = [];
    server.nextActions = (ops) => {
      sent.push(ops);
      ops.forEach((op) => server.applyOnce(op));
      throw ApiError.of('network'); // applied, but the reply never arrives
    };
    await act('archive', [idOf(2)]);
    await replayer.kick();
    await replayLater();
    expect(server.uids('Archive')).toEqual([1]);
    expect(server.uids('INBOX')).toEqual([1, 3, 4]);
    expect((await db.outbox.toArray())[0]).toMatchObject({
      opId: sent[0]?.[0]?.opId,
      status: 'applied',
    });
  });

  it('chains a flag after a move and re-targets it to the new UID', async () => {
    server.nextActions = ApiError.of('network');
    await act('archive', [idOf(1)]);
    await replayer.kick();
    await act('flag', [idOf(1)]);
    await replayLater();
    expect(server.calls.filter((call) => call.startsWith('actions'))).toEqual([
      'actions move',
      'actions move',
      'actions setFlags',
    ]);
    expect(server.message('Archive', 1)?.flags).toEqual(['\\Flagged']);
    expect(await statuses()).toEqual(['applied', 'applied']);
  });

  it('undo within the window cancels an unsent move without a request', async () => {
    const done = await act('archive', [idOf(4)]);
    await done.undo?.();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.messages.get(idOf(4))).toMatchObject({
      folder: 'INBOX',
      origin: null,
      pending: false,
    });
    const late = await act('archive', [idOf(4)]);
    now += UNDO_WINDOW_MS + 1;
    await expect(late.undo?.()).rejects.toThrow(/too late/);
  });
});

describe('writing the answers', () => {
  it('settles a batch of answers in one transaction, so live queries re-run once per batch', async () => {
    await act('markRead', [idOf(1)]);
    await act('flag', [idOf(2)]);
    await act('archive', [idOf(3)]);
    await act('delete', [idOf(4)]);
    const original = db.transaction.bind(db) as (...args: unknown[]) => unknown;
    let outermost = 0;
    vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) => {
      if (!Dexie.currentTransaction) outermost += 1;
      return original(...args);
    }) as typeof db.transaction);
    await replayer.kick();
    expect(await statuses()).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(server.uids('Archive')).toEqual([1]);
    // Claiming the batch, all four answers, claiming the next batch (none left); one per
    // answer before.
    expect(outermost).toBe(3);
  });
});

describe('conflicts', () => {
  it('gone: the op becomes a conflict and the message leaves the cache', async () => {
    await act('flag', [idOf(2)]);
    server.expunge('INBOX', 2);
    await replayer.kick();
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({
        status: 'conflict',
        problem: expect.objectContaining({ reason: 'gone' }),
      }),
    ]);
    expect(await db.messages.get(idOf(2))).toBeUndefined();
  });

  it('a deleted destination folder returns the message to where the server has it', async () => {
    await act('archive', [idOf(1)]);
    server.removeFolder('Archive');
    await replayer.kick();
    expect((await db.outbox.toArray())[0]).toMatchObject({
      status: 'conflict',
      problem: { reason: 'folderMissing' },
    });
    expect(await db.messages.get(idOf(1))).toMatchObject({
      folder: 'INBOX',
      origin: null,
      pending: false,
    });
  });

  it('stale: re-targets by Message-ID after the folder got a new UIDVALIDITY', async () => {
    await act('flag', [idOf(3)]);
    server.renumber('INBOX');
    await replayer.kick();
    expect(events.resync).toHaveBeenCalledWith('INBOX');
    await replayer.kick();
    const renumbered = server.uids('INBOX').map((uid) => server.message('INBOX', uid));
    expect(renumbered.find((m) => m?.subject === 'Message 3')?.flags).toEqual(['\\Flagged']);
    expect(renumbered.filter((m) => m?.flags.includes('\\Flagged'))).toHaveLength(1);
  });

  it('a refusal is retried under new opIds and shown as failed after three attempts, then left alone', async () => {
    const refuse = (ops: Op[]): OpResult[] =>
      ops.map((op) => ({
        opId: op.opId,
        status: 'failed',
        code: 'imap_rejected',
        message: 'Refused.',
      }));
    await act('flag', [idOf(1)]);
    for (let i = 0; i < 3; i++) {
      server.nextActions = refuse;
      await replayLater();
    }
    expect((await db.outbox.toArray())[0]).toMatchObject({ status: 'failed', attempts: 2 });
    const calls = server.calls.length;
    await replayLater();
    expect(server.calls.length).toBe(calls);
    expect(await db.messages.get(idOf(1))).toMatchObject({ flags: ['\\Flagged'], pending: true });

    expect(await discardOp(db, server, (await db.outbox.toArray())[0]?.opId ?? '')).toBe(true);
    expect(await db.messages.get(idOf(1))).toMatchObject({ flags: [], pending: false });
  });

  it('401 pauses the queue without losing anything', async () => {
    server.nextActions = ApiError.of('unauthenticated', 401);
    await act('markRead', [idOf(1)]);
    await replayer.kick();
    expect(events.authLost).toHaveBeenCalled();
    expect(await statuses()).toEqual(['pending']);
  });
});

describe('known offline', () => {
  it('sends nothing while the browser is offline, so later toggles still coalesce', async () => {
    let online = false;
    const offline = new Replayer({
      api: server,
      db,
      timers: new ManualTimers(),
      now: () => now,
      online: () => online,
      resyncFolder: events.resync,
      onConnection: () => undefined,
      onAuthLost: events.authLost,
      onSynced: events.synced,
    });
    await act('flag', [idOf(1)]);
    await offline.kick(true);
    await act('unflag', [idOf(1)]);
    await act('markRead', [idOf(2)]);
    expect(server.calls).toEqual([]);
    online = true;
    await offline.kick(true);
    expect(server.calls).toEqual(['actions setFlags']);
    expect(events.synced).toHaveBeenCalledWith(1);
  });
});

describe('backoff', () => {
  it('after a network failure only the timer or a forced kick sends again', async () => {
    const timers = new ManualTimers();
    const backingOff = new Replayer({
      api: server,
      db,
      timers,
      now: () => now,
      random: () => 0.5,
      resyncFolder: events.resync,
      onConnection: () => undefined,
      onAuthLost: events.authLost,
      onSynced: events.synced,
    });
    server.nextActions = ApiError.of('network');
    await act('flag', [idOf(1)]);
    await backingOff.kick();
    expect([...timers.pending.values()].map((timer) => timer.ms)).toEqual([750]);
    await act('flag', [idOf(2)]);
    await backingOff.kick();
    expect(server.calls).toEqual(['actions setFlags']);
    now += 750;
    timers.runAll();
    await vi.waitFor(async () => expect(await statuses()).toEqual(['applied', 'applied']));
    expect(server.calls).toEqual(['actions setFlags', 'actions setFlags,setFlags']);
    backingOff.stop();
  });
});
