import type { SeedMessage } from '@petrel/test-mailserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionKind } from '../src/data/types.ts';
import { openClient } from './client.ts';
import type { Client } from './client.ts';
import { applyToModel, compare, random } from './model.ts';
import type { Intended } from './model.ts';
import { messages, sleep, startStack } from './stack.ts';
import type { Stack } from './stack.ts';

/**
 * Reliability of the outbox (offline-first issue): the real enqueue + replay code against
 * a real Petrel server and Dovecot, with faults between them and lost HTTP responses.
 * Run: `cd apps/web && npx vitest run -c vitest.reliability.config.ts`.
 */
let stack: Stack;
const seeded = new Map<string, SeedMessage[]>();

beforeAll(async () => {
  stack = await startStack();
  for (const [folder, count] of [
    ['R1', 300],
    ['R2', 100],
    ['R3', 20],
  ] as const) {
    const batch = messages(folder, count, folder);
    seeded.set(folder, batch);
    await stack.mail.seed(stack.user, batch);
  }
  const device = await stack.device();
  for (const folder of ['R1-A', 'R1-B', 'R2-A', 'R3-A']) await device.createFolder(folder);
  await device.close();
});
afterAll(() => stack?.stop());

const bare = (mailId: string | null) => (mailId ?? '').replace(/^<|>$/g, '');

/** Message-ID → cached row id, and the model of every seeded mail in `folder`. */
async function startModel(client: Client, folder: string) {
  const rows = await client.db.messages
    .where('[folder+date]')
    .between([folder, ''], [folder, '\uffff'])
    .toArray();
  const ids = new Map(rows.map((row) => [bare(row.messageId), row.id]));
  const model = new Map<string, Intended>(
    rows.map((row) => [bare(row.messageId), { folder, seen: false, flagged: false }]),
  );
  return { ids, model };
}

/** Where the server has each mail, by Message-ID, over these folders. */
async function serverState(folders: readonly string[]) {
  const device = await stack.device();
  const places = new Map<string, Array<{ folder: string; flags: string[] }>>();
  for (const folder of folders) {
    for (const message of await device.messages(folder)) {
      const key = bare(message.messageId);
      places.set(key, [...(places.get(key) ?? []), { folder, flags: message.flags }]);
    }
  }
  await device.close();
  return places;
}

/** A fetch that counts action requests and can lose a response after the server applied it. */
function actionsFetch(onRequest: (n: number, opIds: string[]) => 'lose' | 'keep') {
  let n = 0;
  return (inner: typeof fetch): typeof fetch =>
    async (input, init) => {
      if (!String(input).endsWith('/api/actions')) return inner(input, init);
      const body = JSON.parse(String(init?.body)) as { ops: Array<{ opId: string }> };
      const decision = onRequest(
        ++n,
        body.ops.map((op) => op.opId),
      );
      const response = await inner(input, init);
      if (decision === 'lose') {
        await response.arrayBuffer(); // the server finished; the reply never reaches the app
        throw new TypeError('fetch failed');
      }
      return response;
    };
}

describe('outbox replay against a real server', () => {
  it('1,000 mixed offline actions survive 20 connection faults: 0 lost, 0 twice, state as intended', async () => {
    const faults: string[] = [];
    const sends = new Map<string, number>();
    let lostReplies = 0;
    const kinds = ['cut', 'stall', 'lostImapReply', 'cutOnCommand'] as const;
    const api = await stack.signIn(
      actionsFetch((n, opIds) => {
        for (const opId of opIds) sends.set(opId, (sends.get(opId) ?? 0) + 1);
        // Every other request meets a fault between server and Dovecot while it runs.
        if (n % 2 === 0 && faults.length < 20) {
          const kind = kinds[faults.length % kinds.length] ?? 'cut';
          faults.push(kind);
          void injectFault(kind);
        }
        if (n % 7 === 3) {
          lostReplies += 1;
          return 'lose';
        }
        return 'keep';
      }),
    );
    const folders = ['R1', 'R1-A', 'R1-B', 'Trash'];
    const client = await openClient(api, folders, 10);
    const { ids, model } = await startModel(client, 'R1');
    const next = random(20240601);
    const mailIds = [...model.keys()];
    const weights: Array<[ActionKind, number]> = [
      ['markRead', 25],
      ['markUnread', 15],
      ['flag', 15],
      ['unflag', 10],
      ['move', 25],
      ['delete', 10],
    ];
    for (let action = 0; action < 1000; action++) {
      const mailId = mailIds[Math.floor(next() * mailIds.length)] ?? '';
      const intended = model.get(mailId);
      const id = ids.get(mailId);
      if (!intended || !id) throw new Error('model out of step');
      let roll = next() * 100;
      let kind: ActionKind = weights.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'markRead';
      if (kind === 'delete' && intended.folder === 'Trash') kind = 'flag';
      const places = ['R1', 'R1-A', 'R1-B'].filter((folder) => folder !== intended.folder);
      const destination =
        kind === 'delete' ? 'Trash' : (places[Math.floor(next() * places.length)] ?? 'R1');
      await client.act(kind, id, kind === 'move' ? destination : undefined);
      model.set(mailId, applyToModel(intended, kind, destination));
    }
    const queued = await client.db.outbox.count();

    const started = Date.now();
    const kicks = await client.drain();
    const seconds = (Date.now() - started) / 1000;
    const statuses = await client.statuses();
    const result = compare(model, await serverState(folders));
    const rows = await client.db.outbox.toArray();
    const resent = [...sends.values()].filter((count) => count > 1).length;
    // `gone` for a move whose first reply was lost, found again in the destination.
    const recovered = rows.filter(
      (row) => row.status === 'applied' && row.result?.status === 'gone',
    );
    console.log(
      `[reliability] ${resent} opIds re-sent after faults, ${recovered.length} moves recovered by Message-ID`,
    );
    console.log(
      `[reliability] 1000 actions → ${queued} queued ops after coalescing; replayed in ${seconds.toFixed(1)} s ` +
        `(${kicks} kicks) across ${faults.length} IMAP faults (${faults.join(', ')}) and ${lostReplies} lost HTTP replies; ` +
        `outbox ${JSON.stringify(statuses)}; lost ${result.lost.length}, applied twice ${result.duplicated.length}, ` +
        `differing from the model ${result.wrong.length}`,
    );
    for (const row of rows.filter((row) => row.status !== 'applied')) {
      console.log(
        `[reliability] not applied: ${row.op.type} ${row.status} ${JSON.stringify(row.result)} ${row.problem?.message ?? ''}`,
      );
    }
    expect(faults).toHaveLength(20);
    expect(lostReplies).toBeGreaterThan(0);
    expect(result).toEqual({ lost: [], duplicated: [], wrong: [] });
    expect(statuses).toEqual({ applied: queued });
    await client.close();
  });

  it('10% of targeted messages expunged elsewhere: each a visible gone conflict, sent once, no retry loop', async () => {
    const sends = new Map<string, number>();
    const api = await stack.signIn(
      actionsFetch((_n, opIds) => {
        for (const opId of opIds) sends.set(opId, (sends.get(opId) ?? 0) + 1);
        return 'keep';
      }),
    );
    const client = await openClient(api, ['R2', 'R2-A'], 25);
    const { ids, model } = await startModel(client, 'R2');
    const mailIds = [...model.keys()];
    for (const [index, mailId] of mailIds.entries()) {
      const kind: ActionKind = index % 10 < 5 ? 'markRead' : index % 10 < 8 ? 'flag' : 'move';
      await client.act(kind, ids.get(mailId) ?? '', 'R2-A');
      model.set(mailId, applyToModel(model.get(mailId) as Intended, kind, 'R2-A'));
    }
    const device = await stack.device();
    const inFolder = await device.messages('R2');
    const doomed = inFolder.filter((_m, index) => index % 10 === 4);
    await device.expunge(
      'R2',
      doomed.map((m) => m.uid),
    );
    await device.close();
    for (const message of doomed) model.delete(bare(message.messageId));

    await client.drain();
    const rows = await client.db.outbox.toArray();
    const conflicts = rows.filter((row) => row.status === 'conflict');
    const result = compare(model, await serverState(['R2', 'R2-A']));
    const maxSends = Math.max(...conflicts.map((row) => sends.get(row.opId) ?? 0));
    console.log(
      `[reliability] ${doomed.length} of ${mailIds.length} targets expunged elsewhere → ${conflicts.length} gone conflicts ` +
        `(max ${maxSends} sends each); others ${JSON.stringify(await client.statuses())}; ` +
        `lost ${result.lost.length}, wrong ${result.wrong.length}`,
    );
    expect(conflicts.map((row) => row.problem?.reason)).toEqual(Array(doomed.length).fill('gone'));
    expect(maxSends).toBeLessThanOrEqual(3);
    expect(rows.filter((row) => row.status === 'applied')).toHaveLength(
      mailIds.length - doomed.length,
    );
    expect(result).toEqual({ lost: [], duplicated: [], wrong: [] });
    for (const message of doomed) {
      // No Message-ID index on messages (schema v5): filtered over the table.
      expect(
        await client.db.messages
          .filter((row) => row.messageId === (message.messageId ?? ''))
          .count(),
      ).toBe(0);
    }
    await client.close();
  });

  it('a folder recreated with a new UIDVALIDITY while ops are queued: 0 ops applied to the wrong message', async () => {
    const api = await stack.signIn();
    const client = await openClient(api, ['R3', 'R3-A'], 25);
    const { ids, model } = await startModel(client, 'R3');
    const mailIds = [...model.keys()];
    const plan: Array<[number, ActionKind]> = [
      [0, 'flag'],
      [2, 'flag'],
      [4, 'markRead'],
      [6, 'flag'],
      [8, 'markRead'],
      [10, 'move'],
      [12, 'move'],
    ];
    for (const [index, kind] of plan) {
      const mailId = mailIds[index] ?? '';
      await client.act(kind, ids.get(mailId) ?? '', 'R3-A');
      model.set(mailId, applyToModel(model.get(mailId) as Intended, kind, 'R3-A'));
    }
    const device = await stack.device();
    const before = (await device.folders()).find((folder) => folder.path === 'R3')?.uidValidity;
    await device.deleteFolder('R3');
    await device.createFolder('R3');
    // Re-appended in reverse order, so every old UID now names a different mail.
    for (const message of [...(seeded.get('R3') ?? [])].reverse())
      await device.append('R3', message.raw);
    const after = (await device.folders()).find((folder) => folder.path === 'R3')?.uidValidity;
    await device.close();
    await sleep(200);

    await client.drain();
    const result = compare(model, await serverState(['R3', 'R3-A']));
    const statuses = await client.statuses();
    console.log(
      `[reliability] UIDVALIDITY ${before} → ${after} with ${plan.length} ops queued → outbox ${JSON.stringify(statuses)}; ` +
        `applied to the wrong message ${result.wrong.length}, lost ${result.lost.length}, twice ${result.duplicated.length}`,
    );
    expect(after).not.toBe(before);
    expect(result).toEqual({ lost: [], duplicated: [], wrong: [] });
    expect(statuses).toEqual({ applied: plan.length });
    await client.close();
  });
});

/** One fault between the Petrel server and Dovecot, timed to hit the request in flight. */
async function injectFault(
  kind: 'cut' | 'stall' | 'lostImapReply' | 'cutOnCommand',
): Promise<void> {
  await sleep(15);
  switch (kind) {
    case 'cut':
      return stack.proxy.cutAll();
    case 'stall':
      return stack.proxy.stall(1_500);
    case 'lostImapReply':
      stack.proxy.dropNextResponse();
      await sleep(40);
      return stack.proxy.cutAll();
    case 'cutOnCommand':
      // Resolves when a command matched; a later batch's command does if this one's did not.
      await Promise.race([stack.proxy.cutOnCommand(/UID (MOVE|STORE|EXPUNGE)/), sleep(3_000)]);
  }
}
