import { encodeMessageId } from '@petrel/contract';
import type { ActionKind, ActionResult } from '../data/types.ts';
import type { ActionContext } from './outbox.ts';
import { enqueueAction, sendOps } from './outbox.ts';
import { settleOp } from './settle.ts';
import type { Settlement } from './settle.ts';

/** How long a move, archive, delete or junk can be undone. */
export const UNDO_WINDOW_MS = 6_000;

const MOVING: ReadonlySet<ActionKind> = new Set(['move', 'archive', 'delete', 'junk']);

/**
 * One user action, end to end: optimistic effect and outbox rows (one transaction), one
 * POST /api/actions, then per op confirm, re-key or revert. Resolves when the server has
 * answered; the UI need not wait, since the cache already shows the effect.
 */
export async function performAction(
  ctx: ActionContext,
  kind: ActionKind,
  ids: readonly string[],
  options: { destination?: string },
  onStale: (folder: string) => void,
): Promise<ActionResult> {
  const enqueued = await enqueueAction(ctx, kind, ids, options);
  if (!enqueued.ok) return { ok: false, message: enqueued.message };
  if (enqueued.ops.length === 0) return { ok: true };

  const results = await sendOps(ctx, enqueued.ops);
  const settlements: Settlement[] = [];
  for (const [index, planned] of enqueued.ops.entries()) {
    const result = results[index];
    if (result) settlements.push(await settleOp(ctx.db, planned, result));
  }
  for (const folder of new Set(
    settlements.flatMap((s) => (!s.ok && s.staleFolder ? [s.staleFolder] : [])),
  )) {
    onStale(folder);
  }

  const failures = settlements.filter((s) => !s.ok);
  const undo = MOVING.has(kind) ? undoFor(ctx, enqueued.ops, settlements, onStale) : undefined;
  const first = failures[0];
  if (!first) return undo ? { ok: true, undo } : { ok: true };
  const message =
    failures.length === settlements.length
      ? first.message
      : `${failures.length} of ${settlements.length} messages could not be changed: ${first.message}`;
  return undo ? { ok: false, message, undo } : { ok: false, message };
}

/**
 * The reverse move of every op the server applied with a new location, grouped by the
 * folder each message came from. Messages without a new ref (expunged from Trash, or a
 * server without UIDPLUS) cannot be named any more, so they are not part of the undo.
 */
function undoFor(
  ctx: ActionContext,
  ops: Parameters<typeof settleOp>[1][],
  settlements: readonly Settlement[],
  onStale: (folder: string) => void,
): (() => Promise<void>) | undefined {
  const back = new Map<string, string[]>();
  for (const settlement of settlements) {
    if (!settlement.ok || settlement.newRef === null) continue;
    const origin = ops.find((planned) => planned.op.opId === settlement.opId)?.before.folder;
    if (origin === undefined) continue;
    back.set(origin, [...(back.get(origin) ?? []), encodeMessageId(settlement.newRef)]);
  }
  if (back.size === 0) return undefined;
  const deadline = ctx.now() + UNDO_WINDOW_MS;
  let used = false;
  return async () => {
    if (used) return;
    if (ctx.now() > deadline) throw new Error('It is too late to undo this.');
    used = true;
    for (const [folder, ids] of back) {
      const result = await performAction(ctx, 'move', ids, { destination: folder }, onStale);
      if (!result.ok) throw new Error(result.message ?? 'The action could not be undone.');
    }
  };
}
