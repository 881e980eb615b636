import type { OutboxRow } from '../db/rows.ts';

/**
 * Ops per request. Every request costs a round trip and, in the app, a claim and a settle
 * transaction that wake every live query: with 100 a batch, a 1,000-op replay spent most of
 * its time between requests (bench/src/suites/replay.ts). Half the server's 1,000.
 */
export const BATCH_SIZE = 500;
/** Encoded ops per request: half the server's 1 MiB body limit (folder paths may be long). */
export const BATCH_BYTES = 512 * 1024;

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
  maxBytes = BATCH_BYTES,
): OutboxRow[] {
  const blocked = new Set<string>();
  const batch: OutboxRow[] = [];
  let bytes = 0;
  for (const row of [...queue].sort((a, b) => a.seq - b.seq)) {
    if (batch.length >= max) break;
    const ready =
      row.status === 'pending' &&
      row.dependsOn === null &&
      row.notBefore <= now &&
      !blocked.has(row.messageId);
    if (!ready) {
      blocked.add(row.messageId);
      continue;
    }
    bytes += encodedLength(row);
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(row);
  }
  return batch;
}

const utf8 = new TextEncoder();

/** The op's size in the request body (UTF-8 JSON and its comma). */
function encodedLength(row: OutboxRow): number {
  return utf8.encode(JSON.stringify(row.op)).length + 1;
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
