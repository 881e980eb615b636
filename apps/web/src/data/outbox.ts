import { useLiveQuery } from 'dexie-react-hooks';
import type { OutboxRow } from '../db/rows.ts';
import { useRuntime } from './session.ts';
import type { PendingChange } from './types.ts';

/**
 * The outbox as "Pending changes" shows it, live in every tab: queued, in-flight, failed
 * and conflicting ops, oldest first (applied ops are history, not listed). Undefined while
 * loading.
 */
export function usePendingChanges(): PendingChange[] | undefined {
  const runtime = useRuntime();
  return useLiveQuery(
    async () =>
      runtime
        ? (await runtime.db.outbox.orderBy('seq').toArray()).filter(isListed).map(toChange)
        : [],
    [runtime],
  );
}

function isListed(row: OutboxRow): row is OutboxRow & { status: PendingChange['status'] } {
  return row.status !== 'applied';
}

function toChange(row: OutboxRow & { status: PendingChange['status'] }): PendingChange {
  return {
    opId: row.opId,
    kind: row.kind,
    subject: row.subject,
    destination: row.destination,
    status: row.status,
    problem: row.problem?.message ?? null,
    waiting: row.dependsOn !== null,
  };
}
