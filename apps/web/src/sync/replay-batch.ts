import type { OutboxRow } from '../db/rows.ts';

/** Ops per request: far below the server's 1,000 and its 1 MiB body limit. */
export const BATCH_SIZE = 100;

/**
 * The next ops to send, in queue order. Pure. Per message the queue is FIFO: once one of
 * its ops cannot go now (waiting for a move, backing off, failed, in flight), none of its
 * later ops goes either, so a message's ops reach the server in the order the user acted.
 * Ops of one message may share a batch: the server applies a batch in order.
 */
export function selectBatch(
  queue: readonly OutboxRow[],
  now: number,
  max = BATCH_SIZE,
): OutboxRow[] {
  const blocked = new Set<string>();
  const batch: OutboxRow[] = [];
  for (const row of [...queue].sort((a, b) => a.seq - b.seq)) {
    if (batch.length >= max) break;
    const ready =
      row.status === 'pending' &&
      row.dependsOn === null &&
      row.notBefore <= now &&
      !blocked.has(row.messageId);
    if (ready) batch.push(row);
    else blocked.add(row.messageId);
  }
  return batch;
}

/** When an op held back by its backoff becomes ready; null when none waits on time alone. */
export function nextWake(queue: readonly OutboxRow[], now: number): number | null {
  let wake: number | null = null;
  for (const row of queue) {
    if (row.status !== 'pending' || row.dependsOn !== null || row.notBefore <= now) continue;
    wake = wake === null ? row.notBefore : Math.min(wake, row.notBefore);
  }
  return wake;
}
