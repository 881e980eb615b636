import { compareModseq } from '@petrel/contract';
import type { FlagUpdate, MessageHeader } from '@petrel/contract';
import type { MessageRow } from '../db/rows.ts';
import { NO_OVERLAY, overlayFlags, uidKey } from './overlay.ts';
import type { PendingOverlay } from './overlay.ts';

/**
 * How server reports land in the cache: plain functions over plain rows, no I/O. Callers
 * pass the cached rows of one folder that the report is about (looked up by UID) and write
 * the returned puts and deletes in one transaction.
 *
 * Invariants:
 * - Idempotent: applying a report twice gives the same rows (pages and events repeat).
 * - Per message the higher modseq wins, so a late list page cannot undo a newer flag change.
 * - Rows under an optimistic move (`origin` set) are not server rows of the folder they
 *   sit in; they are never matched by UID, changed or deleted here.
 * - In-flight flag changes stay applied over server flags (see overlay.ts).
 */

export interface RowWrites {
  put: MessageRow[];
  delete: string[];
}

/**
 * A server header as a row. INTERNALDATE is normalised to UTC `toISOString` form, because
 * the contract allows any offset and the `[folder+date]` index compares strings.
 */
export function toRow(header: MessageHeader): MessageRow {
  return { ...header, date: new Date(header.date).toISOString(), pending: false, origin: null };
}

/** True when report `a` is older than report `b`; without modseqs the later report wins. */
export function isOlder(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && compareModseq(a, b) < 0;
}

/** Indexes server rows (not optimistic arrivals) by UID. */
export function byUid(rows: readonly MessageRow[]): Map<number, MessageRow> {
  const map = new Map<number, MessageRow>();
  for (const row of rows) if (row.origin === null) map.set(row.uid, row);
  return map;
}

/** Upserts listed or pushed headers; skips UIDs an in-flight action is taking away. */
export function mergeHeaders(
  cached: readonly MessageRow[],
  headers: readonly MessageHeader[],
  overlay: PendingOverlay = NO_OVERLAY,
): MessageRow[] {
  const known = byUid(cached);
  const put: MessageRow[] = [];
  for (const header of headers) {
    const key = uidKey(header.uidValidity, header.uid);
    if (overlay.leaving.has(key)) continue;
    const previous = known.get(header.uid);
    const fresh = toRow(header);
    // A different UIDVALIDITY means a different mail under the same UID: take the new one.
    const keepCachedFlags =
      previous !== undefined &&
      previous.uidValidity === header.uidValidity &&
      isOlder(header.modseq, previous.modseq);
    const base = keepCachedFlags
      ? { ...fresh, flags: previous.flags, modseq: previous.modseq }
      : fresh;
    put.push({
      ...base,
      flags: keepCachedFlags ? base.flags : overlayFlags(base.flags, key, overlay),
      pending: previous?.id === fresh.id ? previous.pending : false,
    });
  }
  return put;
}

/** Patches flags of cached messages; unknown UIDs are ignored (a later page brings them). */
export function applyFlagUpdates(
  cached: readonly MessageRow[],
  updates: readonly FlagUpdate[],
  overlay: PendingOverlay = NO_OVERLAY,
): MessageRow[] {
  const rows = byUid(cached);
  const put: MessageRow[] = [];
  for (const update of updates) {
    const row = rows.get(update.uid);
    if (row === undefined || isOlder(update.modseq, row.modseq)) continue;
    const next = {
      ...row,
      modseq: update.modseq,
      flags: overlayFlags(update.flags, uidKey(row.uidValidity, update.uid), overlay),
    };
    rows.set(update.uid, next);
    put.push(next);
  }
  return dedupeById(put);
}

/** Ids of cached messages the server expunged; unknown UIDs are ignored (RFC 7162 §3.2.6). */
export function vanishedIds(cached: readonly MessageRow[], uids: readonly number[]): string[] {
  const rows = byUid(cached);
  return uids.flatMap((uid) => {
    const row = rows.get(uid);
    return row === undefined ? [] : [row.id];
  });
}

/** One page of `changes` (or one folder event) as writes, following the contract's rules. */
export function mergeChanges(
  cached: readonly MessageRow[],
  changes: {
    added: readonly MessageHeader[];
    updated: readonly FlagUpdate[];
    vanished: readonly number[];
  },
  overlay: PendingOverlay = NO_OVERLAY,
): RowWrites {
  const added = mergeHeaders(cached, changes.added, overlay);
  // Flag updates see the rows as just added, so an add and an update in one page compose.
  const afterAdd = [...cached.filter((row) => !added.some((a) => a.id === row.id)), ...added];
  const updated = applyFlagUpdates(afterAdd, changes.updated, overlay);
  const deleted = vanishedIds(afterAdd, changes.vanished);
  const gone = new Set(deleted);
  const put = dedupeById([...added, ...updated]).filter((row) => !gone.has(row.id));
  return { put, delete: deleted };
}

/** UIDs a report is about, for looking up the cached rows it needs. */
export function uidsOf(changes: {
  added?: readonly MessageHeader[];
  updated?: readonly FlagUpdate[];
  vanished?: readonly number[];
}): number[] {
  return [
    ...(changes.added ?? []).map((header) => header.uid),
    ...(changes.updated ?? []).map((update) => update.uid),
    ...(changes.vanished ?? []),
  ];
}

/** Last write per id wins, in first-seen order. */
function dedupeById(rows: readonly MessageRow[]): MessageRow[] {
  const map = new Map<string, MessageRow>();
  for (const row of rows) map.set(row.id, row);
  return [...map.values()];
}
