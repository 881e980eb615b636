import { Writable } from 'node:stream';
import { FaultProxy, startMailServer, type MailServer } from '@petrel/test-mailserver';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { CSRF, testConfig, waitFor } from './support/harness.ts';

// Distinctive, and only characters that JSON and URLs leave alone, so a copy anywhere is found.
const PASSWORD = 'Sekrit-Walrus-7Q4-Ostrich';
const alice = { email: 'alice@petrel.test', password: PASSWORD };

let server: MailServer;
let proxy: FaultProxy;
beforeAll(async () => {
  server = await startMailServer({ users: [alice] });
  proxy = await FaultProxy.start({ target: server });
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

/** Every form in which the password could leak: as is, base64 (alone and in SASL PLAIN). */
function secretForms(password: string): string[] {
  const forms = [password, `\0${alice.email}\0${password}`, `\0${alice.email.toUpperCase()}\0${password}`];
  return [password, ...forms.flatMap((form) => [Buffer.from(form).toString('base64'), Buffer.from(form).toString('base64url')])];
}

describe('secrets', () => {
  it('never reach the log or a response: sign-in, wrong password, reconnect and failures', async () => {
    let log = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    // trace: imapflow's own protocol log is included, LOGIN/AUTHENTICATE and all.
    const config = testConfig(proxy, { env: { PETREL_LOG_LEVEL: 'trace' }, pool: { connectTimeoutMs: 500 } });
    const app = await buildApp(config, { logger: { stream } });
    const responses: string[] = [];
    const send = async (options: InjectOptions) => {
      const response = await app.inject(options);
      responses.push(JSON.stringify(response.headers), response.body);
      return response;
    };
    const signIn = (password: string, email = alice.email) =>
      send({ method: 'POST', url: '/api/session', headers: CSRF, payload: { email, password } });

    try {
      const ok = await signIn(PASSWORD);
      expect(ok.statusCode).toBe(200);
      const cookie = String(ok.headers['set-cookie']).split(';')[0] ?? '';
      expect((await signIn(`${PASSWORD}-wrong`)).statusCode).toBe(401);

      // Reconnect with the stored (sealed) password after the connection broke.
      proxy.cutAll();
      await waitFor(() => proxy.activeConnections === 0);
      let folders = await send({ method: 'GET', url: '/api/folders', headers: { cookie } });
      for (let i = 0; i < 20 && folders.statusCode !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        folders = await send({ method: 'GET', url: '/api/folders', headers: { cookie } });
      }
      expect(folders.statusCode).toBe(200);

      // The link breaks while the password is on its way, and while the server is silent.
      const cut = proxy.cutOnCommand(/AUTHENTICATE|LOGIN/);
      expect((await signIn(PASSWORD, 'Alice@petrel.test')).statusCode).toBe(503);
      await cut;
      proxy.stall();
      expect((await signIn(PASSWORD)).statusCode).toBe(503);
      proxy.resume();

      // Refused by validation, with the password in the request.
      expect((await signIn(`${PASSWORD}\r\nA1 LOGOUT`)).statusCode).toBe(400);
      expect((await signIn(PASSWORD.repeat(100))).statusCode).toBe(400);
      const malformed = await send({
        method: 'POST',
        url: '/api/session',
        headers: { ...CSRF, 'content-type': 'application/json' },
        payload: `{"email":"${alice.email}","password":${PASSWORD}}`,
      });
      expect(malformed.statusCode).toBe(400);
      expect((await send({ method: 'GET', url: '/api/folders/Nope/messages', headers: { cookie } })).statusCode).toBe(404);
    } finally {
      proxy.resume();
      await app.close();
    }

    expect(log).toMatch(/AUTHENTICATE|LOGIN/);
    expect(log).toContain('IMAP connection failed');
    const everything = `${log}\n${responses.join('\n')}`;
    for (const form of [...secretForms(PASSWORD), ...secretForms(`${PASSWORD}-wrong`)]) {
      expect(everything.includes(form), `found ${JSON.stringify(form)}`).toBe(false);
    }
  });
});
