import { OpSchema } from '@petrel/contract';
import type { MessageRef, Op } from '@petrel/contract';
import type { ActionKind } from '../data/types.ts';
import type { MessageRow, OutboxRow } from '../db/rows.ts';
import type { Intent } from './action-plan.ts';
import { changeFlags, hasFlag } from './overlay.ts';

/**
 * How one user action on one message changes the queue. Pure: enqueue.ts writes the result,
 * the optimistic row and the count changes in one transaction.
 *
 * Only ops never handed to the network (`pending` and not `sent`) are ever changed or
 * dropped: one that was sent may have been applied, so it stays as it is.
 *
 * - Flag toggles coalesce into the last unsent setFlags op of the same place in the chain:
 *   read then unread cancels out; flag, unflag, flag leaves one op.
 * - A move of a message whose move is still unsent rewrites that move's destination; moving
 *   it back where the server has it drops the move (its dependants now act on the source).
 * - Anything else on a message whose last move was sent (or whose move cannot absorb it,
 *   e.g. an expunge after a move to Trash) is chained: `dependsOn` that move, with a
 *   placeholder target, re-targeted to the move's newRef when it is applied.
 */
export interface MessagePlan {
  add: OutboxRow[];
  update: OutboxRow[];
  /** opIds of unsent ops that cancel out. */
  remove: string[];
  before: MessageRow;
  /** The row as the user should see it now; null when it leaves the cache (expunge). */
  after: MessageRow | null;
}

export interface PlanContext {
  kind: ActionKind;
  now: number;
  newOpId(): string;
  nextSeq(): number;
}

export function planMessage(
  row: MessageRow,
  queue: readonly OutboxRow[],
  intent: Intent,
  ctx: PlanContext,
): MessagePlan | null {
  // An arrival whose move is no longer queued has no server identity to act on.
  if (row.origin !== null && !lastRelocation(queue)) return null;
  return intent.type === 'flags'
    ? planFlags(row, queue, intent, ctx)
    : planRelocation(row, queue, intent, ctx);
}

/** An op that OpSchema accepts, i.e. one the server will not refuse as a bad request. */
export function isValidOp(op: Op): boolean {
  return OpSchema.safeParse(op).success;
}

export function isUnsent(row: Pick<OutboxRow, 'status' | 'sent'>): boolean {
  return row.status === 'pending' && !row.sent;
}

export function refOf(row: Pick<MessageRow, 'folder' | 'uidValidity' | 'uid'>): MessageRef {
  return { folder: row.folder, uidValidity: row.uidValidity, uid: row.uid };
}

function planFlags(
  row: MessageRow,
  queue: readonly OutboxRow[],
  intent: Extract<Intent, { type: 'flags' }>,
  ctx: PlanContext,
): MessagePlan | null {
  const add = intent.add.filter((flag) => !hasFlag(row.flags, flag));
  const remove = intent.remove.filter((flag) => hasFlag(row.flags, flag));
  if (add.length + remove.length === 0) return null;
  const after = { ...row, flags: changeFlags(row.flags, { add, remove }) };
  const relocation = lastRelocation(queue);
  const slot = queue.findLast(
    (op) =>
      op.op.type === 'setFlags' &&
      isUnsent(op) &&
      op.dependsOn === (relocation?.opId ?? null) &&
      op.seq > (relocation?.seq ?? -Infinity),
  );
  if (slot && slot.op.type === 'setFlags') {
    const merged = mergeFlags(slot.op, { add, remove });
    if (merged.add.length + merged.remove.length === 0) {
      return finish(row, queue, after, { add: [], update: [], remove: [slot.opId] });
    }
    const update = { ...slot, kind: ctx.kind, op: { ...slot.op, ...merged } };
    return finish(row, queue, after, { add: [], update: [update], remove: [] });
  }
  const opId = ctx.newOpId();
  const op: Op = { opId, type: 'setFlags', target: refOf(row), add, remove };
  const added = queued(ctx, row, op, relocation?.opId ?? null, null);
  return finish(row, queue, after, { add: [added], update: [], remove: [] });
}

function planRelocation(
  row: MessageRow,
  queue: readonly OutboxRow[],
  intent: Extract<Intent, { type: 'relocate' }>,
  ctx: PlanContext,
): MessagePlan | null {
  const expunge = intent.trash !== null && row.folder === intent.trash;
  if (!expunge && row.folder === intent.destination) return null;
  const relocation = lastRelocation(queue);

  if (relocation && isUnsent(relocation) && relocation.destination !== null && !expunge) {
    const source = relocation.op.target.folder;
    if (source === intent.destination) {
      // Back where the server has it (relative to the chain): the move cancels out.
      const dependants = queue
        .filter((op) => op.dependsOn === relocation.opId)
        .map((op) => ({
          ...op,
          dependsOn: relocation.dependsOn,
          op: { ...op.op, target: relocation.op.target },
        }));
      const after = {
        ...row,
        folder: source,
        origin: relocation.dependsOn === null ? null : row.origin,
      };
      return finish(row, queue, after, { add: [], update: dependants, remove: [relocation.opId] });
    }
    const op: Op = {
      opId: relocation.opId,
      type: 'move',
      target: relocation.op.target,
      destination: intent.destination,
    };
    const update = { ...relocation, kind: ctx.kind, op, destination: intent.destination };
    const after = { ...row, folder: intent.destination };
    return finish(row, queue, after, { add: [], update: [update], remove: [] });
  }

  const opId = ctx.newOpId();
  const target = refOf(row);
  const op: Op =
    intent.trash !== null
      ? { opId, type: 'delete', target }
      : { opId, type: 'move', target, destination: intent.destination };
  const added = queued(ctx, row, op, relocation?.opId ?? null, expunge ? null : intent.destination);
  const after = expunge
    ? null
    : { ...row, folder: intent.destination, origin: row.origin ?? refOf(row) };
  return finish(row, queue, after, { add: [added], update: [], remove: [] });
}

/** The last queued move or delete of a message: later ops act where it puts the message. */
export function lastRelocation(queue: readonly OutboxRow[]): OutboxRow | undefined {
  return queue.findLast((op) => op.op.type !== 'setFlags');
}

/** Adds a flag change to a queued one; a flag added then removed (or the reverse) drops out. */
export function mergeFlags(
  op: { add: readonly string[]; remove: readonly string[] },
  change: { add: readonly string[]; remove: readonly string[] },
): { add: string[]; remove: string[] } {
  const same = (a: string) => (b: string) => a.toLowerCase() === b.toLowerCase();
  let add = [...op.add];
  let remove = [...op.remove];
  for (const flag of change.add) {
    if (remove.some(same(flag))) remove = remove.filter((f) => !same(flag)(f));
    else if (!add.some(same(flag))) add.push(flag);
  }
  for (const flag of change.remove) {
    if (add.some(same(flag))) add = add.filter((f) => !same(flag)(f));
    else if (!remove.some(same(flag))) remove.push(flag);
  }
  return { add, remove };
}

function queued(
  ctx: PlanContext,
  row: MessageRow,
  op: Op,
  dependsOn: string | null,
  destination: string | null,
): OutboxRow {
  return {
    opId: op.opId,
    seq: ctx.nextSeq(),
    kind: ctx.kind,
    op,
    messageId: row.id,
    mailId: row.messageId,
    subject: row.subject,
    destination,
    dependsOn,
    status: 'pending',
    sent: false,
    attempts: 0,
    notBefore: 0,
    createdAt: ctx.now,
    settledAt: null,
    result: null,
    problem: null,
  };
}

/** Completes a plan: the row is pending exactly while some op on it remains queued. */
function finish(
  before: MessageRow,
  queue: readonly OutboxRow[],
  after: MessageRow | null,
  changes: Pick<MessagePlan, 'add' | 'update' | 'remove'>,
): MessagePlan {
  const remaining = queue.filter((op) => !changes.remove.includes(op.opId)).length;
  const pending = remaining + changes.add.length > 0;
  return { ...changes, before, after: after === null ? null : { ...after, pending } };
}
