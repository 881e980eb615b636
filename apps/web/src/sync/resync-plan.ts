import type { MessageRow } from '../db/rows.ts';

/**
 * A re-sync lists the folder again from the top while the old rows stay visible; the
 * listing upserts rows as pages arrive. At the end, this decides which cached rows the
 * listing did not contain: those are deleted, in one transaction, and nothing else is.
 * Rows from another UIDVALIDITY are void (RFC 9051 §2.3.1.1) even if their UID reappears.
 * Optimistic arrivals (`origin` set) are local, not the folder's server rows: kept.
 */
export function planResync(
  local: ReadonlyArray<Pick<MessageRow, 'id' | 'uid' | 'uidValidity' | 'origin'>>,
  server: { uidValidity: number | null; uids: ReadonlySet<number> },
): { delete: string[]; keep: number } {
  const deleted: string[] = [];
  let keep = 0;
  for (const row of local) {
    const current =
      row.origin !== null ||
      ((server.uidValidity === null || row.uidValidity === server.uidValidity) &&
        server.uids.has(row.uid));
    if (current) keep += 1;
    else deleted.push(row.id);
  }
  return { delete: deleted, keep };
}

/**
 * After a UIDVALIDITY change every id in the folder changes, but Message-ID still names
 * the mail: map old rows to the new headers that carry the same Message-ID, so a cached
 * body follows its mail instead of being fetched again, and the old row goes at once
 * rather than lingering as a duplicate until the re-sync ends.
 */
export function supersededRows(
  stale: ReadonlyArray<Pick<MessageRow, 'id' | 'folder' | 'uidValidity' | 'messageId' | 'origin'>>,
  incoming: ReadonlyArray<Pick<MessageRow, 'id' | 'folder' | 'uidValidity' | 'messageId'>>,
): Array<{ from: string; to: string }> {
  const byMessageId = new Map<string, { id: string; folder: string; uidValidity: number }>();
  for (const row of incoming) if (row.messageId !== null) byMessageId.set(row.messageId, row);
  const moves: Array<{ from: string; to: string }> = [];
  for (const row of stale) {
    if (row.messageId === null || row.origin !== null) continue;
    const next = byMessageId.get(row.messageId);
    if (next && next.folder === row.folder && next.uidValidity !== row.uidValidity) {
      moves.push({ from: row.id, to: next.id });
    }
  }
  return moves;
}
