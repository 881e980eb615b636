import { OtherDevice, startMailServer, type MailServer } from '@petrel/test-mailserver';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../src/events/event-log.ts';
import { MemoryEventLog } from '../../src/events/memory-event-log.ts';
import { bindChangeWatchers } from '../../src/events/pool-binding.ts';
import type { PoolEvent, SessionPoolHooks } from '../../src/imap/pool-events.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';
import { message } from './support/mail.ts';
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

/** The pool's hooks without a pool: the test plays the pool's events itself. */
function fakePool() {
  const listeners = new Set<(event: PoolEvent) => void>();
  const idleFolders = new Map<string, string | null>();
  const hooks: SessionPoolHooks = {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    registerStream: () => () => {},
    streamCount: () => 1, // a tab is open: the watcher works
    setIdleFolder: (email, folder) => idleFolders.set(email, folder),
    access: () => {
      throw new Error('set by the test');
    },
  };
  return {
    hooks,
    idleFolders,
    emit: (event: PoolEvent) => listeners.forEach((listener) => listener(event)),
  };
}

describe('bindChangeWatchers', () => {
  it('watches each connected client and logs connection changes', async () => {
    const user = server.users[0]!;
    const email = user.email;
    const log = new MemoryEventLog();
    const seen: LoggedEvent[] = [];
    log.subscribe(email, (event) => seen.push(event));
    const pool = fakePool();
    const unbind = bindChangeWatchers(pool.hooks, { eventLog: log }, pino({ level: 'silent' }));

    const client = await connectWatched(server, user);
    pool.hooks.access = () => singleConnectionAccess(client);
    const stopIdling = keepIdling(client, 'INBOX');
    try {
      pool.emit({ type: 'connected', email: email.toUpperCase(), client });
      expect(pool.idleFolders.get(email)).toBe('INBOX');
      expect(seen.map((e) => e.type)).toEqual(['connection']);
      await waitFor(() => client.idling, 5000, 'IDLE');

      const { uid } = await device.append('INBOX', message('Through the pool'));
      const added = await waitFor(
        () => seen.find((e) => e.type === 'messagesAdded'),
        2000,
        'messagesAdded',
      );
      expect(added.type === 'messagesAdded' && added.headers[0]!.uid).toBe(uid);

      pool.emit({
        type: 'disconnected',
        email,
        attempt: 1,
        retryInMs: 1000,
        code: 'imap_unavailable',
      });
      pool.emit({
        type: 'disconnected',
        email,
        attempt: 2,
        retryInMs: null,
        code: 'imap_unavailable',
      });
      pool.emit({ type: 'authLost', email, sessionIds: ['session-1'] });
      // Memory of the user is gone with authLost: a later connection cannot diff against
      // it, so anyone resuming from before is told to re-sync.
      pool.emit({ type: 'connected', email, client });
      await waitFor(() => seen.some((e) => e.type === 'resync'), 2000, 'resync');
      const states = seen
        .filter((e) => e.type === 'connection')
        .map((e) => e.type === 'connection' && e.state);
      // authLost is told to the affected streams by the route, not logged for every session.
      expect(states).toEqual(['connected', 'reconnecting', 'unavailable', 'connected']);
      expect(seen.find((e) => e.type === 'resync')).toMatchObject({ reason: 'unknown' });
    } finally {
      unbind();
      stopIdling();
      await client.logout().catch(() => client.close());
    }
  });
});
