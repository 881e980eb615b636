import { encodeMessageId } from '@petrel/contract';
import type { Api } from '../api/api.ts';
import { isApiError } from '../api/errors.ts';
import { isUnsettled } from '../db/outbox-store.ts';
import type { PetrelDb } from '../db/schema.ts';
import { countDelta } from './counts.ts';
import { toRow } from './merge.ts';
import { changeFlags } from './overlay.ts';
import { applyCountDeltas, reissue, revertRelocation } from './settle.ts';

/**
 * What the user can do in "Pending changes": retry a failed or waiting op, discard an op
 * (its optimistic change is undone and the message re-read from the server), or dismiss a
 * conflict once seen. Any tab may call these; the leader's replayer sends the result.
 */

/** Sends the op again now: a failed op under a new opId and a fresh attempt count. */
export async function retryOp(db: PetrelDb, opId: string, newOpId: string): Promise<void> {
  const row = await db.outbox.get(opId);
  if (!row) return;
  if (row.status === 'failed') {
    await reissue(db, row, { opId: newOpId, attempts: 0, notBefore: 0 });
  } else if (row.status === 'pending') {
    await db.outbox.update(opId, { notBefore: 0 });
  }
}

/** Forgets a conflict the user has seen. */
export async function dismissOp(db: PetrelDb, opId: string): Promise<void> {
  await db.outbox
    .where('opId')
    .equals(opId)
    .filter((row) => row.status === 'conflict')
    .delete();
}

/**
 * Drops a queued or failed op (never one in flight: it may be applying right now) and
 * undoes its optimistic change; then, when nothing else is queued on the message, shows
 * the server's copy of it. Returns false when the op could not be discarded.
 */
export async function discardOp(
  db: PetrelDb,
  api: Pick<Api, 'getMessage'>,
  opId: string,
): Promise<boolean> {
  const discarded = await db.transaction(
    'rw',
    [db.messages, db.bodies, db.folders, db.outbox],
    async () => {
      const row = await db.outbox.get(opId);
      if (!row || row.status === 'sending' || !isUnsettled(row)) return null;
      await db.outbox.delete(opId);
      const current = (await db.messages.get(row.messageId)) ?? null;
      if (row.op.type !== 'setFlags') {
        if (row.destination !== null) await revertRelocation(db, row, current);
      } else if (current) {
        const reverted = {
          ...current,
          flags: changeFlags(current.flags, { add: row.op.remove, remove: row.op.add }),
        };
        await db.messages.put(reverted);
        await applyCountDeltas(db, countDelta(current, reverted));
      }
      const others = await db.outbox
        .where('messageId')
        .equals(row.messageId)
        .filter(isUnsettled)
        .count();
      return { row, alone: others === 0 };
    },
  );
  if (discarded === null) return false;
  if (discarded.alone && discarded.row.dependsOn === null) {
    await refreshFromServer(
      db,
      api,
      encodeMessageId(discarded.row.op.target),
      discarded.row.messageId,
    );
  }
  return true;
}

/** Replaces the cached row with the server's header (or drops it if the server has none). */
async function refreshFromServer(
  db: PetrelDb,
  api: Pick<Api, 'getMessage'>,
  serverId: string,
  cachedId: string,
): Promise<void> {
  try {
    const { header } = await api.getMessage(serverId);
    await db.transaction('rw', [db.messages, db.folders, db.outbox], async () => {
      // Queued again meanwhile: the user's newer change wins over this refresh.
      if ((await db.outbox.where('messageId').equals(cachedId).filter(isUnsettled).count()) > 0)
        return;
      const current = (await db.messages.get(cachedId)) ?? null;
      const fresh = toRow(header);
      if (current && current.id !== fresh.id) await db.messages.delete(current.id);
      await db.messages.put(fresh);
      await applyCountDeltas(db, countDelta(current, fresh));
    });
  } catch (error) {
    if (!isApiError(error, 'message_not_found')) return; // offline: the local revert stands
    await db.messages.delete(cachedId);
  }
}
