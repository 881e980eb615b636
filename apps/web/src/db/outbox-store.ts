import type { OutboxRow } from './rows.ts';
import type { PetrelDb } from './schema.ts';

/**
 * An op whose effect is still shown as unconfirmed: queued, in flight, or failed and
 * waiting for the user. Applied ops and conflicts are settled (the cache holds server truth).
 */
export function isUnsettled(row: Pick<OutboxRow, 'status'>): boolean {
  return row.status === 'pending' || row.status === 'sending' || row.status === 'failed';
}

/** Unsettled ops of each of these messages, oldest first. Call inside a transaction. */
export async function queuesOf(
  db: PetrelDb,
  messageIds: readonly string[],
): Promise<Map<string, OutboxRow[]>> {
  const rows = await db.outbox
    .where('messageId')
    .anyOf([...new Set(messageIds)])
    .filter(isUnsettled)
    .sortBy('seq');
  const queues = new Map<string, OutboxRow[]>();
  for (const row of rows) queues.set(row.messageId, [...(queues.get(row.messageId) ?? []), row]);
  return queues;
}

/** The position after every queued op; time-based so a fresh queue starts high. */
export async function nextSeq(db: PetrelDb, now: number): Promise<number> {
  const last = await db.outbox.orderBy('seq').last();
  return Math.max((last?.seq ?? 0) + 1, now * 1000);
}
