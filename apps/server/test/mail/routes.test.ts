import { buildPath, encodeMessageId, routes } from '@petrel/contract';
import { connectImap, type MailServer } from '@petrel/test-mailserver';
import type { FastifyInstance } from 'fastify';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMailApp } from '../support/mail-app.ts';
import { alice, seed, startServer, textMessage } from '../support/mail-fixtures.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';

let server: MailServer;
let client: ImapFlow;
let app: FastifyInstance;
const csrf = { 'x-petrel-csrf': '1' };
const messagesOf = (folder: string) => buildPath(routes.messages.url, { folder });

beforeAll(async () => {
  server = await startServer();
  await server.seed(alice, [seed('INBOX', textMessage({ subject: 'hello' }))]);
  client = await connectImap(server, alice);
  // Deleting a folder that has children leaves it as \Noselect (RFC 9051 §6.3.4).
  await client.mailboxCreate('Parent');
  await client.mailboxCreate('Parent/Child');
  await client.mailboxDelete('Parent');
  app = await buildMailApp(singleConnectionAccess(client), alice.email);
});

afterAll(async () => {
  await app?.close();
  await client?.logout();
  await server?.stop();
});

describe('bad input', () => {
  it('refuses CR/LF, NUL and over-long folder names with 400', async () => {
    for (const raw of ['a%0D%0AA1%20LOGOUT', 'x%00y', 'a'.repeat(1001)]) {
      const response = await app.inject({ method: 'GET', url: `/api/folders/${raw}/messages` });
      expect([raw.slice(0, 20), response.statusCode, response.json().code]).toEqual([
        raw.slice(0, 20),
        400,
        'bad_request',
      ]);
    }
  });

  it('never reaches IMAP with "." or ".." (the URL is normalised first, or the schema refuses)', async () => {
    for (const raw of ['%2E', '%2E%2E', '..']) {
      const response = await app.inject({ method: 'GET', url: `/api/folders/${raw}/messages` });
      expect(['bad_request', 'not_found']).toContain(response.json().code);
    }
  });

  it('treats path traversal as a folder name the server does not have', async () => {
    const response = await app.inject({ method: 'GET', url: messagesOf('../../etc/passwd') });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'folder_not_found' });
  });

  it('separates missing, \\Noselect and case-insensitive INBOX', async () => {
    expect((await app.inject({ method: 'GET', url: messagesOf('Nope') })).json()).toMatchObject({
      code: 'folder_not_found',
    });
    const noselect = await app.inject({ method: 'GET', url: messagesOf('Parent') });
    expect(noselect.statusCode).toBe(409);
    expect(noselect.json()).toMatchObject({ code: 'folder_not_selectable' });
    const inbox = await app.inject({ method: 'GET', url: messagesOf('inBox') });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json().messages[0]).toMatchObject({ folder: 'INBOX', subject: 'hello' });
  });

  it('round-trips folder names with quotes and literal syntax through the URL', async () => {
    for (const path of ['x" "y', '{5+}', 'a/b%2F c']) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/folders',
        headers: csrf,
        payload: { path },
      });
      expect(created.json()).toMatchObject({ path });
      const listed = await app.inject({ method: 'GET', url: messagesOf(path) });
      expect([path, listed.statusCode]).toEqual([path, 200]);
    }
  });

  it('refuses message ids and part numbers that are not ones', async () => {
    const id = encodeMessageId({ folder: 'INBOX', uidValidity: 1, uid: 1 });
    for (const url of [
      '/api/messages/abc',
      `/api/messages/${id}=`,
      `/api/messages/${id}/parts/1%0D%0A`,
      `/api/messages/${id}/parts/1..2`,
    ]) {
      expect([url, (await app.inject({ method: 'GET', url })).statusCode]).toEqual([url, 400]);
    }
    const elsewhere = encodeMessageId({ folder: '../INBOX', uidValidity: 1, uid: 1 });
    expect(
      (await app.inject({ method: 'GET', url: `/api/messages/${elsewhere}` })).json(),
    ).toMatchObject({
      code: 'message_not_found',
    });
  });
});
