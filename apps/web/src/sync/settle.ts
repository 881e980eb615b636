import { encodeMessageId } from '@petrel/contract';
import type { MessageRef, OpResult } from '@petrel/contract';
import { rekeyBodies } from '../db/message-store.ts';
import { isUnsettled, queuesOf } from '../db/outbox-store.ts';
import type { ConflictReason, MessageRow, OutboxRow } from '../db/rows.ts';
import type { PetrelDb } from '../db/schema.ts';
import { countDelta } from './counts.ts';
import type { CountDelta } from './counts.ts';
import { changeFlags } from './overlay.ts';
import { lastRelocation, refOf } from './queue-plan.ts';

/**
 * Applies the outcome of one op to the outbox and the cache, in one transaction each. The
 * invariant kept for every cached row: its id names where the server has the message (the
 * last confirmed place), `origin` is set exactly while a queued move files it elsewhere,
 * and `pending` is true exactly while an unsettled op acts on it.
 */

const TABLES = (db: PetrelDb) => [db.messages, db.bodies, db.folders, db.outbox];

/** The server applied the op; `newRef` is where a move put the message (null: unknown). */
export function settleApplied(
  db: PetrelDb,
  row: OutboxRow,
  result: OpResult,
  newRef: MessageRef | null,
  now: number,
): Promise<void> {
  return whileUnsettled(db, row, async () => {
    await db.outbox.put({ ...row, status: 'applied', result, settledAt: now, problem: null });
    const current = (await db.messages.get(row.messageId)) ?? null;
    if (row.op.type === 'setFlags' || row.destination === null) {
      if (row.destination === null && row.op.type !== 'setFlags')
        await db.bodies.delete(row.messageId);
      return refreshPending(db, row.messageId);
    }
    if (newRef === null) {
      // Without a new UID the message cannot be named: `changes` brings the real row, and
      // what waited for this move cannot follow it.
      await failDependants(
        db,
        row,
        'dependency',
        'The message could not be found after it was moved.',
        now,
      );
      if (current) await dropRow(db, current);
      return;
    }
    const newId = encodeMessageId(newRef);
    const queue = (await queuesOf(db, [row.messageId])).get(row.messageId) ?? [];
    // Ops queued on this message now act on its new place.
    const moved = queue.map((op) =>
      op.dependsOn === row.opId || sameRef(op.op.target, row.op.target)
        ? { ...op, messageId: newId, dependsOn: null, op: { ...op.op, target: newRef } }
        : { ...op, messageId: newId },
    );
    await db.outbox.bulkPut(moved);
    if (!current) return;
    const stillMoving = moved.some((op) => op.op.type !== 'setFlags' && op.destination !== null);
    await db.messages.delete(current.id);
    await db.messages.put({
      ...current,
      id: newId,
      uid: newRef.uid,
      uidValidity: newRef.uidValidity,
      folder: stillMoving ? current.folder : newRef.folder,
      origin: stillMoving ? newRef : null,
      pending: moved.length > 0,
    });
    await rekeyBodies(db, [{ from: current.id, to: newId }]);
  });
}

/**
 * The op cannot be applied as queued. The cache goes back to what the server has: a
 * message gone elsewhere (or unmatched after a new UIDVALIDITY) leaves the cache; a move
 * into a deleted folder returns the message to where it is, and what was queued after the
 * move acts there instead.
 */
export function settleConflict(
  db: PetrelDb,
  row: OutboxRow,
  reason: ConflictReason,
  message: string,
  now: number,
  result: OpResult | null,
): Promise<void> {
  return whileUnsettled(db, row, async () => {
    await db.outbox.put({
      ...row,
      status: 'conflict',
      result,
      settledAt: now,
      problem: { reason, message },
    });
    const current = (await db.messages.get(row.messageId)) ?? null;
    if (reason !== 'folderMissing') {
      await failDependants(db, row, reason, message, now, true);
      if (current) await dropRow(db, current);
      return;
    }
    await revertRelocation(db, row, current);
  });
}

/** Refused again and again: shown as failed, effect kept, until the user retries or discards. */
export function markFailed(
  db: PetrelDb,
  row: OutboxRow,
  message: string,
  result: OpResult | null,
): Promise<void> {
  return whileUnsettled(db, row, async () => {
    await db.outbox.put({
      ...row,
      status: 'failed',
      result,
      problem: { reason: 'failed', message },
    });
  });
}

/**
 * Queues the op again under a new opId (the old one has a definitive answer in the
 * server's log), optionally at a new target; dependants follow the new opId.
 */
export function reissue(
  db: PetrelDb,
  row: OutboxRow,
  patch: { opId: string; attempts: number; notBefore: number; target?: MessageRef },
): Promise<OutboxRow | null> {
  return db.transaction('rw', TABLES(db), async () => {
    if (!(await db.outbox.get(row.opId))) return null;
    const target = patch.target ?? row.op.target;
    const next: OutboxRow = {
      ...row,
      opId: patch.opId,
      op: { ...row.op, opId: patch.opId, target },
      messageId: patch.target ? encodeMessageId(target) : row.messageId,
      status: 'pending',
      sent: false,
      attempts: patch.attempts,
      notBefore: patch.notBefore,
      result: null,
      problem: null,
    };
    await db.outbox.delete(row.opId);
    await db.outbox.add(next);
    await db.outbox
      .where('messageId')
      .equals(row.messageId)
      .modify((op) => {
        if (op.dependsOn === row.opId) op.dependsOn = patch.opId;
        if (patch.target) op.messageId = next.messageId;
      });
    return next;
  });
}

/**
 * After a new UIDVALIDITY the same mail was found again at `target`: re-queue the op there
 * and show its effect on the row of the new identity (listed by the re-sync, or the old
 * row re-keyed).
 */
export async function retarget(
  db: PetrelDb,
  row: OutboxRow,
  target: MessageRef,
  opId: string,
): Promise<void> {
  await db.transaction('rw', TABLES(db), async () => {
    const next = await reissue(db, row, { opId, attempts: row.attempts, notBefore: 0, target });
    if (!next) return;
    const newId = next.messageId;
    const old = await db.messages.get(row.messageId);
    const fresh = await db.messages.get(newId);
    const base = fresh ?? (old ? { ...old, ...target, id: newId, origin: null } : undefined);
    if (old && old.id !== newId) await db.messages.delete(old.id);
    if (!base) return;
    const shown = effectOf(base, next);
    if (shown) await db.messages.put({ ...shown, pending: true });
    else await db.messages.delete(newId);
    await applyCountDeltas(db, countDelta(old ?? null, shown));
  });
}

/** A row as the op shows it: flags changed, filed under its destination, or gone (expunge). */
export function effectOf(row: MessageRow, op: OutboxRow): MessageRow | null {
  if (op.op.type === 'setFlags') return { ...row, flags: changeFlags(row.flags, op.op) };
  if (op.destination === null) return null;
  return { ...row, folder: op.destination, origin: row.origin ?? refOf(row) };
}

/** Adds count changes to cached folders, never below zero. Call inside a transaction. */
export async function applyCountDeltas(db: PetrelDb, deltas: readonly CountDelta[]): Promise<void> {
  for (const delta of deltas) {
    const folder = await db.folders.get(delta.folder);
    if (!folder) continue;
    await db.folders.update(delta.folder, {
      total: Math.max(0, folder.total + delta.total),
      unread: Math.max(0, folder.unread + delta.unread),
    });
  }
}

/** Puts a relocation back: dependants act on the source, the row returns unless still moving. */
export async function revertRelocation(
  db: PetrelDb,
  row: OutboxRow,
  current: MessageRow | null,
): Promise<void> {
  const queue = ((await queuesOf(db, [row.messageId])).get(row.messageId) ?? []).filter(
    (op) => op.opId !== row.opId,
  );
  const rewired = queue.map((op) =>
    op.dependsOn === row.opId
      ? { ...op, dependsOn: row.dependsOn, op: { ...op.op, target: row.op.target } }
      : op,
  );
  await db.outbox.bulkPut(rewired);
  if (!current) return;
  // The last remaining move decides where the row shows; with none it is where the server has it.
  const last = lastRelocation(rewired);
  const back: MessageRow = last
    ? { ...current, folder: last.destination ?? current.folder, pending: true }
    : { ...current, folder: row.op.target.folder, origin: null, pending: rewired.length > 0 };
  await db.messages.put(back);
  await applyCountDeltas(db, countDelta(current, back));
}

/**
 * `settle` in one transaction, and only if the op is still queued and unsettled: another
 * tab, a discard or an earlier answer may have settled it while its request was out.
 */
function whileUnsettled(db: PetrelDb, row: OutboxRow, settle: () => Promise<void>): Promise<void> {
  return db.transaction('rw', TABLES(db), async () => {
    const stored = await db.outbox.get(row.opId);
    if (stored !== undefined && isUnsettled(stored)) await settle();
  });
}

async function refreshPending(db: PetrelDb, messageId: string): Promise<void> {
  const current = await db.messages.get(messageId);
  if (!current) return;
  const pending =
    (await db.outbox.where('messageId').equals(messageId).filter(isUnsettled).count()) > 0;
  if (current.pending !== pending) await db.messages.put({ ...current, pending });
}

async function dropRow(db: PetrelDb, current: MessageRow): Promise<void> {
  await db.messages.delete(current.id);
  await db.bodies.delete(current.id);
  await applyCountDeltas(db, countDelta(current, null));
}

/** Ops that can no longer apply because the message they act on is gone or lost. */
async function failDependants(
  db: PetrelDb,
  row: OutboxRow,
  reason: ConflictReason,
  message: string,
  now: number,
  everyOp = false,
): Promise<void> {
  const queue = (await queuesOf(db, [row.messageId])).get(row.messageId) ?? [];
  const doomed = queue.filter(
    (op) =>
      op.opId !== row.opId && op.status !== 'sending' && (everyOp || op.dependsOn === row.opId),
  );
  await db.outbox.bulkPut(
    doomed.map((op) => ({
      ...op,
      status: 'conflict' as const,
      settledAt: now,
      problem: { reason: op.dependsOn === row.opId ? ('dependency' as const) : reason, message },
    })),
  );
}

function sameRef(a: MessageRef, b: MessageRef): boolean {
  return a.folder === b.folder && a.uidValidity === b.uidValidity && a.uid === b.uid;
}
