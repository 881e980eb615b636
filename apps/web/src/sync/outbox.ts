import { encodeMessageId } from '@petrel/contract';
import type { ActionKind } from '../data/types.ts';
import { writeRows } from '../db/message-store.ts';
import { nextSeq, queuesOf } from '../db/outbox-store.ts';
import type { PetrelDb } from '../db/schema.ts';
import { intentOf } from './action-plan.ts';
import { countDelta } from './counts.ts';
import { isValidOp, planMessage } from './queue-plan.ts';
import type { MessagePlan } from './queue-plan.ts';
import { applyCountDeltas } from './settle.ts';

/** Each moved message: the op that moves it and the folder it came from, for undo. */
export interface Relocation {
  opId: string;
  from: string;
}

export type Enqueued = { ok: true; relocations: Relocation[] } | { ok: false; message: string };

/**
 * Plans an action against the rows and the queue as they are now and writes, in one
 * transaction, the queue changes, the optimistic rows and the folder-count changes: the UI
 * never shows an effect without the queued op that justifies it, nor the reverse. Nothing
 * is sent here; the leader tab's replayer sends the queue (replay.ts).
 */
export function enqueueAction(
  ctx: { db: PetrelDb; now: () => number; newOpId: () => string },
  kind: ActionKind,
  ids: readonly string[],
  options: { destination?: string },
): Promise<Enqueued> {
  const { db } = ctx;
  return db.transaction('rw', [db.messages, db.bodies, db.folders, db.outbox], async () => {
    const intent = intentOf(kind, await db.folders.toArray(), options);
    if (!intent.ok) return intent;
    const rows = (await db.messages.bulkGet([...ids])).filter((row) => row !== undefined);
    const queues = await queuesOf(
      db,
      rows.map((row) => row.id),
    );
    const now = ctx.now();
    let seq = await nextSeq(db, now);
    const plans = rows.flatMap((row) => {
      const plan = planMessage(row, queues.get(row.id) ?? [], intent.intent, {
        kind,
        now,
        newOpId: ctx.newOpId,
        nextSeq: () => seq++,
      });
      return plan ? [plan] : [];
    });
    const written = plans.flatMap((plan) => [...plan.add, ...plan.update]);
    if (!written.every((row) => isValidOp(row.op))) {
      return { ok: false, message: 'This action cannot be applied to that message.' };
    }
    await db.outbox.bulkDelete(plans.flatMap((plan) => plan.remove));
    await db.outbox.bulkPut(written);
    await writeRows(db, {
      put: plans.flatMap((plan) => (plan.after ? [plan.after] : [])),
      delete: plans.flatMap((plan) => (plan.after ? [] : [plan.before.id])),
    });
    await applyCountDeltas(
      db,
      plans.flatMap((plan) => countDelta(plan.before, plan.after)),
    );
    return { ok: true, relocations: plans.flatMap(relocationOf) };
  });
}

/**
 * Where each relocated message is now, to move it back: the row id while its move is
 * queued, the newRef once applied; nothing when the move was cancelled or is a conflict.
 */
export async function currentIds(
  db: PetrelDb,
  relocations: readonly Relocation[],
): Promise<Map<string, string[]>> {
  const rows = await db.outbox.bulkGet(relocations.map((relocation) => relocation.opId));
  const back = new Map<string, string[]>();
  for (const [index, row] of rows.entries()) {
    const from = relocations[index]?.from;
    if (!row || from === undefined || row.status === 'conflict') continue;
    const ref =
      row.status === 'applied'
        ? row.result?.status === 'applied'
          ? row.result.newRef
          : undefined
        : null;
    if (ref === undefined) continue;
    const id = ref === null ? row.messageId : encodeMessageId(ref);
    back.set(from, [...(back.get(from) ?? []), id]);
  }
  return back;
}

function relocationOf(plan: MessagePlan): Relocation[] {
  const op = [...plan.add, ...plan.update].find((row) => row.destination !== null);
  return op && plan.after ? [{ opId: op.opId, from: plan.before.folder }] : [];
}
