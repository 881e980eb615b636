import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultProxy, OtherDevice, startMailServer, type MailServer } from '@petrel/test-mailserver';
import type { FastifyInstance } from 'fastify';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { sessionKey } from '../src/auth/session-token.ts';
import type { PoolConfig } from '../src/config.ts';
import type { PoolEvent, StreamEndReason } from '../src/imap/pool-events.ts';
import { signIn, testConfig, waitFor } from './support/harness.ts';

const alice = { email: 'alice@petrel.test', password: 'alice-password' };
const bob = { email: 'bob@petrel.test', password: 'bob-password' };
const carol = { email: 'carol@petrel.test', password: 'carol-password' };
const users = [alice, bob, carol];

let server: MailServer;
let proxy: FaultProxy;
let app: FastifyInstance | null = null;
beforeAll(async () => {
  server = await startMailServer({ users });
  proxy = await FaultProxy.start({ target: server });
});
afterEach(async () => {
  proxy.resume();
  await app?.close();
  app = null;
  await waitFor(() => proxy.activeConnections === 0);
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

/** An app behind the fault proxy, with test routes that use request.imap until the mail routes exist. */
async function start(pool: Partial<PoolConfig> = {}): Promise<FastifyInstance> {
  app = await buildApp(testConfig(proxy, { pool }), { logger: false });
  app.get<{ Params: { folder: string } }>('/api/test/select/:folder', { config: { auth: true } }, (request) =>
    request.imap.withMailbox(request.params.folder, async (client, mailbox) => {
      // Give other requests every chance to interleave, if the pool let them.
      await new Promise((r) => setTimeout(r, 5));
      return { selected: mailbox.path, current: client.mailbox ? client.mailbox.path : null };
    }, { readOnly: true }),
  );
  app.get('/api/test/list', { config: { auth: true } }, (request) =>
    request.imap.withClient(async (client) => ({ count: (await client.list()).length })),
  );
  return app;
}

const get = (url: string, cookie: string) => app!.inject({ method: 'GET', url, headers: { cookie } });

describe('one IMAP connection per user', () => {
  it('serves two tabs’ concurrent requests over one connection, without interleaving', async () => {
    await start();
    const before = proxy.totalConnections;
    const tab1 = await signIn(app!, alice);
    const tab2 = await signIn(app!, alice);
    const folders = ['INBOX', 'Sent', 'Drafts', 'Trash'];
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const folder = folders[i % folders.length]!;
        return get(`/api/test/select/${folder}`, i % 2 ? tab1.cookie : tab2.cookie).then((res) => ({ folder, res }));
      }),
    );
    for (const { folder, res } of responses) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ selected: folder, current: folder });
    }
    // The second sign-in checks the password on a connection of its own, then drops it.
    expect(proxy.totalConnections - before).toBe(2);
    await waitFor(() => proxy.activeConnections === 1);
  });

  it('refuses a connection beyond the configured cap with 503 too_many_connections', async () => {
    await start({ maxConnections: 1 });
    expect((await signIn(app!, alice)).response.statusCode).toBe(200);
    const { response } = await signIn(app!, bob);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'too_many_connections' });
  });

  it('closes an unused connection and reopens it on demand', async () => {
    await start({ idleCloseMs: 200 });
    const { cookie } = await signIn(app!, alice);
    await waitFor(() => proxy.activeConnections === 1);
    await waitFor(() => proxy.activeConnections === 0);
    expect((await get('/api/test/list', cookie)).statusCode).toBe(200);
    expect(proxy.activeConnections).toBe(1);
  });
});

describe('failures', () => {
  it('fails a request whose connection is cut with 503, then reconnects for the next', async () => {
    await start();
    let client: ImapFlow | null = null;
    app!.sessionPool.on((event) => {
      if (event.type === 'connected') client = event.client;
    });
    const { cookie } = await signIn(app!, alice);
    // The pool SELECTs INBOX and IDLEs after sign-in; cut the request's own command.
    await waitFor(() => client?.idling === true);
    const cut = proxy.cutOnCommand(/LIST/);
    const failed = await get('/api/test/list', cookie);
    await cut;
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({ code: 'imap_unavailable' });
    const next = await get('/api/test/list', cookie);
    expect(next.statusCode).toBe(200);
    expect(next.json().count).toBeGreaterThan(3);
  });

  it('fails a stalled request after the socket timeout instead of hanging', async () => {
    await start({ socketTimeoutMs: 600 });
    let client: ImapFlow | null = null;
    app!.sessionPool.on((event) => {
      if (event.type === 'connected') client = event.client;
    });
    const { cookie } = await signIn(app!, alice);
    expect((await get('/api/test/list', cookie)).statusCode).toBe(200);
    // Stall the request's own command, not the pool's way into IDLE after the previous one
    // (that drop would make the request reconnect into the stall: a second failure, backoff).
    await waitFor(() => client?.idling === true);
    proxy.stall();
    const started = Date.now();
    const stalled = await get('/api/test/list', cookie);
    expect(stalled.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    proxy.resume();
    expect((await get('/api/test/list', cookie)).statusCode).toBe(200);
  });
});

describe('hooks for the change watcher', () => {
  it('reports connections, IDLEs on the idle folder at once, and reconnects in the background while a stream is open', async () => {
    await start();
    const events: PoolEvent[] = [];
    const exists: number[] = [];
    let client: ImapFlow | null = null;
    app!.sessionPool.on((event) => {
      events.push(event);
      if (event.type === 'connected') {
        client = event.client;
        event.client.on('exists', (data) => exists.push(data.count));
      }
    });
    const { cookie } = await signIn(app!, alice);
    const me = await get('/api/session', cookie);
    expect(me.statusCode).toBe(200);
    const ended: StreamEndReason[] = [];
    const unregister = app!.sessionPool.registerStream({ sessionId: 'tab-1', email: alice.email, end: (r) => ended.push(r) });
    expect(app!.sessionPool.streamCount(alice.email)).toBe(1);
    app!.sessionPool.setIdleFolder(alice.email, 'INBOX');
    await waitFor(() => client?.idling === true);

    const device = await OtherDevice.connect(server, alice);
    await device.append('INBOX', 'Subject: pushed\r\n\r\nhello\r\n');
    await device.close();
    // Well under imapflow's 15 s autoIdleDelay.
    await waitFor(() => exists.length > 0, 3000);

    const first = client;
    proxy.cutAll();
    await waitFor(() => events.some((e) => e.type === 'disconnected'));
    await waitFor(() => client !== first && client?.idling === true);
    expect(events.find((e) => e.type === 'disconnected')).toMatchObject({ attempt: 1, code: 'imap_unavailable' });
    expect(events.filter((e) => e.type === 'connected')).toHaveLength(2);

    unregister();
    expect(app!.sessionPool.streamCount(alice.email)).toBe(0);
    await app!.close();
    app = null;
    expect(ended).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'closed', reason: 'shutdown' });
  });

  it('ends streams on shutdown', async () => {
    await start();
    await signIn(app!, alice);
    const ended: StreamEndReason[] = [];
    app!.sessionPool.registerStream({ sessionId: 's', email: alice.email, end: (r) => ended.push(r) });
    await app!.close();
    app = null;
    expect(ended).toEqual(['shutdown']);
  });

  it('ends the streams of a session that expires', async () => {
    app = await buildApp(testConfig(proxy, { sessionIdleMs: 300 }), { logger: false });
    const { cookie } = await signIn(app, alice);
    const ended: StreamEndReason[] = [];
    app.sessionPool.registerStream({ sessionId: sessionIdOf(cookie), email: alice.email, end: (r) => ended.push(r) });
    await waitFor(() => ended.length > 0, 3000);
    expect(ended).toEqual(['expired']);
    // It was the user's last session: the connection closes too.
    await waitFor(() => proxy.activeConnections === 0);
  });

  it('signs out the sessions whose stored password the server now refuses', async () => {
    await start();
    const events: PoolEvent[] = [];
    app!.sessionPool.on((event) => events.push(event));
    const { cookie } = await signIn(app!, carol);
    const ended: StreamEndReason[] = [];
    const me = await get('/api/session', cookie);
    expect(me.statusCode).toBe(200);
    // The password changes on the mail server (Dovecot re-reads its passwd-file).
    const changed = { ...carol, password: 'carol-new-password' };
    writeUsers([alice, bob, changed]);
    try {
      await untilRefused(carol);
      app!.sessionPool.registerStream({ sessionId: sessionIdOf(cookie), email: carol.email, end: (r) => ended.push(r) });
      proxy.cutAll();
      await waitFor(() => events.some((e) => e.type === 'authLost'));
      expect(ended).toEqual(['authLost']);
      const after = await get('/api/test/list', cookie);
      expect(after.statusCode).toBe(401);
      expect(after.json()).toMatchObject({ code: 'unauthenticated' });
      // Signing in again with the new password works.
      const again = await signIn(app!, changed);
      expect(again.response.statusCode).toBe(200);
      expect((await get('/api/test/list', again.cookie)).statusCode).toBe(200);
    } finally {
      writeUsers(users);
    }
  });
});

function writeUsers(list: { email: string; password: string }[]): void {
  writeFileSync(join(server.root, 'users'), list.map((u) => `${u.email}:{PLAIN}${u.password}::::::`).join('\n') + '\n');
}

/** Dovecot notices a changed passwd-file within about a second. */
async function untilRefused(user: { email: string; password: string }): Promise<void> {
  for (;;) {
    const device = await OtherDevice.connect(server, user).catch(() => null);
    if (device === null) return;
    await device.close();
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The store key of a session, as request.session.id reports it. */
function sessionIdOf(cookie: string): string {
  return sessionKey(cookie.split('=')[1] ?? '');
}
