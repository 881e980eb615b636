import { MessageBodySchema, encodeMessageId, type MessageRef } from '@petrel/contract';
import {
  OtherDevice,
  connectImap,
  loadCorpusMessages,
  sharedMimeCorpusDir,
  type MailServer,
} from '@petrel/test-mailserver';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMITS, getMessageBody } from '../../src/mail/message-body.ts';
import { buildMailApp } from '../support/mail-app.ts';
import { alice, richMessage, seed, startServer } from '../support/mail-fixtures.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';

let server: MailServer;
let client: ImapFlow;
let richRef: MessageRef;
const access = () => singleConnectionAccess(client);

beforeAll(async () => {
  server = await startServer();
  const corpus = await loadCorpusMessages(sharedMimeCorpusDir());
  await server.seed(alice, [...corpus, seed('Rich', richMessage())]);
  client = await connectImap(server, alice);
  const status = await client.status('Rich', { uidValidity: true });
  richRef = { folder: 'Rich', uidValidity: Number(status && status.uidValidity), uid: 1 };
});

afterAll(async () => {
  await client?.logout();
  await server?.stop();
});

describe('message body', () => {
  it('parses every corpus message into a valid body', async () => {
    const status = await client.status('Corpus', { uidValidity: true, messages: true });
    const uidValidity = Number(status && status.uidValidity);
    expect(status && status.messages).toBeGreaterThanOrEqual(15);
    const bodies = [];
    for (let uid = 1; uid <= (status ? (status.messages ?? 0) : 0); uid++) {
      const body = await getMessageBody(access(), { folder: 'Corpus', uidValidity, uid });
      expect(MessageBodySchema.safeParse(body).error).toBeUndefined();
      bodies.push(body);
    }
    // All parsed within the limits, including the ones written to break parsers.
    expect(bodies.filter((b) => b.tooComplex)).toEqual([]);
    expect(
      bodies.find((b) => b.header.subject === 'Kill the HTML parser')?.html?.length,
    ).toBeGreaterThan(500_000);
    // A message that is nothing but an attachment (base64encodedroot.eml): part 1.
    expect(bodies.find((b) => b.html === null && b.text === null)?.attachments).toMatchObject([
      {
        part: '1',
        filename: 'screenshot.png',
        contentType: 'image/png',
        disposition: 'attachment',
      },
    ]);
    const torture = bodies.find((b) => b.header.subject.startsWith("Ryan Finnie's MIME Torture"));
    expect(torture?.attachments.length).toBeGreaterThan(3);
    expect(bodies.find((b) => b.header.subject.startsWith('Nodemailer'))?.header.subject).toMatch(
      /^Nodemailer is unicode friendly ✔/,
    );
  });

  it('returns html, text, attachments with part numbers and cid parts, without setting \\Seen', async () => {
    const body = await getMessageBody(access(), richRef);
    expect(body.id).toBe(encodeMessageId(richRef));
    expect(body.header).toMatchObject({
      subject: 'Quartalsbericht – März',
      from: [{ name: 'Zoë', address: 'zoe@example.com' }],
      references: ['<a@example.com>', '<b@example.com>'],
      hasAttachments: true,
      preview: 'Hello Alice — the chart is below.',
    });
    expect(body.text?.trim()).toBe('Hello Alice — the chart is below.');
    expect(body.html).toContain('<img src="cid:chart@petrel">');
    expect(body.inline).toEqual([
      {
        part: '1.2',
        filename: 'chart.png',
        contentType: 'image/png',
        size: expect.any(Number),
        contentId: 'chart@petrel',
        disposition: 'inline',
      },
    ]);
    expect(body.attachments.map((a) => [a.part, a.filename, a.contentType, a.disposition])).toEqual(
      [
        ['2', 'evil.html', 'text/html', 'attachment'],
        ['3', 'Rechnung März €.pdf', 'application/pdf', 'attachment'],
      ],
    );
    expect(body.headers.find((h) => h.key === 'Subject')?.value).toBe(
      '=?UTF-8?B?UXVhcnRhbHNiZXJpY2h0IOKAkyBNw6Ryeg==?=',
    );
    expect(body.tooComplex).toBeUndefined();
    const device = await OtherDevice.connect(server, alice);
    const [message] = await device.messages('Rich');
    await device.close();
    expect(message?.flags).toEqual([]);
  });

  it('answers tooComplex from BODYSTRUCTURE and the text parts alone when the message is too big', async () => {
    const body = await getMessageBody(access(), richRef, {
      ...DEFAULT_BODY_LIMITS,
      maxMessageBytes: 100,
    });
    expect(body.tooComplex).toBe(true);
    expect(body.text?.trim()).toBe('Hello Alice — the chart is below.');
    expect(body.html).toContain('cid:chart@petrel');
    expect(body.attachments.map((a) => a.part)).toEqual(['2', '3']);
    expect(body.inline.map((a) => a.part)).toEqual(['1.2']);
    expect(body.headers.map((h) => h.key)).toContain('Message-ID');
  });

  it('gives up on a parse that runs too long and answers tooComplex', async () => {
    const body = await getMessageBody(access(), richRef, {
      ...DEFAULT_BODY_LIMITS,
      parse: { timeoutMs: 1, heapMb: 64 },
    });
    expect(body.tooComplex).toBe(true);
    expect(body.attachments).toHaveLength(2);
  });

  it('answers message_not_found for a stale UIDVALIDITY, a missing UID or folder', async () => {
    for (const ref of [
      { ...richRef, uidValidity: richRef.uidValidity + 1 },
      { ...richRef, uid: 99 },
      { ...richRef, folder: 'Gone' },
    ]) {
      await expect(getMessageBody(access(), ref)).rejects.toMatchObject({
        code: 'message_not_found',
      });
    }
  });

  it('serves the body over HTTP and refuses an id that is not one', async () => {
    const app = await buildMailApp(access(), alice.email);
    const ok = await app.inject({
      method: 'GET',
      url: `/api/messages/${encodeMessageId(richRef)}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: encodeMessageId(richRef), inline: [{ part: '1.2' }] });
    const stale = await app.inject({
      method: 'GET',
      url: `/api/messages/${encodeMessageId({ ...richRef, uid: 42 })}`,
    });
    expect(stale.statusCode).toBe(404);
    expect(stale.json()).toMatchObject({ code: 'message_not_found' });
    const bad = await app.inject({ method: 'GET', url: '/api/messages/not-an-id' });
    expect(bad.statusCode).toBe(400);
    await app.close();
  });
});
