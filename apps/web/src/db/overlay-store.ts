import type { FlagChange, PendingOverlay } from '../sync/overlay.ts';
import type { PetrelDb } from './schema.ts';

/** The in-flight actions on one folder, read from the outbox (which is always small). */
export async function pendingOverlay(db: PetrelDb, folder: string): Promise<PendingOverlay> {
  const rows = await db.outbox.where('status').anyOf('pending', 'sending').sortBy('seq');
  const leaving = new Set<number>();
  const flagOps = new Map<number, FlagChange[]>();
  for (const { op } of rows) {
    if (op.target.folder !== folder) continue;
    if (op.type === 'setFlags') {
      flagOps.set(op.target.uid, [...(flagOps.get(op.target.uid) ?? []), op]);
    } else {
      leaving.add(op.target.uid);
    }
  }
  return { leaving, flagOps };
}
