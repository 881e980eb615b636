import 'fake-indexeddb/auto';
import type { ServerEvent } from '@petrel/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { messageCount } from '../db/message-counts.ts';
import { ApiError } from '../api/errors.ts';
import { engineHarness } from '../testing/engine-harness.ts';
import { FakeServer } from '../testing/fake-server.ts';

let server: FakeServer;
let harness: ReturnType<typeof engineHarness>;
let seq = 0;
const id = () => `1700000000000-${++seq}`;

beforeEach(async () => {
  server = new FakeServer().addFolder('INBOX', 10, '\\Inbox').addFolder('Trash', 0, '\\Trash');
  harness = engineHarness(server);
  await harness.engine.start();
  await harness.idle();
  server.calls.length = 0;
});
afterEach(() => harness.close());

/** Emits on the stream and waits until the engine applied it (and what it triggered). */
async function emit(event: ServerEvent): Promise<void> {
  harness.source().emit(event);
  await vi.waitFor(async () =>
    expect((await harness.db.meta.get('lastEventId'))?.value).toBe(event.id),
  );
}

const storedState = async () => (await harness.db.syncState.get('INBOX'))?.state ?? null;

describe('SSE events', () => {
  it('messagesAdded continuing the stored state stores the new state without a changes call', async () => {
    const prevState = await storedState();
    const headers = server.deliver('INBOX', 2);
    const state = server.state('INBOX');
    await emit({ id: id(), type: 'messagesAdded', folder: 'INBOX', prevState, state, headers });

    expect(await harness.uidsOf('INBOX')).toEqual(server.uids('INBOX'));
    expect(await storedState()).toBe(state);
    expect(await messageCount(harness.db, 'INBOX')).toBe(12);
    expect(server.calls).toEqual([]);
  });

  it('an event that does not continue the stored state is applied and followed by changes', async () => {
    server.setFlags('INBOX', 2, ['\\Flagged']); // missed by the client
    const updated = server.setFlags('INBOX', 3, ['\\Seen']);
    await emit({
      id: id(),
      type: 'flagsChanged',
      folder: 'INBOX',
      prevState: '1700000000:1:1',
      state: server.state('INBOX'),
      changes: [{ uid: 3, flags: updated.flags, modseq: updated.modseq ?? '0' }],
    });

    await vi.waitFor(() => expect(server.calls).toContain('changes INBOX'));
    await vi.waitFor(async () => expect(await storedState()).toBe(server.state('INBOX')));
    expect((await harness.db.messages.get(updated.id))?.flags).toEqual(['\\Seen']);
    expect((await harness.db.messages.get(server.message('INBOX', 2)?.id ?? ''))?.flags).toEqual([
      '\\Flagged',
    ]);
  });

  it('flagsChanged with an older modseq than cached is ignored', async () => {
    const newer = server.setFlags('INBOX', 4, ['\\Seen']);
    await harness.engine.syncAll();
    await emit({
      id: id(),
      type: 'flagsChanged',
      folder: 'INBOX',
      prevState: null,
      state: null,
      changes: [{ uid: 4, flags: [], modseq: '1' }],
    });
    expect((await harness.db.messages.get(newer.id))?.flags).toEqual(['\\Seen']);
  });

  it('messagesVanished deletes the rows', async () => {
    const prevState = await storedState();
    server.expunge('INBOX', 1);
    server.expunge('INBOX', 2);
    await emit({
      id: id(),
      type: 'messagesVanished',
      folder: 'INBOX',
      prevState,
      state: server.state('INBOX'),
      uids: [1, 2, 77],
    });
    expect(await harness.uidsOf('INBOX')).toEqual(server.uids('INBOX'));
    expect(server.calls).toEqual([]);
  });

  it('folderCounts updates counts and calls changes when the state moved', async () => {
    server.deliver('INBOX', 1);
    await emit({
      id: id(),
      type: 'folderCounts',
      folder: 'INBOX',
      total: 11,
      unread: 11,
      state: server.state('INBOX'),
    });
    expect(await harness.db.folders.get('INBOX')).toMatchObject({ total: 11, unread: 11 });
    await vi.waitFor(async () => expect(await harness.uidsOf('INBOX')).toHaveLength(11));
    expect(server.calls).toEqual(['changes INBOX']);
  });

  it('foldersChanged refetches the folder list and lists a new folder', async () => {
    server.addFolder('Projects', 3);
    await emit({ id: id(), type: 'foldersChanged' });
    await vi.waitFor(async () => expect(await harness.uidsOf('Projects')).toEqual([1, 2, 3]));
    expect(server.calls[0]).toBe('folders');
  });

  it('a fresh hello catches up every folder; a resumed one does not', async () => {
    await emit({ id: id(), type: 'hello', protocolVersion: 1, lastEventId: '1700000000000-1' });
    expect(server.calls).toEqual([]);
    await emit({ id: id(), type: 'hello', protocolVersion: 1, lastEventId: null });
    await vi.waitFor(() =>
      expect(server.calls).toEqual(['folders', 'changes INBOX', 'changes Trash']),
    );
    expect(harness.status.get().connection).toBe('online');
  });

  it('connection events drive the status', async () => {
    await emit({ id: id(), type: 'connection', state: 'unavailable' });
    expect(harness.status.get()).toMatchObject({
      connection: 'reconnecting',
      error: expect.any(String),
    });
    await emit({ id: id(), type: 'connection', state: 'connected' });
    expect(harness.status.get()).toMatchObject({ connection: 'online', error: null });
    await emit({ id: id(), type: 'connection', state: 'authLost' });
    expect(harness.status.get().connection).toBe('authLost');
  });

  it('resync for a folder with a new UIDVALIDITY lists it again', async () => {
    server.renumber('INBOX');
    await emit({ id: id(), type: 'resync', folder: 'INBOX', reason: 'uidValidityChanged' });
    await vi.waitFor(() => expect(server.calls).toContain('list INBOX'));
    await harness.idle();
    const rows = await harness.db.messages.toArray();
    expect(rows.every((row) => row.uidValidity === 1_700_000_001)).toBe(true);
    expect(rows).toHaveLength(10);
  });

  it('ignores unknown event types and catches up after an invalid event', async () => {
    harness.source().emitRaw('somethingNew', '{}');
    harness.source().emitRaw('flagsChanged', '{"type":"flagsChanged"}');
    await vi.waitFor(() => expect(server.calls).toContain('folders'));
  });
});

describe('stream recovery', () => {
  it('reconnects with backoff after the browser gave up, if the session is fine', async () => {
    harness.source().fail(false);
    expect(harness.status.get().connection).toBe('reconnecting');
    expect(harness.timers.pending.size).toBe(0); // the browser retries by itself

    harness.source().fail(true);
    await vi.waitFor(() => expect(harness.timers.pending.size).toBe(1));
    harness.timers.runAll();
    expect(harness.sources).toHaveLength(2);
    expect(harness.sources[0]?.closed).toBe(true);
  });

  it('stops and reports authLost when the session is gone', async () => {
    server.getSession = () => Promise.reject(ApiError.of('unauthenticated', 401));
    harness.source().fail(true);
    await vi.waitFor(() => expect(harness.onAuthLost).toHaveBeenCalled());
    expect(harness.status.get().connection).toBe('authLost');
    expect(harness.timers.pending.size).toBe(0);
  });
});
