import type { MessageRef, Op } from '@petrel/contract';
import { FaultProxy, OtherDevice, type MailServer } from '@petrel/test-mailserver';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actionsService } from '../../src/mail/actions.ts';
import { MemoryIdempotencyLog } from '../../src/mail/idempotency-log.ts';
import { alice, connectQresync, seed, startServer, textMessage } from '../support/mail-fixtures.ts';
import { singleConnectionAccess } from '../support/single-connection-access.ts';

/**
 * A connection that breaks while an action's command is on the wire says nothing about the
 * op: it must fail the batch (the client re-sends the same opIds), never come back as the
 * op's own `failed` answer, which the outbox counts as a refusal and, after three, gives up.
 */
let server: MailServer;
let proxy: FaultProxy;
let device: OtherDevice;
const clients: ImapFlow[] = [];
const actions = actionsService(new MemoryIdempotencyLog());
let opCounter = 0;
const opId = () => `fault-op-${++opCounter}`;

beforeAll(async () => {
  server = await startServer();
  await server.seed(
    alice,
    Array.from({ length: 4 }, (_, i) => seed('Cuts', textMessage({ subject: `cut ${i + 1}` }))),
  );
  proxy = await FaultProxy.start({ target: { host: server.host, port: server.port } });
  device = await OtherDevice.connect(server, alice);
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.logout().catch(() => undefined);
});

afterAll(async () => {
  await device?.close();
  await proxy?.close();
  await server?.stop();
});

/** A fresh session through the proxy, as the pool would open after a reconnect. */
async function connect(): Promise<ImapFlow> {
  const client = await connectQresync(proxy);
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

/**
 * Applies `op` on a fresh connection while `fault` breaks it: the batch must fail as a
 * whole. Then applies the same op again on a new connection, as the client's retry does.
 */
async function applyThroughFault(op: Op, fault: () => Promise<void>) {
  const broken = await connect();
  const faulted = fault();
  await expect(
    actions.apply(singleConnectionAccess(broken), alice.email, [op]),
  ).rejects.toMatchObject({
    code: 'imap_unavailable',
  });
  await faulted;
  return actions.apply(singleConnectionAccess(await connect()), alice.email, [op]);
}

async function ref(uid: number): Promise<MessageRef> {
  const folder = (await device.folders()).find((entry) => entry.path === 'Cuts');
  return { folder: 'Cuts', uidValidity: Number(folder?.uidValidity), uid };
}

describe('actions when the IMAP connection breaks mid-command', () => {
  it('rejects a flag change cut on the wire; the same opId applies once reconnected', async () => {
    const op: Op = {
      opId: opId(),
      type: 'setFlags',
      target: await ref(1),
      add: ['\\Flagged'],
      remove: [],
    };
    const again = await applyThroughFault(op, () => proxy.cutOnCommand(/UID STORE/));
    expect(again).toEqual([{ opId: op.opId, status: 'applied' }]);
    const stored = (await device.messages('Cuts')).find((message) => message.uid === 1);
    expect(stored?.flags).toContain('\\Flagged');
  });

  it('rejects a move whose reply was lost; the resent opId finds the message gone from the source', async () => {
    const op: Op = { opId: opId(), type: 'move', target: await ref(2), destination: 'Archive' };
    // The MOVE reaches Dovecot and runs; its reply is swallowed and the link drops.
    const again = await applyThroughFault(op, () => proxy.loseReplyTo(/UID MOVE/));
    // The outbox then looks for it in the destination by Message-ID (web: sync/locate.ts).
    expect(again).toEqual([{ opId: op.opId, status: 'gone' }]);
    expect((await device.messages('Cuts')).map((message) => message.uid)).not.toContain(2);
  });

  it('rejects an expunge from Trash cut on the wire, and applies it on the retry', async () => {
    const moved = await actions.apply(singleConnectionAccess(await connect()), alice.email, [
      { opId: opId(), type: 'delete', target: await ref(3) },
    ]);
    const inTrash = moved[0]?.status === 'applied' ? moved[0].newRef : undefined;
    expect(inTrash?.folder).toBe('Trash');
    const op: Op = { opId: opId(), type: 'delete', target: inTrash as MessageRef };
    const again = await applyThroughFault(op, () => proxy.cutOnCommand(/UID EXPUNGE/));
    expect(again.map((result) => result.status)).toEqual(['applied']);
    expect((await device.messages('Trash')).map((message) => message.uid)).not.toContain(
      inTrash?.uid,
    );
  });
});
