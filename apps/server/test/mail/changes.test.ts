import { parseStateToken, type ChangesResponse, type FolderChanges } from '@petrel/contract';
import { OtherDevice, connectImap, type MailServer } from '@petrel/test-mailserver';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderChanges } from '../../src/mail/changes.ts';
import { listMessages } from '../../src/mail/message-list.ts';
import type { ImapAccess } from '../../src/imap/imap-access.ts';
import { buildMailApp } from '../support/mail-app.ts';
import { alice, connectQresync, seed, startServer, textMessage } from '../support/mail-fixtures.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';

let server: MailServer;
let device: OtherDevice;
let qresync: ImapFlow;
let plain: ImapFlow;

beforeAll(async () => {
  server = await startServer();
  await server.seed(
    alice,
    ['Sync', 'Fallback', 'Paging', 'Recreated'].flatMap((folder) =>
      Array.from({ length: 5 }, (_, i) =>
        seed(folder, textMessage({ subject: `${folder} ${i + 1}` })),
      ),
    ),
  );
  device = await OtherDevice.connect(server, alice);
  qresync = await connectQresync(server);
  plain = await connectImap(server, alice);
});

afterAll(async () => {
  await device?.close();
  await qresync?.logout();
  await plain?.logout();
  await server?.stop();
});

async function tokenOf(access: ImapAccess, folder: string): Promise<string> {
  const { state } = await listMessages(access, folder, { limit: 1 });
  if (!state) throw new Error('no state token');
  return state;
}

async function changes(
  access: ImapAccess,
  folder: string,
  token: string,
  limit = 200,
): Promise<ChangesResponse> {
  const since = parseStateToken(token);
  if (!since) throw new Error('bad token');
  return folderChanges(access, folder, since, limit);
}

function asChanges(response: ChangesResponse): FolderChanges {
  if (response.kind !== 'changes') throw new Error(`expected changes, got ${response.reason}`);
  return response;
}

/** Another device appends one message, flags uid 2 and expunges uid 3. */
async function otherDeviceActs(folder: string): Promise<number> {
  const { uid } = await device.append(folder, textMessage({ subject: `${folder} new` }));
  await device.addFlags(folder, [2], ['\\Flagged']);
  await device.expunge(folder, [3]);
  return uid;
}

describe('delta sync with QRESYNC', () => {
  it('reports what another device added, flagged and expunged, then nothing', async () => {
    const access = singleConnectionAccess(qresync);
    const token = await tokenOf(access, 'Sync');
    const added = await otherDeviceActs('Sync');
    const result = asChanges(await changes(access, 'Sync', token));
    expect(result.added.map((m) => [m.uid, m.subject])).toEqual([[added, 'Sync new']]);
    expect(result.updated).toEqual([
      { uid: 2, flags: ['\\Flagged'], modseq: expect.stringMatching(/^\d+$/) },
    ]);
    expect(result.vanished).toEqual([3]);
    expect(result.hasMore).toBe(false);
    expect(parseStateToken(result.state)?.uidNext).toBe(added + 1);

    const again = asChanges(await changes(access, 'Sync', result.state));
    expect(again).toMatchObject({
      added: [],
      updated: [],
      vanished: [],
      hasMore: false,
      state: result.state,
    });
  });

  it('pages added messages by modseq group and keeps classifying by the first uidNext', async () => {
    const access = singleConnectionAccess(qresync);
    const first = await tokenOf(access, 'Paging');
    for (let i = 0; i < 5; i++)
      await device.append('Paging', textMessage({ subject: `late ${i}` }));
    await device.addFlags('Paging', [1], ['\\Seen']);
    let token = first;
    const pages: FolderChanges[] = [];
    for (let more = true; more;) {
      const page = asChanges(await changes(access, 'Paging', token, 2));
      pages.push(page);
      token = page.state;
      more = page.hasMore;
    }
    expect(pages.map((p) => p.added.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.added.map((m) => m.subject))).toEqual([
      'late 0',
      'late 1',
      'late 2',
      'late 3',
      'late 4',
    ]);
    expect(pages.flatMap((p) => p.updated.map((u) => u.uid))).toEqual([1]);
    expect(parseStateToken(pages[0]!.state)?.uidNext).toBe(parseStateToken(first)?.uidNext);
  });

  it('answers cannotCalculateChanges when the folder was recreated (new UIDVALIDITY)', async () => {
    const access = singleConnectionAccess(qresync);
    const token = await tokenOf(access, 'Recreated');
    await qresync.mailboxClose();
    await device.deleteFolder('Recreated');
    await device.createFolder('Recreated');
    await device.append('Recreated', textMessage({ subject: 'fresh' }));
    const result = await changes(access, 'Recreated', token);
    expect(result).toMatchObject({ kind: 'cannotCalculateChanges', reason: 'uidValidityChanged' });
    expect(result.state).not.toBeNull();
    expect(parseStateToken(result.state ?? '')?.uidValidity).not.toBe(
      parseStateToken(token)?.uidValidity,
    );
  });
});

describe('delta sync without QRESYNC', () => {
  it('finds expunges by comparing UIDs, a superset the client may ignore', async () => {
    const access = singleConnectionAccess(plain);
    await device.expunge('Fallback', [1]);
    const token = await tokenOf(access, 'Fallback');
    const added = await otherDeviceActs('Fallback');
    const result = asChanges(await changes(access, 'Fallback', token));
    expect(result.added.map((m) => m.uid)).toEqual([added]);
    expect(result.updated.map((u) => [u.uid, u.flags])).toEqual([[2, ['\\Flagged']]]);
    // UID 1 went before the token: the comparison cannot tell, and says so again.
    expect(result.vanished).toEqual([1, 3]);
  });

  it('says noCondstore when the session has no mod-sequences', async () => {
    const bare = new ImapFlow({
      host: server.host,
      port: server.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: alice.email, pass: alice.password },
      logger: false,
      disableAutoIdle: true,
      disableAutoEnable: true,
    });
    await bare.connect();
    const token = await tokenOf(singleConnectionAccess(qresync), 'Sync');
    const result = await changes(singleConnectionAccess(bare), 'Sync', token);
    await bare.logout();
    expect(result).toEqual({ kind: 'cannotCalculateChanges', state: null, reason: 'noCondstore' });
  });
});

describe('changes route', () => {
  it('validates the token and the folder', async () => {
    const access = singleConnectionAccess(qresync);
    const app = await buildMailApp(access, alice.email);
    const token = await tokenOf(access, 'Sync');
    const ok = await app.inject({
      method: 'GET',
      url: `/api/folders/Sync/changes?since=${token}&limit=5`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'changes', added: [], vanished: [] });
    const trash = await tokenOf(access, 'Trash');
    const empty = await app.inject({
      method: 'GET',
      url: `/api/folders/Trash/changes?since=${trash}`,
    });
    expect(empty.json()).toEqual({
      kind: 'changes',
      state: trash,
      added: [],
      updated: [],
      vanished: [],
      hasMore: false,
    });
    const malformed = await app.inject({
      method: 'GET',
      url: '/api/folders/Sync/changes?since=1:2',
    });
    expect(malformed.statusCode).toBe(400);
    const missing = await app.inject({
      method: 'GET',
      url: `/api/folders/Nowhere/changes?since=${token}`,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'folder_not_found' });
    await app.close();
  });
});
