import { startMailServer, type MailServer } from '@petrel/test-mailserver';
import type { ImapFlow, MailboxObject } from 'imapflow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fetchPushedHeaders } from '../../src/events/pushed-headers.ts';
import { fetchHeaders } from '../../src/mail/header-fetch.ts';
import { uidValidityOf } from '../../src/mail/mailbox.ts';
import { connectWatched } from './support/watched-connection.ts';

let server: MailServer;
let client: ImapFlow;

beforeAll(async () => {
  server = await startMailServer();
  client = await connectWatched(server, server.users[0]!);
});
afterAll(async () => {
  await client?.logout().catch(() => client.close());
  await server?.stop();
});

const head = (subject: string, type: string) =>
  `From: Bob <bob@petrel.test>\r\nTo: Alice <alice@petrel.test>\r\nSubject: ${subject}\r\n` +
  `Message-ID: <${subject.replace(/\W+/g, '-')}@petrel.test>\r\nMIME-Version: 1.0\r\nContent-Type: ${type}\r\n`;

/** One message per place a preview can come from: part 1, part 1.1, and a later part. */
const SHAPES = [
  head('Plain', 'text/plain; charset=utf-8') +
    `\r\n${'A plain body that is long. '.repeat(40)}\r\n`,
  head('Alternative', 'multipart/alternative; boundary=Y') +
    '\r\n--Y\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' +
    `<html><head><style>p{}</style></head><body><p>${'Only HTML &amp; more. '.repeat(120)}</p></body></html>\r\n--Y--\r\n`,
  head('Attachment first', 'multipart/mixed; boundary=X') +
    '\r\n--X\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n' +
    'Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--X\r\nContent-Type: text/plain; charset=utf-8\r\n' +
    'Content-Transfer-Encoding: quoted-printable\r\n\r\nThe text comes second =E2=80=94 after the PDF.\r\n--X--\r\n',
];

it('builds in one round trip the very headers the message list returns, previews included', async () => {
  const uids: number[] = [];
  for (const raw of SHAPES) {
    const appended = await client.append('INBOX', raw);
    if (!appended || appended.uid === undefined) throw new Error('APPEND gave no UID');
    uids.push(appended.uid);
  }
  const lock = await client.getMailboxLock('INBOX');
  try {
    const mailbox = client.mailbox as MailboxObject;
    const pushed = await fetchPushedHeaders(client, mailbox, uids[0]!);
    const listed = await fetchHeaders(
      client,
      { folder: 'INBOX', uidValidity: uidValidityOf(mailbox) },
      uids.join(','),
      true,
    );
    expect(pushed.uids).toEqual(uids);
    expect(pushed.headers).toEqual(listed);
    expect(listed.map((h) => h.preview === '')).toEqual([false, false, false]);
  } finally {
    lock.release();
  }
});

it('finds nothing above the highest UID, although `n:*` matches the last message', async () => {
  const lock = await client.getMailboxLock('INBOX');
  try {
    const mailbox = client.mailbox as MailboxObject;
    expect(await fetchPushedHeaders(client, mailbox, mailbox.uidNext)).toEqual({
      uids: [],
      headers: [],
    });
  } finally {
    lock.release();
  }
});
