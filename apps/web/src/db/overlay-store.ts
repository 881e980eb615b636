import type { FlagChange, PendingOverlay } from '../sync/overlay.ts';
import { uidKey } from '../sync/overlay.ts';
import { isUnsettled } from './outbox-store.ts';
import type { PetrelDb } from './schema.ts';

/**
 * The queued actions on one folder, read from the outbox (small: one row per queued op).
 * Ops waiting for a move (`dependsOn`) carry a placeholder target and are left out: they
 * act on an optimistic arrival, which merges never touch.
 */
export async function pendingOverlay(db: PetrelDb, folder: string): Promise<PendingOverlay> {
  const rows = (await db.outbox.orderBy('seq').toArray()).filter(isUnsettled);
  const leaving = new Set<string>();
  const flagOps = new Map<string, FlagChange[]>();
  for (const { op, dependsOn } of rows) {
    if (op.target.folder !== folder || dependsOn !== null) continue;
    const key = uidKey(op.target.uidValidity, op.target.uid);
    if (op.type === 'setFlags') flagOps.set(key, [...(flagOps.get(key) ?? []), op]);
    else leaving.add(key);
  }
  return { leaving, flagOps };
}
