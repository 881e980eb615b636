import { buildPath, routes, type Folder } from '@petrel/contract';
import { OtherDevice, type MailServer } from '@petrel/test-mailserver';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { CSRF, signIn, testConfig } from '../support/harness.ts';
import { alice, seed, startServer, textMessage } from '../support/mail-fixtures.ts';
import { TapProxy } from '../support/tap-proxy.ts';

/**
 * IMAP command injection through the API, checked on the wire: every request goes through
 * the whole app to Dovecot via a proxy that records the bytes. Each attack names the tag
 * "ZZ<n>" for the command it tries to smuggle in; had one run, Dovecot would have answered
 * that tag.
 */
let server: MailServer;
let tap: TapProxy;
let app: FastifyInstance;
let cookie: string;
let inbox: { folder: string; uidValidity: number; uid: number };

beforeAll(async () => {
  server = await startServer();
  await server.seed(alice, [seed('INBOX', textMessage({ subject: 'hello' })), seed('Victim', textMessage({ subject: 'keep me' }))]);
  tap = await TapProxy.start(server);
  app = await buildApp(testConfig(tap), { logger: false });
  ({ cookie } = await signIn(app, alice));
  const folders = (await call({ method: 'GET', url: '/api/folders' })).json().folders as Folder[];
  inbox = { folder: 'INBOX', uidValidity: folders.find((f) => f.path === 'INBOX')?.uidValidity ?? 0, uid: 1 };
});

afterAll(async () => {
  await app?.close();
  await tap?.close();
  await server?.stop();
});

function call(options: InjectOptions) {
  return app.inject({ ...options, headers: { ...CSRF, cookie, ...options.headers } });
}

type FolderUrl = (typeof routes)['messages' | 'changes' | 'renameFolder' | 'deleteFolder']['url'];
const folderUrl = (url: FolderUrl, folder: string) => buildPath(url, { folder });
let opCount = 0;
const opId = () => `op-injection-${++opCount}`;

/** A message id the contract's encoder would refuse to make, written by hand. */
const rawMessageId = (folder: string) => Buffer.from(`1:${inbox.uidValidity}:1:${folder}`).toString('base64url');

describe('IMAP injection', () => {
  it('refuses CR, LF and NUL in every folder name a route takes, with 400', async () => {
    for (const bad of ['x\r\nZZ1 DELETE Victim', 'x\nZZ2 DELETE Victim', 'x\rZZ3 DELETE Victim', 'x\0ZZ4 DELETE Victim']) {
      const attempts: InjectOptions[] = [
        { method: 'POST', url: '/api/folders', payload: { path: bad } },
        { method: 'PATCH', url: folderUrl(routes.renameFolder.url, 'Victim'), payload: { newPath: bad } },
        { method: 'PATCH', url: folderUrl(routes.renameFolder.url, bad), payload: { newPath: 'Elsewhere' } },
        { method: 'DELETE', url: folderUrl(routes.deleteFolder.url, bad) },
        { method: 'GET', url: folderUrl(routes.messages.url, bad) },
        { method: 'GET', url: `${folderUrl(routes.changes.url, bad)}?since=1:1:1` },
        { method: 'GET', url: `/api/messages/${rawMessageId(bad)}` },
        { method: 'POST', url: '/api/actions', payload: { ops: [{ opId: opId(), type: 'move', target: inbox, destination: bad }] } },
        { method: 'POST', url: '/api/actions', payload: { ops: [{ opId: opId(), type: 'delete', target: { ...inbox, folder: bad } }] } },
      ];
      for (const attempt of attempts) {
        const response = await call(attempt);
        expect([attempt.method, attempt.url, response.statusCode, response.json().code]).toEqual([attempt.method, attempt.url, 400, 'bad_request']);
      }
    }
  });

  it('refuses flags that are not a system flag or an IMAP atom, with 400', async () => {
    const flags = ['\\Seen\r\nZZ5 DELETE Victim', '$Junk) ZZ6 DELETE Victim', '{5+}', '{5}', '"x"', 'a b', '(', '\\Seen)', 'a\0b', '%', '*', ']', '\\Recent', '\\Bogus', 'über'];
    for (const flag of flags) {
      for (const ops of [
        [{ opId: opId(), type: 'setFlags', target: inbox, add: [flag], remove: [] }],
        [{ opId: opId(), type: 'setFlags', target: inbox, add: [], remove: [flag] }],
      ]) {
        const response = await call({ method: 'POST', url: '/api/actions', payload: { ops } });
        expect([flag, response.statusCode]).toEqual([flag, 400]);
      }
    }
  });

  it('sends quotes, literal syntax and other IMAP specials in folder names as plain names', async () => {
    const names = ['x" "y', '{5+}', '{5}', 'a) ZZ7 DELETE Victim', 'q\\" ZZ8 DELETE "Victim', 'x{3}abc', 'a*b%c'];
    for (const name of names) {
      const created = await call({ method: 'POST', url: '/api/folders', payload: { path: name } });
      expect([name, created.statusCode, created.json().path]).toEqual([name, 201, name]);
      expect([name, (await call({ method: 'GET', url: folderUrl(routes.messages.url, name) })).statusCode]).toEqual([name, 200]);
      // MOVE there and back (the name as a MOVE argument), then rename and delete.
      const there = await call({ method: 'POST', url: '/api/actions', payload: { ops: [{ opId: opId(), type: 'move', target: inbox, destination: name }] } });
      const moved = there.json().results[0];
      expect(moved).toMatchObject({ status: 'applied', newRef: { folder: name } });
      const back = await call({ method: 'POST', url: '/api/actions', payload: { ops: [{ opId: opId(), type: 'move', target: moved.newRef, destination: 'INBOX' }] } });
      inbox = back.json().results[0].newRef;
      const renamed = await call({ method: 'PATCH', url: folderUrl(routes.renameFolder.url, name), payload: { newPath: `${name} 2` } });
      expect([name, renamed.statusCode, renamed.json().path]).toEqual([name, 200, `${name} 2`]);
      expect((await call({ method: 'DELETE', url: folderUrl(routes.deleteFolder.url, `${name} 2`) })).statusCode).toBe(204);
    }
  });

  it('never let a smuggled command reach the server', async () => {
    const device = await OtherDevice.connect(server, alice);
    const paths = (await device.folders()).map((f) => f.path);
    const victim = await device.messages('Victim');
    await device.close();
    expect(paths).toContain('Victim');
    expect(victim).toHaveLength(1);
    // Only the folders the test made and removed again: nothing renamed or created by an attack.
    expect(paths.filter((p) => /ZZ|Elsewhere/.test(p))).toEqual([]);
    // On the wire: no line began with a smuggled tag, and the server never answered one.
    expect(tap.sentLines().filter((line) => /^ZZ\d/.test(line))).toEqual([]);
    expect(tap.toClient).not.toMatch(/^ZZ\d/m);
    // The names did reach the server, as quoted strings (RFC 9051 §4.3), never as syntax.
    expect(tap.toServer).toContain('CREATE "a) ZZ7 DELETE Victim"');
    expect(tap.toServer).toContain('CREATE "q\\\\\\" ZZ8 DELETE \\"Victim"');
  });
});
