import type { AddressInfo } from 'node:net';
import { OtherDevice, startMailServer, type MailServer } from '@petrel/test-mailserver';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { CSRF, signIn, testConfig } from '../support/harness.ts';
import { message } from './support/mail.ts';
import { openSse } from './support/sse-client.ts';
import { waitFor } from './support/wait-for.ts';

let server: MailServer;
let app: FastifyInstance;

beforeAll(async () => {
  server = await startMailServer();
  app = await buildApp(testConfig(server), { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await server?.stop();
});

it('pushes new mail through the whole app (session, pool, watcher, log, SSE) and ends on logout', async () => {
  const user = server.users[0]!;
  const { cookie } = await signIn(app, user);
  const port = (app.server.address() as AddressInfo).port;
  const stream = await openSse(port, { cookie });
  expect(stream.status).toBe(200);
  await waitFor(() => stream.events()[0]?.type === 'hello');
  // As the web app does on start: list INBOX (SELECTing it on the pooled connection), so
  // the folder's state is known before the mail arrives.
  const list = await app.inject({ url: '/api/folders/INBOX/messages', headers: { cookie } });
  expect(list.statusCode).toBe(200);

  const device = await OtherDevice.connect(server, user);
  try {
    const { uid } = await device.append('INBOX', message('Through the app'));
    const added = await waitFor(
      () => stream.events().find((e) => e.type === 'messagesAdded'),
      2000,
      'messagesAdded',
    );
    expect(added.type === 'messagesAdded' && added.headers.map((h) => [h.uid, h.subject])).toEqual([
      [uid, 'Through the app'],
    ]);
  } finally {
    await device.close();
  }

  const logout = await app.inject({
    method: 'DELETE',
    url: '/api/session',
    headers: { ...CSRF, cookie },
  });
  expect(logout.statusCode).toBe(204);
  await waitFor(() => stream.ended(), 2000, 'the stream to end on logout');
});
