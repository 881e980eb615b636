import { createHash } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PART_SECURITY_HEADERS, encodeMessageId } from '@petrel/contract';
import type { MailServer } from '@petrel/test-mailserver';
import type { FastifyInstance } from 'fastify';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMailApp } from '../support/mail-app.ts';
import {
  alice,
  bigAttachmentMessage,
  connectQresync,
  richMessage,
  seed,
  startServer,
} from '../support/mail-fixtures.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';

const BIG = 25 * 1024 * 1024;
let server: MailServer;
let client: ImapFlow;
let app: FastifyInstance;
let bigContent: Buffer;
const commands: string[] = [];
const uidValidity: Record<string, number> = {};
const partUrl = (folder: string, part: string, query = '') =>
  `/api/messages/${encodeMessageId({ folder, uidValidity: uidValidity[folder] ?? 0, uid: 1 })}/parts/${part}${query}`;

beforeAll(async () => {
  server = await startServer();
  const big = bigAttachmentMessage(BIG);
  bigContent = big.content;
  await server.seed(alice, [seed('Rich', richMessage()), seed('Big', big.raw)]);
  client = await connectQresync(server, (line) => commands.push(line));
  for (const folder of ['Rich', 'Big']) {
    const status = await client.status(folder, { uidValidity: true });
    uidValidity[folder] = Number(status && status.uidValidity);
  }
  app = await buildMailApp(singleConnectionAccess(client), alice.email);
});

afterAll(async () => {
  await app?.close();
  await client?.logout();
  await server?.stop();
});

/** V8's gc(), which vitest does not expose; the flag can still be set at run time. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('raw message download', () => {
  it('streams the whole source as an .eml attachment without marking it read', async () => {
    const id = encodeMessageId({ folder: 'Rich', uidValidity: uidValidity.Rich ?? 0, uid: 1 });
    const response = await app.inject({ method: 'GET', url: `/api/messages/${id}/raw` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('message/rfc822');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="message-1\.eml"/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.rawPayload.equals(richMessage())).toBe(true);
    const lock = await client.getMailboxLock('Rich', { readOnly: true });
    try {
      const message = await client.fetchOne('1', { flags: true }, { uid: true });
      expect(message && [...(message.flags ?? [])]).not.toContain('\\Seen');
    } finally {
      lock.release();
    }
  });

  it('answers 404 for a message that is not there', async () => {
    const id = encodeMessageId({ folder: 'Rich', uidValidity: uidValidity.Rich ?? 0, uid: 999 });
    const response = await app.inject({ method: 'GET', url: `/api/messages/${id}/raw` });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'message_not_found' });
  });
});

describe('part download', () => {
  it('sends a PDF with the RFC 6266 filename and the security headers', async () => {
    const response = await app.inject({ method: 'GET', url: partUrl('Rich', '3') });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      ...PART_SECURITY_HEADERS,
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Rechnung M_rz _.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%E2%82%AC.pdf`,
    });
    expect(response.body.startsWith('%PDF-1.4')).toBe(true);
  });

  it('never serves HTML as HTML, and inline only for raster images', async () => {
    const html = await app.inject({ method: 'GET', url: partUrl('Rich', '2', '?inline=1') });
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['content-disposition']).toMatch(/^attachment; filename="evil.html"/);
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    const png = await app.inject({ method: 'GET', url: partUrl('Rich', '1.2', '?inline=1') });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toMatch(/^inline; filename="chart.png"/);
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const text = await app.inject({ method: 'GET', url: partUrl('Rich', '1.1.1') });
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body.trim()).toBe('Hello Alice — the chart is below.');
  });

  it('answers 404 for parts BODYSTRUCTURE does not list and 400 for non-part syntax', async () => {
    for (const part of ['9', '1', '1.1', '2.1']) {
      const response = await app.inject({ method: 'GET', url: partUrl('Rich', part) });
      expect([part, response.statusCode, response.json().code]).toEqual([
        part,
        404,
        'part_not_found',
      ]);
    }
    const gone = await app.inject({
      method: 'GET',
      url: `/api/messages/${encodeMessageId({ folder: 'Rich', uidValidity: uidValidity.Rich ?? 0, uid: 7 })}/parts/1`,
    });
    expect(gone.json()).toMatchObject({ code: 'message_not_found' });
    for (const part of ['HEADER', '1.0', '1.MIME', '0']) {
      expect((await app.inject({ method: 'GET', url: partUrl('Rich', part) })).statusCode).toBe(
        400,
      );
    }
  });

  it('streams a 25 MB attachment with backpressure instead of buffering it', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      get(`http://127.0.0.1:${port}${partUrl('Big', '2')}`, resolve).on('error', reject),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="big.bin"/);
    const chunkFetches = () =>
      commands.filter((line) => /BODY\.PEEK\[2\]<\d+\.\d+>/i.test(line)).length;

    // A reader that stops: the server must stop fetching from IMAP too.
    response.pause();
    await sleep(400);
    const fetchedWhilePaused = chunkFetches() * 64 * 1024;
    expect(fetchedWhilePaused).toBeLessThan(BIG / 2);

    // Buffer memory the process holds while the part flows (after a GC, so garbage does
    // not count), sampled every 2 MiB: a buffered download would hold all 25 MB at some point.
    const buffers = () => {
      collectGarbage();
      return process.memoryUsage().arrayBuffers;
    };
    const baseline = buffers();
    const samples: number[] = [];
    const hash = createHash('sha256');
    let received = 0;
    for await (const chunk of response) {
      hash.update(chunk as Buffer);
      const before = received;
      received += (chunk as Buffer).length;
      if (Math.floor(before / 2 ** 21) !== Math.floor(received / 2 ** 21)) {
        samples.push(buffers() - baseline);
      }
    }
    const sorted = samples.sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const peak = sorted[sorted.length - 1] ?? 0;
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    console.log(
      `25 MB part: ${mib(fetchedWhilePaused)} fetched while the reader paused; buffer memory ` +
        `growth median ${mib(median)}, peak ${mib(peak)}; ${chunkFetches()} partial FETCHes`,
    );
    expect(received).toBe(BIG);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(bigContent).digest('hex'));
    // Buffered, the 25 MB (and its 34 MB of base64) would sit in memory at once.
    expect(median).toBeLessThan(2 * 2 ** 20);
    expect(peak).toBeLessThan(20 * 2 ** 20);
  });
});
