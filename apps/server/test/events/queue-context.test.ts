import { OtherDevice, startMailServer, type MailServer } from '@petrel/test-mailserver';
import type { ImapFlow, MailboxObject } from 'imapflow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventInput } from '../../src/events/event-log.ts';
import { watchConnection } from '../../src/events/watch-connection.ts';
import type { ImapAccess } from '../../src/imap/imap-access.ts';
import { SerialQueue } from '../../src/imap/serial-queue.ts';
import { firstOf, message } from './support/mail.ts';
import { waitFor } from './support/wait-for.ts';
import { connectWatched, keepIdling } from './support/watched-connection.ts';

let server: MailServer;
let device: OtherDevice;

beforeAll(async () => {
  server = await startMailServer();
  device = await OtherDevice.connect(server, server.users[0]!);
});
afterAll(async () => {
  await device?.close();
  await server?.stop();
});

/**
 * The pool's access: every call is a task of the user's queue. Records, per call, how many
 * tasks the queue counted while it ran: a call that bypassed the queue (taken for a
 * re-entrant one) runs with none, and the queue never drains after it — so the pool does not
 * restart IDLE (bench/ANALYSIS.md finding 4: new mail unannounced for up to 15 s).
 */
function queuedAccess(queue: SerialQueue, client: ImapFlow, counted: number[]): ImapAccess {
  return {
    withClient: (work) =>
      queue.run(() => {
        counted.push(queue.size);
        return work(client);
      }),
    withMailbox: (folder, work) =>
      queue.run(async () => {
        counted.push(queue.size);
        const lock = await client.getMailboxLock(folder);
        try {
          return await work(client, client.mailbox as MailboxObject);
        } finally {
          lock.release();
        }
      }),
  };
}

it('runs the watcher’s commands in the user’s queue when the connection was opened and announced inside a queue task', async () => {
  const queue = new SerialQueue();
  const counted: number[] = [];
  const events: EventInput[] = [];
  // As the pool does: it connects inside a queue task and announces the connection from one.
  const client = await queue.run(() => connectWatched(server, server.users[0]!));
  const stop = await queue.run(async () =>
    watchConnection(client, (event) => events.push(event), {
      access: queuedAccess(queue, client, counted),
      pollIntervalMs: 50, // polls from the watcher's own timer
    }),
  );
  const stopIdling = keepIdling(client, 'INBOX');
  try {
    await waitFor(() => counted.length >= 3, 5000, 'timer polls');
    const { uid } = await device.append('INBOX', message('Queued push'));
    const added = await waitFor(() => firstOf(events, 'messagesAdded', 'INBOX'), 5000, 'push');
    expect(added.headers.map((h) => h.uid)).toEqual([uid]);
    expect(counted.length).toBeGreaterThan(3);
    expect(counted.filter((tasks) => tasks === 0)).toEqual([]);
  } finally {
    stop();
    stopIdling();
    await client.logout().catch(() => client.close());
  }
});
