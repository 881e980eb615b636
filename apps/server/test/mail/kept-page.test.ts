import { MessageListSchema, type MessageHeader, type MessageList } from '@petrel/contract';
import { OtherDevice, type MailServer } from '@petrel/test-mailserver';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { CSRF, signIn, testConfig, waitFor } from '../support/harness.ts';
import { alice, seed, startServer, textMessage } from '../support/mail-fixtures.ts';
import { TapProxy } from '../support/tap-proxy.ts';

/**
 * The newest page kept while the connection IDLEs in its folder (src/mail/kept-page.ts),
 * through the whole app, with the IMAP wire recorded: served again without a command, and
 * never once something changed it — by another device (reported during IDLE) or by us.
 */
let server: MailServer;
let tap: TapProxy;
let app: FastifyInstance;
let cookie: string;
let device: OtherDevice;

beforeAll(async () => {
  server = await startServer();
  const inbox = [1, 2, 3].map((n) => seed('INBOX', textMessage({ subject: `kept ${n}` })));
  await server.seed(alice, [...inbox, seed('Other', textMessage({ subject: 'elsewhere' }))]);
  tap = await TapProxy.start(server);
  app = await buildApp(testConfig(tap), { logger: false });
  ({ cookie } = await signIn(app, alice));
  device = await OtherDevice.connect(server, alice);
});

afterAll(async () => {
  await device?.close();
  await app?.close();
  await tap?.close();
  await server?.stop();
});

async function list(folder = 'INBOX', limit = 50): Promise<MessageList> {
  const response = await app.inject({
    url: `/api/folders/${folder}/messages?limit=${limit}`,
    headers: { cookie },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  // What a client checks: a kept page is sent as stored JSON, past the route's serializer.
  return MessageListSchema.parse(response.json());
}

/** The connection's last command is IDLE and the server accepted it. */
async function idling(): Promise<void> {
  await waitFor(
    () => /^\S+ IDLE$/.test(tap.sentLines().at(-1) ?? '') && tap.toClient.endsWith('+ idling\r\n'),
    3000,
  );
}

/** Commands sent to the IMAP server while `work` ran (tags stripped). */
async function commandsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const before = tap.sentLines().length;
  await work();
  return tap
    .sentLines()
    .slice(before)
    .map((line) => line.replace(/^\S+ /, ''));
}

const bySubject = (page: MessageList, subject: string): MessageHeader | undefined =>
  page.messages.find((m) => m.subject === subject);

/** Lists until `done` holds for the page: what IDLE reports arrives ≈ 0.5 s late on Dovecot, and
 * imapflow renews IDLE every few seconds (a stale page would be read again then: too late). */
async function listUntil(done: (page: MessageList) => boolean): Promise<MessageList> {
  let page = await list();
  const deadline = Date.now() + 2000;
  while (!done(page) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    page = await list();
  }
  return page;
}

describe('the kept newest page', () => {
  it('is answered again without an IMAP command while the connection IDLEs in its folder', async () => {
    const first = await list();
    expect(first.messages.map((m) => m.subject)).toEqual(['kept 3', 'kept 2', 'kept 1']);
    await idling();
    let again: MessageList | undefined;
    expect(await commandsDuring(async () => (again = await list()))).toEqual([]);
    expect(again).toEqual(first);
  });

  it('is not kept above the default page size, so a connection holds little', async () => {
    await list('INBOX', 101);
    await idling();
    const sent = await commandsDuring(() => list('INBOX', 101));
    expect(sent.some((command) => command.startsWith('FETCH'))).toBe(true);
  });

  it('is read again after another folder was listed', async () => {
    await list('Other');
    const sent = await commandsDuring(() => list());
    expect(sent.some((command) => command.startsWith('FETCH'))).toBe(true);
  });

  it('shows another device’s flag change, new mail and expunge', async () => {
    await list();
    await idling();
    const flagged = bySubject(await list(), 'kept 1')!;
    await device.addFlags('INBOX', [flagged.uid], ['\\Flagged']);
    const afterFlag = await listUntil((page) =>
      bySubject(page, 'kept 1')!.flags.includes('\\Flagged'),
    );
    expect(bySubject(afterFlag, 'kept 1')!.flags).toContain('\\Flagged');

    await idling();
    await device.append('INBOX', textMessage({ subject: 'kept 4' }));
    const afterAppend = await listUntil((page) => bySubject(page, 'kept 4') !== undefined);
    expect(afterAppend.messages.map((m) => m.subject)).toEqual([
      'kept 4',
      'kept 3',
      'kept 2',
      'kept 1',
    ]);

    await idling();
    await device.expunge('INBOX', [bySubject(afterAppend, 'kept 2')!.uid]);
    const afterExpunge = await listUntil((page) => bySubject(page, 'kept 2') === undefined);
    expect(afterExpunge.messages.map((m) => m.subject)).toEqual(['kept 4', 'kept 3', 'kept 1']);
    expect(afterExpunge.state).not.toBe(afterAppend.state);
  });

  it('shows a change made through the actions API at once (a silent STORE reports nothing)', async () => {
    const page = await list();
    await idling();
    const { folder, uidValidity, uid } = bySubject(page, 'kept 3')!;
    const target = { folder, uidValidity, uid };
    const response = await app.inject({
      method: 'POST',
      url: '/api/actions',
      headers: { ...CSRF, cookie },
      payload: {
        ops: [
          { opId: 'kept-page-op-1', type: 'setFlags', target, add: ['\\Answered'], remove: [] },
        ],
      },
    });
    expect(response.json()).toEqual({ results: [{ opId: 'kept-page-op-1', status: 'applied' }] });
    await idling();
    const after = await list();
    expect(bySubject(after, 'kept 3')!.flags).toContain('\\Answered');
    expect(after.state).not.toBe(page.state);
  });
});
