import { parseStateToken } from '@petrel/contract';
import { OtherDevice, startMailServer, type MailServer } from '@petrel/test-mailserver';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/events/event-log.ts';
import { watchConnection, type WatchOptions } from '../../src/events/watch-connection.ts';
import { newWatchMemory, type WatchMemory } from '../../src/events/watch-memory.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';
import { firstOf, message } from './support/mail.ts';
import { waitFor } from './support/wait-for.ts';
import { connectWatched, keepIdling } from './support/watched-connection.ts';

let server: MailServer;
let device: OtherDevice;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startMailServer();
  device = await OtherDevice.connect(server, server.users[0]!);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(async () => {
  await device?.close();
  await server?.stop();
});

interface Watched {
  client: ImapFlow;
  events: EventInput[];
  memory: WatchMemory;
}

/** A watcher on its own connection, IDLE on INBOX, once the first poll has run. */
async function watch(options: Partial<WatchOptions> = {}): Promise<Watched> {
  const client = await connectWatched(server, server.users[0]!);
  const events: EventInput[] = [];
  const memory = newWatchMemory();
  const stop = watchConnection(client, (event) => events.push(event), {
    access: singleConnectionAccess(client),
    memory,
    pollIntervalMs: 60_000,
    ...options,
  });
  const stopIdling = keepIdling(client, 'INBOX');
  cleanups.push(async () => {
    stop();
    stopIdling();
    await client.logout().catch(() => client.close());
  });
  await waitFor(() => client.idling && memory.folders !== null, 5000, 'IDLE and the first poll');
  return { client, events, memory };
}

/** Every folder event of `folder` continues the previous one's state (docs/api.md). */
function expectOneChain(events: readonly EventInput[], folder: string): void {
  const chain = events.filter(
    (e) =>
      (e.type === 'messagesAdded' || e.type === 'flagsChanged' || e.type === 'messagesVanished') &&
      e.folder === folder,
  ) as { prevState: string | null; state: string | null }[];
  for (let i = 1; i < chain.length; i += 1) expect(chain[i]!.prevState).toBe(chain[i - 1]!.state);
  for (const event of chain) expect(event.state).not.toBeNull();
}

describe('watchConnection', () => {
  it('pushes new mail, flag changes and expunges made by another device, each within 2 s', async () => {
    const { events } = await watch();
    const latency: Record<string, number> = {};

    let start = Date.now();
    const { uid } = await device.append('INBOX', message('Pushed mail'));
    const added = await waitFor(
      () => firstOf(events, 'messagesAdded', 'INBOX'),
      2000,
      'messagesAdded',
    );
    latency.added = Date.now() - start;
    expect(added.headers.map((h) => [h.uid, h.subject, h.folder])).toEqual([
      [uid, 'Pushed mail', 'INBOX'],
    ]);
    expect(parseStateToken(added.state!)!.uidNext).toBe(uid + 1);

    start = Date.now();
    await device.addFlags('INBOX', [uid], ['\\Flagged']);
    const flagged = await waitFor(
      () => firstOf(events, 'flagsChanged', 'INBOX'),
      2000,
      'flagsChanged',
    );
    latency.flags = Date.now() - start;
    expect(flagged.changes).toEqual([
      { uid, flags: ['\\Flagged'], modseq: expect.stringMatching(/^[1-9]\d*$/) },
    ]);

    start = Date.now();
    await device.expunge('INBOX', [uid]);
    const vanished = await waitFor(
      () => firstOf(events, 'messagesVanished', 'INBOX'),
      2000,
      'messagesVanished',
    );
    latency.vanished = Date.now() - start;
    expect(vanished.uids).toEqual([uid]);

    expectOneChain(events, 'INBOX');
    console.info('push latency (ms, from the other device’s command):', latency);
  });

  it('reports changes in other folders as folderCounts, and folder list changes, from the poll', async () => {
    const { events, memory } = await watch({ pollIntervalMs: 100 });
    const before = memory.folders!.get('Archive')!;
    await device.append('Archive', message('Archived elsewhere'));
    const counts = await waitFor(
      () => firstOf(events, 'folderCounts', 'Archive'),
      2000,
      'folderCounts',
    );
    expect(counts).toMatchObject({ total: before.total + 1, unread: before.unread + 1 });
    expect(counts.state).not.toBe(before.state);
    expect(firstOf(events, 'messagesAdded', 'Archive')).toBeUndefined();

    await device.createFolder('Projects');
    await waitFor(() => firstOf(events, 'foldersChanged'), 2000, 'foldersChanged');
  });

  it('announces new mail by folderCounts alone when headers cannot be pushed', async () => {
    const { events, memory } = await watch({ fetchHeaders: null });
    const before = memory.folders!.get('INBOX')!;
    await device.append('INBOX', message('Hinted mail'));
    const hint = await waitFor(
      () => firstOf(events, 'folderCounts', 'INBOX'),
      2000,
      'folderCounts',
    );
    expect(hint.total).toBe(before.total + 1);
    expect(hint.state).not.toBe(before.state);
    expect(firstOf(events, 'messagesAdded')).toBeUndefined();
  });

  it('does no IMAP work while nobody listens, and reports what changed once someone does', async () => {
    let active = true;
    const { events, memory } = await watch({ pollIntervalMs: 100, isActive: () => active });
    const before = memory.folders!.get('INBOX')!;
    active = false;
    await device.append('INBOX', message('While away'));
    await device.append('Archive', message('Also while away'));
    active = true;
    const inbox = await waitFor(
      () => firstOf(events, 'folderCounts', 'INBOX'),
      2000,
      'folderCounts of INBOX',
    );
    await waitFor(
      () => firstOf(events, 'folderCounts', 'Archive'),
      2000,
      'folderCounts of Archive',
    );
    expect(inbox.total).toBe(before.total + 1);
    expect(inbox.state).not.toBe(before.state);
  });

  it('announces what changed while another folder was selected, then chains from the new SELECT', async () => {
    const { client, events } = await watch();
    // A request on another folder, as the mail routes make: INBOX is not selected meanwhile,
    // so its changes produce no untagged responses.
    const lock = await client.getMailboxLock('Archive');
    const { uid } = await device.append('INBOX', message('While elsewhere'));
    lock.release();

    const counts = await waitFor(
      () => firstOf(events, 'folderCounts', 'INBOX'),
      2000,
      'folderCounts',
    );
    expect(parseStateToken(counts.state!)!.uidNext).toBe(uid + 1);
    expect(firstOf(events, 'messagesAdded')).toBeUndefined();

    await device.addFlags('INBOX', [uid], ['\\Seen']);
    const flagged = await waitFor(
      () => firstOf(events, 'flagsChanged', 'INBOX'),
      2000,
      'flagsChanged',
    );
    expect(flagged.changes.map((c) => c.uid)).toEqual([uid]);
    expect(flagged.prevState).toBe(counts.state);
  });

  it('sends mail that arrives while a push waits its turn once, with the mail before it', async () => {
    const client = await connectWatched(server, server.users[0]!);
    const events: EventInput[] = [];
    const direct = singleConnectionAccess(client);
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let holdPushes = false;
    const stop = watchConnection(client, (event) => events.push(event), {
      access: {
        withClient: direct.withClient,
        // The user's other work holding the queue: the push fetch waits, IDLE goes on.
        withMailbox: async (folder, work, options) => {
          if (holdPushes) await gate;
          return direct.withMailbox(folder, work, options);
        },
      },
    });
    const stopIdling = keepIdling(client, 'INBOX');
    cleanups.push(async () => {
      stop();
      stopIdling();
      await client.logout().catch(() => client.close());
    });
    await waitFor(() => client.idling, 5000, 'IDLE');
    holdPushes = true;
    const before = client.mailbox ? client.mailbox.exists : 0;
    const uids: number[] = [];
    for (const subject of ['First', 'Second', 'Third']) {
      uids.push((await device.append('INBOX', message(subject))).uid);
      await waitFor(() => client.mailbox && client.mailbox.exists === before + uids.length);
    }
    openGate();
    await waitFor(() => firstOf(events, 'messagesAdded', 'INBOX'), 5000, 'messagesAdded');
    // A later command on the same connection: any further event would have been sent by now.
    await client.noop();
    const added = events.filter((e) => e.type === 'messagesAdded');
    expect(added.map((e) => e.headers.map((h) => h.uid))).toEqual([uids]);
  });

  it('sends nothing after stop', async () => {
    const client = await connectWatched(server, server.users[0]!);
    const events: EventInput[] = [];
    const stop = watchConnection(client, (event) => events.push(event), {
      access: singleConnectionAccess(client),
    });
    const stopIdling = keepIdling(client, 'INBOX');
    cleanups.push(async () => {
      stopIdling();
      await client.logout().catch(() => client.close());
    });
    await waitFor(() => client.idling, 5000, 'IDLE');
    stop();
    await device.append('INBOX', message('After stop'));
    // A later command on the same connection sees the EXISTS for sure, so the watcher had
    // every chance to react if it were still listening.
    await client.noop();
    expect(events.filter((e) => e.type !== 'folderCounts' && e.type !== 'foldersChanged')).toEqual(
      [],
    );
  });
});
