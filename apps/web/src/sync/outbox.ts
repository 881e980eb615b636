import type { OpResult } from '@petrel/contract';
import type { Api } from '../api/api.ts';
import { errorMessage } from '../api/errors.ts';
import type { ActionKind } from '../data/types.ts';
import type { OutboxRow } from '../db/rows.ts';
import type { PetrelDb } from '../db/schema.ts';
import { planAction } from './action-plan.ts';
import type { PlannedOp } from './action-plan.ts';
import { applyCountDeltas, settleOp } from './settle.ts';
import { countDelta } from './counts.ts';

export interface ActionContext {
  api: Api;
  db: PetrelDb;
  now: () => number;
  newOpId: () => string;
}

export type Enqueued = { ok: true; ops: PlannedOp[] } | { ok: false; message: string };

let lastSeq = 0;

/**
 * Plans an action on the rows as they are now and writes its optimistic effect, the
 * folder-count change and one outbox row per op, all in one transaction: the UI never sees
 * the effect without the queued op that justifies it, nor the reverse.
 */
export function enqueueAction(
  ctx: ActionContext,
  kind: ActionKind,
  ids: readonly string[],
  options: { destination?: string },
): Promise<Enqueued> {
  const { db } = ctx;
  return db.transaction('rw', [db.messages, db.folders, db.outbox], async () => {
    const rows = (await db.messages.bulkGet([...ids])).filter((row) => row !== undefined);
    const plan = planAction(kind, rows, await db.folders.toArray(), options, ctx.newOpId);
    if (!plan.ok || plan.ops.length === 0) return plan;
    const createdAt = ctx.now();
    await db.outbox.bulkAdd(
      plan.ops.map((planned): OutboxRow => ({
        opId: planned.op.opId,
        seq: (lastSeq = Math.max(lastSeq + 1, createdAt * 1000)),
        kind,
        op: planned.op,
        messageId: planned.messageId,
        before: planned.before,
        after: planned.after,
        status: 'sending',
        createdAt,
        result: null,
        error: null,
      })),
    );
    const gone = plan.ops
      .filter((planned) => planned.after === null)
      .map((planned) => planned.messageId);
    await db.messages.bulkDelete(gone);
    await db.messages.bulkPut(
      plan.ops.flatMap((planned) => (planned.after ? [planned.after] : [])),
    );
    await applyCountDeltas(
      db,
      plan.ops.flatMap((planned) => countDelta(planned.before, planned.after)),
    );
    return plan;
  });
}

/**
 * Sends queued ops in one request. A batch-level failure (network, 401, 400…) means no op
 * ran: every op gets a synthetic `failed` result carrying the words to show.
 */
export async function sendOps(
  ctx: Pick<ActionContext, 'api'>,
  ops: ReadonlyArray<Pick<PlannedOp, 'op'>>,
): Promise<OpResult[]> {
  try {
    const { results } = await ctx.api.postActions(ops.map((planned) => planned.op));
    // The contract promises one result per op, in order; a missing one counts as failed.
    return ops.map(
      (planned, index) =>
        results.find((result) => result.opId === planned.op.opId) ??
        results[index] ?? {
          opId: planned.op.opId,
          status: 'failed',
          code: 'internal',
          message: 'The server did not answer for this message.',
        },
    );
  } catch (error) {
    const message = errorMessage(error);
    return ops.map((planned) => ({
      opId: planned.op.opId,
      status: 'failed',
      code: 'internal',
      message,
    }));
  }
}

/** An op still 'sending' after this long belongs to a tab that closed mid-request. */
export const ABANDONED_AFTER_MS = 60_000;

/**
 * Re-sends ops a closed tab left in flight, then settles them as usual. Safe because the
 * server answers a repeated opId with its first result; run by the leader at start.
 */
export async function recoverOutbox(ctx: Pick<ActionContext, 'api' | 'db' | 'now'>): Promise<void> {
  const abandoned = await ctx.db.outbox
    .where('status')
    .equals('sending')
    .filter((row) => row.createdAt < ctx.now() - ABANDONED_AFTER_MS)
    .sortBy('seq');
  if (abandoned.length === 0) return;
  const results = await sendOps(ctx, abandoned);
  for (const [index, row] of abandoned.entries()) {
    const result = results[index];
    if (result) await settleOp(ctx.db, row, result);
  }
}
