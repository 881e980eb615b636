import 'fake-indexeddb/auto';
import type { ServerEvent } from '@petrel/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { messageCount } from '../db/message-counts.ts';
import { folderRange } from '../db/message-store.ts';
import { ManualTimers } from '../testing/fake-browser.ts';
import { FakeServer } from '../testing/fake-server.ts';
import { engineHarness } from '../testing/engine-harness.ts';
import { header } from '../testing/fixtures.ts';
import { performAction } from './perform-action.ts';
import type { ActionContext } from './perform-action.ts';
import { Replayer } from './replay.ts';

/**
 * The running counts of cached headers (db/message-counts.ts) against the real sync paths:
 * after every step each folder's count must equal its rows, and the server's messages.
 */

const FOLDERS = ['INBOX', 'Archive', 'Trash'];
let server: FakeServer;
let harness: ReturnType<typeof engineHarness>;
let replayer: Replayer;
const now = 1_000_000;
let seq = 0;

beforeEach(async () => {
  server = new FakeServer()
    .addFolder('INBOX', 40, '\\Inbox')
    .addFolder('Archive', 5, '\\Archive')
    .addFolder('Trash', 0, '\\Trash');
  harness = engineHarness(server);
  await harness.engine.start();
  await harness.idle();
  replayer = new Replayer({
    api: server,
    db: harness.db,
    timers: new ManualTimers(),
    now: () => now,
    random: () => 0.5,
    newOpId: () => crypto.randomUUID(),
    resyncFolder: (folder) => harness.engine.resyncFolder(folder),
    onConnection: () => undefined,
    onAuthLost: () => undefined,
    onSynced: () => undefined,
  });
});
afterEach(async () => {
  replayer.stop();
  await harness.close();
});

const actions: ActionContext = {
  get db() {
    return harness.db;
  },
  now: () => now,
  newOpId: () => crypto.randomUUID(),
  replay: () => undefined,
};

async function counts(): Promise<Record<string, number>> {
  const entries = await Promise.all(
    FOLDERS.map(async (folder) => {
      const rows = await folderRange(harness.db, folder).count();
      expect(await messageCount(harness.db, folder), `running count of ${folder}`).toBe(rows);
      return [folder, rows] as const;
    }),
  );
  return Object.fromEntries(entries);
}

const serverCounts = () =>
  Object.fromEntries(FOLDERS.map((folder) => [folder, server.uids(folder).length]));

async function emit(event: ServerEvent): Promise<void> {
  harness.source().emit(event);
  await vi.waitFor(async () =>
    expect((await harness.db.meta.get('lastEventId'))?.value).toBe(event.id),
  );
  await harness.idle();
}

const eventId = () => `1700000000000-${++seq}`;

describe('running message counts through sync', () => {
  it('count new mail once when events repeat, and follow expunges and a new UIDVALIDITY', async () => {
    expect(await counts()).toEqual({ INBOX: 40, Archive: 5, Trash: 0 });
    const prevState = (await harness.db.syncState.get('INBOX'))?.state ?? null;
    const headers = server.deliver('INBOX', 3);
    const state = server.state('INBOX');
    const added = { type: 'messagesAdded', folder: 'INBOX', prevState, state, headers } as const;
    await emit({ id: eventId(), ...added });
    await emit({ id: eventId(), ...added });
    expect(await counts()).toEqual({ INBOX: 43, Archive: 5, Trash: 0 });

    server.expunge('INBOX', 1);
    server.expunge('INBOX', 2);
    const vanished = { type: 'messagesVanished' as const, folder: 'INBOX', uids: [1, 2] };
    await emit({ id: eventId(), ...vanished, prevState: null, state: server.state('INBOX') });
    await emit({ id: eventId(), ...vanished, prevState: null, state: server.state('INBOX') });
    expect(await counts()).toEqual(serverCounts());

    server.renumber('INBOX');
    server.expunge('INBOX', 5);
    await harness.engine.resyncFolder('INBOX');
    expect(await counts()).toEqual(serverCounts());
  });

  it('follow optimistic moves out and in, their replay, undo and the server catching up', async () => {
    const ids = [1, 2, 3].map((uid) => header(uid).id);
    const archived = await performAction(actions, 'archive', ids, {});
    expect(await counts()).toEqual({ INBOX: 37, Archive: 8, Trash: 0 });
    await performAction(actions, 'delete', [header(4).id], {});
    await performAction(actions, 'move', [header(1, 'Archive').id], { destination: 'INBOX' });
    expect(await counts()).toEqual({ INBOX: 37, Archive: 7, Trash: 1 });

    await replayer.kick(true);
    expect(await counts()).toEqual(serverCounts());
    await archived.undo?.();
    await replayer.kick(true);
    expect(await counts()).toEqual(serverCounts());

    // The server's own view, through `changes`, adds no second copy of the moved mail.
    await harness.engine.syncAll();
    await harness.idle();
    expect(await counts()).toEqual(serverCounts());
    expect(await counts()).toEqual({ INBOX: 40, Archive: 4, Trash: 1 });
  });
});
