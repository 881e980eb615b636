import { parseStateToken, type Folder } from '@petrel/contract';
import { OtherDevice, connectImap, type MailServer } from '@petrel/test-mailserver';
import type { FastifyInstance } from 'fastify';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolder, deleteFolder, renameFolder } from '../../src/mail/folder-admin.ts';
import { listFolders } from '../../src/mail/folder-list.ts';
import { ApiError } from '../../src/plugins/api-error.ts';
import { buildMailApp } from '../support/mail-app.ts';
import { alice, seed, startServer, textMessage } from '../support/mail-fixtures.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';

let server: MailServer;
let client: ImapFlow;
let app: FastifyInstance;
const access = () => singleConnectionAccess(client);
const csrf = { 'x-petrel-csrf': '1' };

beforeAll(async () => {
  server = await startServer();
  await server.seed(alice, [
    seed('INBOX', textMessage({ subject: 'one' }), ['\\Seen']),
    seed('INBOX', textMessage({ subject: 'two' })),
    seed('INBOX', textMessage({ subject: 'three' })),
    seed('Projects/Petrel', textMessage({ subject: 'nested' })),
  ]);
  client = await connectImap(server, alice);
  app = await buildMailApp(access(), alice.email);
});

afterAll(async () => {
  await app?.close();
  await client?.logout();
  await server?.stop();
});

const byPath = (folders: Folder[], path: string) => folders.find((f) => f.path === path);

describe('folder list', () => {
  it('reports special use, counts, hierarchy and a state token per folder', async () => {
    const folders = await listFolders(access());
    const inbox = byPath(folders, 'INBOX');
    expect(inbox).toMatchObject({
      specialUse: '\\Inbox',
      total: 3,
      unread: 2,
      selectable: true,
      parent: null,
    });
    const state = parseStateToken(inbox?.state ?? '');
    expect(state).toMatchObject({ uidValidity: inbox?.uidValidity, uidNext: 4 });
    expect(state?.highestModseq).toBe(inbox?.highestModseq);
    expect(byPath(folders, 'Trash')).toMatchObject({
      specialUse: '\\Trash',
      total: 0,
      subscribed: true,
    });
    expect(byPath(folders, 'Projects/Petrel')).toMatchObject({
      name: 'Petrel',
      parent: 'Projects',
      delimiter: '/',
      total: 1,
      specialUse: null,
    });
  });

  it('answers the list over HTTP', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/folders' });
    expect(response.statusCode).toBe(200);
    expect(response.json().folders.map((f: Folder) => f.path)).toContain('Projects/Petrel');
  });
});

describe('create, rename, delete', () => {
  it('creates a folder and reports it like the list does', async () => {
    const folder = await createFolder(access(), 'Receipts');
    expect(folder).toMatchObject({
      path: 'Receipts',
      total: 0,
      selectable: true,
      subscribed: true,
    });
    expect(folder.state).not.toBeNull();
    await expect(createFolder(access(), 'Receipts')).rejects.toMatchObject({
      code: 'folder_exists',
    });
    // INBOX is INBOX whatever its case (RFC 3501 §5.1).
    await expect(createFolder(access(), 'inbox')).rejects.toMatchObject({ code: 'folder_exists' });
  });

  it('renames with children and subscription, and refuses clashes and missing folders', async () => {
    await createFolder(access(), 'Old');
    await createFolder(access(), 'Old/Child');
    const renamed = await renameFolder(access(), 'Old', 'New');
    expect(renamed).toMatchObject({ path: 'New', subscribed: true });
    const folders = await listFolders(access());
    expect(byPath(folders, 'New/Child')).toMatchObject({ parent: 'New', subscribed: true });
    expect(byPath(folders, 'Old')).toBeUndefined();
    await expect(renameFolder(access(), 'Missing', 'Other')).rejects.toMatchObject({
      code: 'folder_not_found',
    });
    await expect(renameFolder(access(), 'New', 'Receipts')).rejects.toMatchObject({
      code: 'folder_exists',
    });
  });

  it('deletes, refuses INBOX and reports a missing folder', async () => {
    await createFolder(access(), 'Doomed');
    await deleteFolder(access(), 'Doomed');
    const folders = await listFolders(access());
    expect(byPath(folders, 'Doomed')).toBeUndefined();
    await expect(deleteFolder(access(), 'Doomed')).rejects.toMatchObject({
      code: 'folder_not_found',
    });
    await expect(deleteFolder(access(), 'Inbox')).rejects.toBeInstanceOf(ApiError);
    await expect(deleteFolder(access(), 'INBOX')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('round-trips names with quotes and literal syntax as plain names', async () => {
    for (const name of ['x" "y', '{5+}', 'back\\slash', 'Über uns 50%', 'a&b']) {
      const folder = await createFolder(access(), name);
      expect(folder.path).toBe(name);
    }
    const device = await OtherDevice.connect(server, alice);
    const paths = (await device.folders()).map((f) => f.path);
    await device.close();
    expect(paths).toEqual(
      expect.arrayContaining(['x" "y', '{5+}', 'back\\slash', 'Über uns 50%', 'a&b']),
    );
  });

  it('does the same over HTTP with clean errors', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/folders',
      headers: csrf,
      payload: { path: 'Web' },
    });
    expect(created.statusCode).toBe(201);
    const again = await app.inject({
      method: 'POST',
      url: '/api/folders',
      headers: csrf,
      payload: { path: 'Web' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'folder_exists' });
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/folders/${encodeURIComponent('Web')}`,
      headers: csrf,
      payload: { newPath: 'Web 2/Sub' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ path: 'Web 2/Sub', name: 'Sub', parent: 'Web 2' });
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/folders/${encodeURIComponent('Web 2/Sub')}`,
      headers: csrf,
    });
    expect(deleted.statusCode).toBe(204);
    const missing = await app.inject({ method: 'DELETE', url: '/api/folders/Nope', headers: csrf });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'folder_not_found' });
    const inbox = await app.inject({ method: 'DELETE', url: '/api/folders/inbox', headers: csrf });
    expect(inbox.statusCode).toBe(403);
  });

  it('refuses CR/LF in a folder name before IMAP sees it', async () => {
    const injected = await app.inject({
      method: 'POST',
      url: '/api/folders',
      headers: csrf,
      payload: { path: 'a\r\nA1 LOGOUT' },
    });
    expect(injected.statusCode).toBe(400);
    expect(injected.json()).toMatchObject({ code: 'bad_request' });
    // The connection is still logged in and usable.
    expect((await listFolders(access())).length).toBeGreaterThan(0);
  });
});
