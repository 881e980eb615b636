import { encodeMessageId } from '@petrel/contract';
import type { MessageRef, OpResult } from '@petrel/contract';
import { rekeyBodies } from '../db/message-store.ts';
import type { PetrelDb } from '../db/schema.ts';
import type { PlannedOp } from './action-plan.ts';
import { countDelta } from './counts.ts';
import type { CountDelta } from './counts.ts';
import { changeFlags } from './overlay.ts';

export type Settlement =
  | { opId: string; ok: true; messageId: string; newRef: MessageRef | null }
  | { opId: string; ok: false; messageId: string; message: string; staleFolder: string | null };

const GONE_MESSAGE = 'That message was moved or deleted elsewhere.';
const STALE_MESSAGE = 'The folder changed on the server and is being reloaded.';

/**
 * Applies the server's answer to one op, in one transaction with its outbox row's removal:
 * - applied: confirm; a move re-keys header and body to `newRef` (or drops the arrival
 *   when the server has no UIDPLUS; `changes` brings the real row);
 * - gone: the message is not there any more; drop the row;
 * - stale or failed: revert the optimistic effect (stale also asks for a re-sync).
 */
export function settleOp(
  db: PetrelDb,
  planned: Pick<PlannedOp, 'op' | 'messageId' | 'before' | 'after'>,
  result: OpResult,
): Promise<Settlement> {
  const { op, messageId } = planned;
  return db.transaction('rw', [db.messages, db.bodies, db.folders, db.outbox], async () => {
    // Settled already (e.g. by outbox recovery in another tab): applying twice would
    // double count changes.
    if (!(await db.outbox.get(op.opId)))
      return { opId: op.opId, ok: true, messageId, newRef: null };
    await db.outbox.delete(op.opId);
    const pending = (await db.outbox.where('messageId').equals(messageId).count()) > 0;
    const current = (await db.messages.get(messageId)) ?? null;

    if (result.status === 'applied') {
      if (op.type === 'setFlags') {
        if (current) await db.messages.put({ ...current, pending });
      } else if (planned.after === null) {
        await db.bodies.delete(messageId);
      } else if (result.newRef && current) {
        const newId = encodeMessageId(result.newRef);
        const { folder, uid, uidValidity } = result.newRef;
        await db.messages.delete(messageId);
        // The stream may have delivered the real row first; it is server truth then.
        const delivered = await db.messages.get(newId);
        await db.messages.put(
          delivered ?? { ...current, id: newId, folder, uid, uidValidity, origin: null, pending },
        );
        await rekeyBodies(db, [{ from: messageId, to: newId }]);
      } else {
        await db.messages.delete(messageId);
        await db.bodies.delete(messageId);
      }
      return { opId: op.opId, ok: true, messageId, newRef: result.newRef ?? null };
    }

    if (result.status === 'gone') {
      await db.messages.delete(messageId);
      await db.bodies.delete(messageId);
      await applyCountDeltas(db, countDelta(current, null));
      return { opId: op.opId, ok: false, messageId, message: GONE_MESSAGE, staleFolder: null };
    }

    if (op.type === 'setFlags') {
      if (current) {
        const reverted = {
          ...current,
          pending,
          flags: changeFlags(current.flags, { add: op.remove, remove: op.add }),
        };
        await db.messages.put(reverted);
        await applyCountDeltas(db, countDelta(current, reverted));
      }
    } else {
      const restored = { ...planned.before, pending };
      await db.messages.put(restored);
      await applyCountDeltas(db, countDelta(current, restored));
    }
    return result.status === 'stale'
      ? {
          opId: op.opId,
          ok: false,
          messageId,
          message: STALE_MESSAGE,
          staleFolder: op.target.folder,
        }
      : { opId: op.opId, ok: false, messageId, message: result.message, staleFolder: null };
  });
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
