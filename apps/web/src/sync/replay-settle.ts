import type { OpResult } from '@petrel/contract';
import type { OutboxRow } from '../db/rows.ts';
import type { PetrelDb } from '../db/schema.ts';
import { reconnectDelay } from './backoff.ts';
import type { createLocator } from './locate.ts';
import { GONE_MESSAGE, STALE_MESSAGE, classifyResult } from './outcome.ts';
import { markFailed, reissue, retarget, settleApplied, settleConflict } from './settle.ts';

export interface SettleDeps {
  db: PetrelDb;
  now: number;
  newOpId: () => string;
  random?: () => number;
  resyncFolder(folder: string): Promise<void>;
}

/**
 * Whether settling `row` needs the server again: a move's destination searched for the
 * Message-ID (no new UID in the answer, or `gone` after a lost reply), or a folder listed
 * again after a new UIDVALIDITY. Everything else is written from the answer alone.
 */
export function needsServer(row: OutboxRow, result: OpResult): boolean {
  const outcome = classifyResult(row, result);
  if (outcome.kind === 'locate' || outcome.kind === 'stale') return true;
  return (
    outcome.kind === 'applied' &&
    result.status === 'applied' &&
    (result.newRef ?? null) === null &&
    row.destination !== null &&
    row.mailId !== null
  );
}

/**
 * Acts on the server's answer to one op (see outcome.ts for the rules); resolves true when
 * the op ended applied. `resynced` holds folders re-synced for this batch already, so a
 * batch of stale ops lists their folder once. Throws when the server cannot be asked (the
 * caller re-sends the same opId later; the server's log repeats its answer).
 */
export async function settleResult(
  deps: SettleDeps,
  row: OutboxRow,
  result: OpResult,
  locator: ReturnType<typeof createLocator>,
  resynced: Set<string>,
): Promise<boolean> {
  const { db, now } = deps;
  const outcome = classifyResult(row, result);
  switch (outcome.kind) {
    case 'applied': {
      let newRef = result.status === 'applied' ? (result.newRef ?? null) : null;
      // Without UIDPLUS the server cannot say where a move put it: find it by Message-ID.
      if (newRef === null && row.destination !== null && row.mailId !== null) {
        newRef = (await locator.find(row.destination, row.mailId)).found;
      }
      await settleApplied(db, row, result, newRef, now);
      return true;
    }
    case 'locate': {
      const located =
        row.mailId === null || row.destination === null
          ? null
          : (await locator.find(row.destination, row.mailId)).found;
      if (located === null) {
        await settleConflict(db, row, 'gone', GONE_MESSAGE, now, result);
        return false;
      }
      await settleApplied(db, row, result, located, now);
      return true;
    }
    case 'stale': {
      const folder = row.op.target.folder;
      if (!resynced.has(folder)) {
        resynced.add(folder);
        await deps.resyncFolder(folder).catch(() => undefined);
      }
      const options = { notUidValidity: row.op.target.uidValidity };
      const located =
        row.mailId === null ? null : (await locator.find(folder, row.mailId, options)).found;
      if (located === null) await settleConflict(db, row, 'stale', STALE_MESSAGE, now, result);
      else await retarget(db, row, located, deps.newOpId());
      return false;
    }
    case 'conflict':
      await settleConflict(db, row, outcome.reason, outcome.message, now, result);
      return false;
    case 'retry': {
      const notBefore = now + reconnectDelay(outcome.attempts, deps.random);
      await reissue(db, row, { opId: deps.newOpId(), attempts: outcome.attempts, notBefore });
      return false;
    }
    case 'failed':
      await markFailed(db, row, outcome.message, result);
      return false;
  }
}
