import { encodeListCursor, parseStateToken, type MessageHeader } from '@petrel/contract';
import { OtherDevice, connectImap, type MailServer } from '@petrel/test-mailserver';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagIndex, type FlagIndexChunk } from '../../src/mail/initial-sync.ts';
import { listMessages } from '../../src/mail/message-list.ts';
import { buildMailApp } from '../support/mail-app.ts';
import { alice, seed, startServer, textMessage } from '../support/mail-fixtures.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';

let server: MailServer;
let client: ImapFlow;
const access = () => singleConnectionAccess(client);

function raw(headers: string, body: string): Buffer {
  return Buffer.from(
    `From: x@example.com\r\nSubject: enc\r\nMIME-Version: 1.0\r\n${headers}\r\n\r\n${body}\r\n`,
  );
}

const encoded = {
  qp: raw(
    'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable',
    'Caf=C3=A9 au lait,=\r\n one line   and\r\n\r\n more',
  ),
  latin1: raw(
    'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64',
    Buffer.from('Grüße aus Köln', 'latin1').toString('base64'),
  ),
  html: raw(
    'Content-Type: text/html; charset=utf-8',
    '<html><head><style>p { color: red }</style></head><body><p>Hello&nbsp;<b>world</b> &amp; more &#8364;</p></body></html>',
  ),
  long: raw('Content-Type: text/plain; charset=utf-8', 'word '.repeat(400)),
};

beforeAll(async () => {
  server = await startServer();
  const date = (i: number) => new Date(Date.UTC(2025, 0, 1, 0, i));
  await server.seed(alice, [
    ...Array.from({ length: 25 }, (_, i) =>
      seed(
        'List',
        textMessage({ subject: `m${i + 1}`, date: date(i) }),
        i % 2 ? ['\\Seen'] : [],
        date(i),
      ),
    ),
    ...Object.values(encoded).map((message) => seed('Encodings', message)),
    ...Array.from({ length: 10_000 }, (_, i) =>
      seed('Big', textMessage({ subject: `big ${i}`, date: date(i) }), [], date(i)),
    ),
  ]);
  client = await connectImap(server, alice);
});

afterAll(async () => {
  await client?.logout();
  await server?.stop();
});

const subjects = (messages: MessageHeader[]) => messages.map((m) => m.subject);

describe('message list', () => {
  it('pages newest first with a cursor that stays put when mail arrives', async () => {
    const first = await listMessages(access(), 'List', { limit: 10 });
    expect(subjects(first.messages)).toEqual([
      'm25',
      'm24',
      'm23',
      'm22',
      'm21',
      'm20',
      'm19',
      'm18',
      'm17',
      'm16',
    ]);
    expect(first.messages[0]).toMatchObject({
      uid: 25,
      flags: [],
      from: [{ name: 'Bob', address: 'bob@example.com' }],
    });
    expect(first.messages[1]?.flags).toEqual(['\\Seen']);
    expect(first.messages[0]?.preview).toBe('Body of m25');
    expect(parseStateToken(first.state ?? '')).toMatchObject({ uidNext: 26 });

    const device = await OtherDevice.connect(server, alice);
    await device.append('List', textMessage({ subject: 'arrived' }));
    const second = await listMessages(access(), 'List', {
      limit: 10,
      cursor: first.nextCursor ?? '',
    });
    expect(subjects(second.messages)).toEqual([
      'm15',
      'm14',
      'm13',
      'm12',
      'm11',
      'm10',
      'm9',
      'm8',
      'm7',
      'm6',
    ]);
    const third = await listMessages(access(), 'List', {
      limit: 10,
      cursor: second.nextCursor ?? '',
    });
    expect(subjects(third.messages)).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    expect(third.nextCursor).toBeNull();

    // Listing never marks anything \Seen (BODY.PEEK).
    const flags = (await device.messages('List')).filter((m) => m.flags.includes('\\Seen')).length;
    await device.close();
    expect(flags).toBe(12);
  });

  it('lists an empty folder as one empty page with a state', async () => {
    const page = await listMessages(access(), 'Trash', { limit: 10 });
    expect(page).toMatchObject({ messages: [], nextCursor: null });
    expect(parseStateToken(page.state ?? '')).toMatchObject({ uidNext: 1 });
  });

  it('decodes previews: quoted-printable, base64 in Latin-1, HTML only, long text', async () => {
    const { messages } = await listMessages(access(), 'Encodings', { limit: 10 });
    expect(messages.map((m) => m.preview)).toEqual([
      'word '.repeat(40).trim(),
      'Hello world & more €',
      'Grüße aus Köln',
      'Café au lait, one line and more',
    ]);
  });

  it('refuses a cursor from another UIDVALIDITY with 409', async () => {
    const app = await buildMailApp(access(), alice.email);
    const cursor = encodeListCursor({ uidValidity: 1, beforeUid: 5 });
    const response = await app.inject({
      method: 'GET',
      url: `/api/folders/List/messages?cursor=${cursor}&limit=5`,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'cannot_calculate_changes' });
    const ok = await app.inject({ method: 'GET', url: '/api/folders/List/messages?limit=3' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().messages).toHaveLength(3);
    await app.close();
  });

  it('gives the initial sync a flag index in chunks, newest first', async () => {
    const chunks: FlagIndexChunk[] = [];
    for await (const chunk of flagIndex(access(), 'List', 10)) chunks.push(chunk);
    expect(chunks.map((c) => c.entries.length)).toEqual([10, 10, 6]);
    expect(chunks[0]?.entries[0]).toMatchObject({ uid: 26, flags: [] });
    expect(chunks[2]?.entries.at(-1)).toMatchObject({ uid: 1, flags: [] });
    expect(chunks.every((c) => c.state === chunks[0]?.state && c.state !== null)).toBe(true);
    expect(chunks[0]?.entries[0]?.modseq).toMatch(/^\d+$/);
  });

  it('lists without CONDSTORE, with no state and no modseq', async () => {
    const plain = new ImapFlow({
      host: server.host,
      port: server.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: alice.email, pass: alice.password },
      logger: false,
      disableAutoIdle: true,
      disableAutoEnable: true,
    });
    await plain.connect();
    const page = await listMessages(singleConnectionAccess(plain), 'List', { limit: 2 });
    await plain.logout();
    expect(page.state).toBeNull();
    expect(page.messages.map((m) => [m.uid, m.modseq])).toEqual([
      [26, null],
      [25, null],
    ]);
  });

  it('finds a page of a 10,000-message folder without reading the rest', async () => {
    const timed = async (page: { cursor?: string; limit: number }) => {
      const started = performance.now();
      const result = await listMessages(access(), 'Big', page);
      return { result, ms: performance.now() - started };
    };
    await timed({ limit: 1 }); // SELECT and Dovecot's index warm-up
    const newest = await timed({ limit: 100 });
    const deep = await timed({
      limit: 100,
      cursor: encodeListCursor({
        uidValidity: newest.result.messages[0]!.uidValidity,
        beforeUid: 150,
      }),
    });
    const wide = await timed({ limit: 500 });
    console.log(
      `10k folder: newest 100 in ${newest.ms.toFixed(0)} ms, 100 below uid 150 in ${deep.ms.toFixed(0)} ms, 500 in ${wide.ms.toFixed(0)} ms`,
    );
    expect(newest.result.messages[0]?.subject).toBe('big 9999');
    expect(deep.result.messages.map((m) => m.uid)).toEqual(
      Array.from({ length: 100 }, (_, i) => 149 - i),
    );
    expect(wide.result.messages).toHaveLength(500);
    expect(newest.ms).toBeLessThan(1000);
    expect(deep.ms).toBeLessThan(1000);
  });
});
