import type { ActionKind, ActionResult } from '../data/types.ts';
import type { PetrelDb } from '../db/schema.ts';
import { currentIds, enqueueAction } from './outbox.ts';
import type { Relocation } from './outbox.ts';

/** How long a move, archive, delete or junk can be undone. */
export const UNDO_WINDOW_MS = 6_000;

export interface ActionContext {
  db: PetrelDb;
  now: () => number;
  newOpId: () => string;
  /** Asks the leader tab to send the queue (the op may as well wait while offline). */
  replay: () => void;
}

/**
 * One user action: its optimistic effect and its queued ops, in one transaction; the
 * replayer sends them when it can. Resolves once queued, online or not: from then on the
 * action cannot be lost, and what the server answers shows in the cache and in "Pending
 * changes". Moves return an undo, which queues the way back (cancelling the move outright
 * while it is still unsent).
 */
export async function performAction(
  ctx: ActionContext,
  kind: ActionKind,
  ids: readonly string[],
  options: { destination?: string },
): Promise<ActionResult> {
  const enqueued = await enqueueAction(ctx, kind, ids, options);
  if (!enqueued.ok) return { ok: false, message: enqueued.message };
  ctx.replay();
  if (enqueued.relocations.length === 0) return { ok: true };
  return { ok: true, undo: undoFor(ctx, enqueued.relocations) };
}

function undoFor(ctx: ActionContext, relocations: readonly Relocation[]): () => Promise<void> {
  const deadline = ctx.now() + UNDO_WINDOW_MS;
  let used = false;
  return async () => {
    if (used) return;
    if (ctx.now() > deadline) throw new Error('It is too late to undo this.');
    used = true;
    for (const [folder, ids] of await currentIds(ctx.db, relocations)) {
      const result = await performAction(ctx, 'move', ids, { destination: folder });
      if (!result.ok) throw new Error(result.message ?? 'The action could not be undone.');
    }
  };
}
