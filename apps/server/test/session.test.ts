import { Writable } from 'node:stream';
import { FaultProxy, startMailServer, type MailServer } from '@petrel/test-mailserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { CSRF, signIn, testConfig, waitFor } from './support/harness.ts';

const alice = { email: 'alice@petrel.test', password: 'alice-Xq7!distinctive-password' };
const bob = { email: 'bob@petrel.test', password: 'bob-password' };

let server: MailServer;
let proxy: FaultProxy;
beforeAll(async () => {
  server = await startMailServer({ users: [alice, bob] });
  proxy = await FaultProxy.start({ target: server });
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

describe('POST /api/session', () => {
  it('signs in, sets an HttpOnly SameSite=Strict cookie, and answers the session', async () => {
    const app = await buildApp(testConfig(server), { logger: false });
    const { cookie, response } = await signIn(app, alice);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: { email: alice.email }, protocolVersion: 1 });
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^petrel=[\w-]{43};/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    const me = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: alice.email } });
    await app.close();
  });

  it('uses a Secure __Host- cookie when secure cookies are on', async () => {
    const app = await buildApp(testConfig(server, { env: { PETREL_SECURE_COOKIES: 'true' } }), { logger: false });
    const { response } = await signIn(app, alice);
    expect(String(response.headers['set-cookie'])).toMatch(/^__Host-petrel=[\w-]{43};.*; Secure/);
    await app.close();
  });

  it('answers a wrong password with 401 invalid_credentials', async () => {
    const app = await buildApp(testConfig(server), { logger: false });
    const { response } = await signIn(app, { ...alice, password: 'wrong' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'invalid_credentials' });
    expect(response.headers['set-cookie']).toBeUndefined();
    await app.close();
  });

  it('answers 503 imap_unavailable when the IMAP server does not answer, without hanging', async () => {
    const app = await buildApp(testConfig(proxy, { pool: { connectTimeoutMs: 300 } }), { logger: false });
    proxy.stall();
    try {
      const { response } = await signIn(app, alice);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'imap_unavailable' });
    } finally {
      proxy.resume();
      await app.close();
    }
  });
});

describe('with a session', () => {
  it('answers invalid input to the mail routes with 400 and the field that failed', async () => {
    const app = await buildApp(testConfig(server), { logger: false });
    const { cookie } = await signIn(app, alice);
    const res = await app.inject({ method: 'POST', url: '/api/actions', headers: { ...CSRF, cookie }, payload: { ops: [] } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'bad_request', issues: [expect.objectContaining({ path: ['body', 'ops'] })] });
    await app.close();
  });
});

describe('session lifetime', () => {
  it('expires a session after the idle time', async () => {
    const app = await buildApp(testConfig(server, { sessionIdleMs: 300 }), { logger: false });
    const { cookie } = await signIn(app, alice);
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 350));
    const expired = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'unauthenticated' });
    await app.close();
  });

  it('signs out: closes the IMAP connection, clears the cookie, and is idempotent', async () => {
    const app = await buildApp(testConfig(proxy), { logger: false });
    const { cookie } = await signIn(app, alice);
    await waitFor(() => proxy.activeConnections === 1);
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { ...CSRF, cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^petrel=;/);
    await waitFor(() => proxy.activeConnections === 0);
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    const again = await app.inject({ method: 'DELETE', url: '/api/session', headers: { ...CSRF, cookie } });
    expect(again.statusCode).toBe(204);
    await app.close();
  });

  it('logs every connection out when the app closes', async () => {
    const app = await buildApp(testConfig(proxy), { logger: false });
    await signIn(app, alice);
    await signIn(app, bob);
    await waitFor(() => proxy.activeConnections === 2);
    await app.close();
    await waitFor(() => proxy.activeConnections === 0);
  });
});

describe('logging', () => {
  it('never writes the password or the session cookie to the log', async () => {
    let output = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const app = await buildApp(testConfig(server, { env: { PETREL_LOG_LEVEL: 'trace' } }), { logger: { stream } });
    const { cookie } = await signIn(app, alice);
    await signIn(app, { ...alice, password: `${alice.password}-wrong` });
    await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    await app.close();
    expect(output).toContain('Signed in');
    // imapflow's own protocol trace is in there too (trace level), LOGIN included.
    expect(output).toMatch(/AUTHENTICATE|LOGIN/);
    expect(output).not.toContain('distinctive-password');
    // Nor in the SASL PLAIN form (RFC 4616) that AUTHENTICATE sends.
    expect(output).not.toContain(Buffer.from(`\0${alice.email}\0${alice.password}`).toString('base64'));
    expect(output).not.toContain(cookie.split('=')[1]);
  });
});
