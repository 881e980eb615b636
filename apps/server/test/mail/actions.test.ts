import type { MessageRef, Op } from '@petrel/contract';
import { OtherDevice, type MailServer } from '@petrel/test-mailserver';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsService } from '../../src/mail/actions.ts';
import { MemoryIdempotencyLog } from '../../src/mail/idempotency-log.ts';
import { buildMailApp } from '../support/mail-app.ts';
import { alice, connectQresync, seed, startServer, textMessage } from '../support/mail-fixtures.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';

let server: MailServer;
let client: ImapFlow;
let device: OtherDevice;
const commands: string[] = [];
const access = () => singleConnectionAccess(client);
const actions = actionsService(new MemoryIdempotencyLog());
let opCounter = 0;
const opId = () => `op-${String(++opCounter).padStart(6, '0')}`;

const FOLDERS = ['Flags', 'Moves', 'Deletes', 'Batch', 'Stale'] as const;

beforeAll(async () => {
  server = await startServer();
  await server.seed(alice, [
    ...FOLDERS.filter((f) => f !== 'Batch').flatMap((folder) =>
      Array.from({ length: 5 }, (_, i) =>
        seed(folder, textMessage({ subject: `${folder} ${i + 1}` })),
      ),
    ),
    ...Array.from({ length: 300 }, (_, i) => seed('Batch', textMessage({ subject: `batch ${i}` }))),
  ]);
  device = await OtherDevice.connect(server, alice);
  client = await connectQresync(server, (line) => commands.push(line));
});

afterAll(async () => {
  await device?.close();
  await client?.logout();
  await server?.stop();
});

async function ref(folder: string, uid: number): Promise<MessageRef> {
  const status = await client.status(folder, { uidValidity: true });
  return { folder, uidValidity: Number(status && status.uidValidity), uid };
}

async function flagsOf(folder: string, uid: number): Promise<string[] | undefined> {
  return (await device.messages(folder)).find((m) => m.uid === uid)?.flags;
}

describe('actions', () => {
  it('sets and removes flags, and a replayed opId changes nothing twice', async () => {
    const target = await ref('Flags', 1);
    const flag: Op = {
      opId: opId(),
      type: 'setFlags',
      target,
      add: ['\\Flagged', '$Important'],
      remove: [],
    };
    expect(await actions.apply(access(), alice.email, [flag])).toEqual([
      { opId: flag.opId, status: 'applied' },
    ]);
    expect(await flagsOf('Flags', 1)).toEqual(['$Important', '\\Flagged']);

    // Someone else clears the flag; replaying the old op must not set it again.
    await device.removeFlags('Flags', [1], ['\\Flagged']);
    expect(await actions.apply(access(), alice.email, [flag])).toEqual([
      { opId: flag.opId, status: 'applied' },
    ]);
    expect(await flagsOf('Flags', 1)).toEqual(['$Important']);

    const unflag: Op = {
      opId: opId(),
      type: 'setFlags',
      target,
      add: ['\\Seen'],
      remove: ['$Important'],
    };
    await actions.apply(access(), alice.email, [unflag]);
    expect(await flagsOf('Flags', 1)).toEqual(['\\Seen']);
  });

  it('moves with the new ref from COPYUID, in order after a flag change of the same message', async () => {
    const target = await ref('Moves', 2);
    const ops: Op[] = [
      { opId: opId(), type: 'setFlags', target, add: ['\\Seen'], remove: [] },
      { opId: opId(), type: 'move', target, destination: 'Archive' },
      { opId: opId(), type: 'move', target, destination: 'Archive' },
    ];
    const results = await actions.apply(access(), alice.email, ops);
    const archive = await ref('Archive', 1);
    expect(results).toEqual([
      { opId: ops[0]!.opId, status: 'applied' },
      { opId: ops[1]!.opId, status: 'applied', newRef: archive },
      // The same message a second time: already moved by the op before.
      { opId: ops[2]!.opId, status: 'gone' },
    ]);
    expect(await flagsOf('Archive', 1)).toEqual(['\\Seen']);
    expect((await device.messages('Moves')).map((m) => m.uid)).not.toContain(2);
  });

  it('fails a move whose destination was deleted, and reports gone for an expunged message', async () => {
    await device.createFolder('Doomed');
    await device.deleteFolder('Doomed');
    await device.expunge('Moves', [4]);
    const ops: Op[] = [
      { opId: opId(), type: 'move', target: await ref('Moves', 3), destination: 'Doomed' },
      { opId: opId(), type: 'move', target: await ref('Moves', 4), destination: 'Archive' },
      {
        opId: opId(),
        type: 'setFlags',
        target: { folder: 'NoSuchFolder', uidValidity: 1, uid: 1 },
        add: ['\\Seen'],
        remove: [],
      },
    ];
    expect(await actions.apply(access(), alice.email, ops)).toEqual([
      {
        opId: ops[0]!.opId,
        status: 'failed',
        code: 'folder_not_found',
        message: expect.any(String),
      },
      { opId: ops[1]!.opId, status: 'gone' },
      { opId: ops[2]!.opId, status: 'gone' },
    ]);
    expect((await device.messages('Moves')).map((m) => m.uid)).toContain(3);
  });

  it('deletes into Trash, then expunges only that message from Trash', async () => {
    const first = await actions.apply(access(), alice.email, [
      { opId: opId(), type: 'delete', target: await ref('Deletes', 1) },
      { opId: opId(), type: 'delete', target: await ref('Deletes', 2) },
    ]);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
    const trashRefs = first.map((r) => (r.status === 'applied' ? r.newRef : undefined));
    expect(trashRefs.map((r) => r?.folder)).toEqual(['Trash', 'Trash']);
    const [inTrash] = trashRefs;
    const second = await actions.apply(access(), alice.email, [
      { opId: opId(), type: 'delete', target: inTrash! },
    ]);
    expect(second).toEqual([{ opId: expect.any(String), status: 'applied' }]);
    const trash = (await device.messages('Trash')).map((m) => m.uid);
    expect(trash).toEqual([trashRefs[1]?.uid]);
  });

  it('answers stale after the folder got a new UIDVALIDITY', async () => {
    const old = await ref('Stale', 1);
    await client.mailboxClose();
    await device.deleteFolder('Stale');
    await device.createFolder('Stale');
    await device.append('Stale', textMessage({ subject: 'new life' }));
    const op: Op = { opId: opId(), type: 'setFlags', target: old, add: ['\\Seen'], remove: [] };
    expect(await actions.apply(access(), alice.email, [op])).toEqual([
      { opId: op.opId, status: 'stale' },
    ]);
    expect(await flagsOf('Stale', 1)).toEqual([]);
  });

  it('applies 300 flag ops in one folder with a handful of commands', async () => {
    const base = await ref('Batch', 1);
    const ops: Op[] = Array.from({ length: 300 }, (_, i) => ({
      opId: opId(),
      type: 'setFlags',
      target: { ...base, uid: i + 1 },
      add: ['\\Seen'],
      remove: [],
    }));
    commands.length = 0;
    const results = await actions.apply(access(), alice.email, ops);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    const issued = commands.map((line) =>
      line.replace(/^\S+ /, '').split(' ').slice(0, 2).join(' '),
    );
    expect(issued.filter((c) => c.startsWith('UID STORE'))).toHaveLength(1);
    expect(issued.length).toBeLessThanOrEqual(5);
    expect((await device.messages('Batch')).every((m) => m.flags.includes('\\Seen'))).toBe(true);
  });

  it('answers over HTTP with one result per op', async () => {
    const app = await buildMailApp(access(), alice.email);
    const target = await ref('Flags', 3);
    const payload = {
      ops: [{ opId: opId(), type: 'setFlags', target, add: ['\\Answered'], remove: [] }],
    };
    const headers = { 'x-petrel-csrf': '1' };
    const response = await app.inject({ method: 'POST', url: '/api/actions', headers, payload });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      results: [{ opId: payload.ops[0]!.opId, status: 'applied' }],
    });
    const injected = await app.inject({
      method: 'POST',
      url: '/api/actions',
      headers,
      payload: { ops: [{ ...payload.ops[0], opId: opId(), add: ['\\Seen)\r\nA1 LOGOUT'] }] },
    });
    expect(injected.statusCode).toBe(400);
    await app.close();
  });
});
