import type { ActionKind, ActionResult } from '../data/types.ts';
import type { PetrelDb } from '../db/schema.ts';
import { currentIds, enqueueAction } from './outbox.ts';
import type { Relocation } from './outbox.ts';

/** How long a move, archive, delete or junk can be undone. */
export const UNDO_WINDOW_MS = 6_000;

/**
 * Messages per transaction of one action. "Select all" in a big folder acts on 100,000
 * messages: one transaction would read and write them all while the page is frozen, so the
 * action is queued in batches with a task boundary between them for input and rendering.
 */
export const ACTION_BATCH_SIZE = 500;

export interface ActionContext {
  db: PetrelDb;
  now: () => number;
  newOpId: () => string;
  /** Asks the leader tab to send the queue (the op may as well wait while offline). */
  replay: () => void;
  /** Lets the page handle input and paint between batches; a macrotask by default. */
  yieldToUi?: () => Promise<void>;
}

/**
 * One user action: per batch of messages, its optimistic effect and its queued ops in one
 * transaction; the replayer sends them when it can. Resolves once queued, online or not:
 * from then on the action cannot be lost, and what the server answers shows in the cache
 * and in "Pending changes". Moves return an undo for every batch, which queues the way
 * back (cancelling the move outright while it is still unsent). A batch that cannot be
 * queued stops the action; the batches before it stay queued.
 */
export async function performAction(
  ctx: ActionContext,
  kind: ActionKind,
  ids: readonly string[],
  options: { destination?: string },
): Promise<ActionResult> {
  const relocations: Relocation[] = [];
  for (let start = 0; start < ids.length || start === 0; start += ACTION_BATCH_SIZE) {
    if (start > 0) await (ctx.yieldToUi ?? nextTask)();
    const batch = ids.slice(start, start + ACTION_BATCH_SIZE);
    const enqueued = await enqueueAction(ctx, kind, batch, options);
    if (!enqueued.ok) {
      const message =
        start === 0
          ? enqueued.message
          : `${enqueued.message} ${start.toLocaleString()} of ${ids.length.toLocaleString()} messages were done.`;
      return { ok: false, message };
    }
    relocations.push(...enqueued.relocations);
    ctx.replay();
  }
  if (relocations.length === 0) return { ok: true };
  return { ok: true, undo: undoFor(ctx, relocations) };
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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
