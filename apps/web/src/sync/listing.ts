import type { Api } from '../api/api.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parseStateToken } from '@petrel/contract';
import type { MessageList } from '@petrel/contract';
import { isApiError } from '../api/errors.ts';
import { MESSAGE_ROW_HEIGHT } from '../data/types.ts';
import { folderIdentities, rekeyBodies, writeRows } from '../db/message-store.ts';
import { pendingOverlay } from '../db/overlay-store.ts';
import type { PetrelDb } from '../db/schema.ts';
import type { StaleRow, SyncContext } from './context.ts';
import { nowIso } from './context.ts';
import { mergeHeaders } from './merge.ts';
import type { PageAhead } from './page-ahead.ts';
import { planResync, supersededRows } from './resync-plan.ts';

/** Older pages use the maximum size; the newest page is sized by firstPageSize. */
export const BACKGROUND_PAGE_SIZE = MAX_PAGE_SIZE;

/**
 * The newest page holds what the window shows and a little more, so the first paint waits
 * for no more than it shows: on the server every header costs FETCH work (BODYSTRUCTURE,
 * the preview's partial fetch), and here parsing and storing. 100 headers took 75 ms of
 * FETCH on a 10,000-message Inbox at sign-in (bench first-rows); a laptop window shows 12.
 * The next page, of the maximum size, is requested as soon as this one is stored.
 */
export function firstPageSize(viewportHeight: number): number {
  const shown = Math.ceil(Math.max(0, viewportHeight) / MESSAGE_ROW_HEIGHT);
  return Math.min(DEFAULT_PAGE_SIZE, Math.max(30, shown + 10));
}

/**
 * Fetches and stores the next page of a folder's listing (initial sync or re-sync), in
 * that folder's queue. Returns true while more pages remain. With `ahead`, the page after
 * this one is requested before this one is stored (see page-ahead.ts).
 *
 * The page and the sync-state update share one transaction, and the update is a
 * compare-and-set on (phase, cursor): if a re-sync restarted the listing while this page
 * was in flight, its headers are still merged (they are server truth) but its cursor is
 * dropped.
 */
export function listNextPage(
  ctx: SyncContext,
  folder: string,
  ahead?: PageAhead,
): Promise<boolean> {
  return ctx.queues.run(folder, async () => {
    const { db } = ctx;
    const sync = await db.syncState.get(folder);
    if (!sync || sync.phase === 'idle') return false;
    // A re-sync's record of seen UIDs lives in memory; after a reload it starts over.
    const restart = sync.phase === 'resync' && sync.cursor !== null && !ctx.resyncs.has(folder);
    const cursor = restart ? null : sync.cursor;

    const fetchAt = (at: string | null) => fetchPage(ctx, folder, at);
    const applied = ctx.applied.get(folder) ?? 0;
    let page: MessageList;
    try {
      page = await (ahead?.take(cursor, applied) ?? fetchAt(cursor));
    } catch (error) {
      // The cursor is from before a UIDVALIDITY change: list the folder again from the top.
      if (!isApiError(error, 'cannot_calculate_changes')) throw error;
      await db.syncState.update(folder, { phase: 'resync', cursor: null });
      ctx.resyncs.delete(folder);
      return true;
    }

    const next = page.nextCursor;
    const requestNext = () => {
      if (ahead && next !== null) ahead.request(next, applied, () => fetchAt(next));
    };
    // The newest page is the one the user waits for: the next is asked for once it is
    // stored, so that page's parsing and storing do not compete with the first paint.
    if (cursor !== null) requestNext();

    if (sync.phase === 'resync') {
      if (cursor === null) {
        const uidValidity =
          page.state === null
            ? (page.messages[0]?.uidValidity ?? null)
            : (parseStateToken(page.state)?.uidValidity ?? null);
        ctx.resyncs.set(folder, { uidValidity, seen: new Set() });
      }
      for (const header of page.messages) ctx.resyncs.get(folder)?.seen.add(header.uid);
    }

    const more = await db.transaction(
      'rw',
      [db.messages, db.bodies, db.syncState, db.outbox],
      async () => {
        // The reads go out together: each await in a transaction is a round trip to the
        // browser's IndexedDB process, 10–20 ms apiece while a first sync keeps it busy. The
        // sync state read first is the one it would be read last: this readwrite transaction
        // holds syncState, so nothing else can change it meanwhile.
        const [overlay, cachedRows, current] = await Promise.all([
          pendingOverlay(db, folder),
          // By id rather than by UID: the same rows for merging (a cached row of another
          // UIDVALIDITY is replaced either way), and the count middleware then need not
          // read them a second time before the put.
          db.messages.bulkGet(page.messages.map((header) => header.id)),
          db.syncState.get(folder),
        ]);
        const cached = cachedRows.filter((row) => row !== undefined);
        const put = mergeHeaders(cached, page.messages, overlay);
        const superseded = sync.phase === 'resync' ? await supersede(ctx, folder, put) : [];
        await writeRows(db, { put, delete: superseded });
        if (!current || current.phase !== sync.phase || current.cursor !== sync.cursor) return true;
        const done = page.nextCursor === null;
        if (done && sync.phase === 'resync') await finishResync(ctx, folder);
        await db.syncState.update(folder, {
          ...(cursor === null ? { state: page.state } : {}),
          cursor: page.nextCursor,
          phase: done ? 'idle' : sync.phase,
          lastSyncedAt: nowIso(ctx),
          error: null,
        });
        return !done;
      },
    );
    if (cursor === null) requestNext();
    return more;
  });
}

/** One page of a folder's listing: the small newest page, or an older one at `cursor`. */
export function fetchPage(
  ctx: { api: Pick<Api, 'listMessages'> },
  folder: string,
  cursor: string | null,
): Promise<MessageList> {
  return ctx.api.listMessages(folder, {
    ...(cursor === null ? {} : { cursor }),
    limit: cursor === null ? firstPageSize(globalThis.innerHeight ?? 0) : BACKGROUND_PAGE_SIZE,
  });
}

/** Marks a folder for listing again from the top, keeping its rows visible meanwhile. */
export async function startResync(ctx: SyncContext, folder: string): Promise<void> {
  ctx.resyncs.delete(folder);
  await markForResync(ctx.db, folder);
}

/**
 * The persistent half of {@link startResync}: any tab may call it; the leader's pager
 * (re)starts the listing when it sees the phase, since a cursor of null always begins a
 * fresh record of seen UIDs.
 */
export async function markForResync(db: PetrelDb, folder: string): Promise<void> {
  await db.syncState.update(folder, { phase: 'resync', cursor: null, error: null });
}

/** Deletes what the completed re-sync listing did not contain (inside its transaction). */
async function finishResync(ctx: SyncContext, folder: string): Promise<void> {
  const progress = ctx.resyncs.get(folder);
  ctx.resyncs.delete(folder);
  if (!progress) return;
  const plan = planResync(await folderIdentities(ctx.db, folder), {
    uidValidity: progress.uidValidity,
    uids: progress.seen,
  });
  await writeRows(ctx.db, { put: [], delete: plan.delete });
}

/** Old-UIDVALIDITY rows that a new header replaces; their bodies move to the new ids. */
async function supersede(
  ctx: SyncContext,
  folder: string,
  incoming: Parameters<typeof supersededRows>[1],
): Promise<string[]> {
  const progress = ctx.resyncs.get(folder);
  if (!progress || progress.uidValidity === null) return [];
  progress.stale ??= await staleRowsByMessageId(ctx.db, folder, progress.uidValidity);
  const staleRows = progress.stale;
  if (staleRows.size === 0) return [];
  const candidates = incoming.flatMap((row) =>
    row.messageId === null ? [] : (staleRows.get(row.messageId) ?? []),
  );
  const moves = supersededRows(candidates, incoming);
  await rekeyBodies(ctx.db, moves);
  const moved = new Set(moves.map((move) => move.from));
  for (const row of candidates) {
    if (!moved.has(row.id) || row.messageId === null) continue;
    const rest = (staleRows.get(row.messageId) ?? []).filter((other) => other.id !== row.id);
    if (rest.length > 0) staleRows.set(row.messageId, rest);
    else staleRows.delete(row.messageId);
  }
  return [...moved];
}

/**
 * The folder's cached server rows of another UIDVALIDITY than the listing's, by Message-ID.
 * Found from primary keys (ids encode UIDVALIDITY), so a re-sync without a UIDVALIDITY change
 * reads no rows, and no Message-ID index has to be written for every stored header.
 */
async function staleRowsByMessageId(
  db: PetrelDb,
  folder: string,
  uidValidity: number,
): Promise<Map<string, StaleRow[]>> {
  const staleIds = (await folderIdentities(db, folder))
    .filter((row) => row.origin === null && row.uidValidity !== uidValidity)
    .map((row) => row.id);
  const byMessageId = new Map<string, StaleRow[]>();
  for (const row of await db.messages.bulkGet(staleIds)) {
    if (row === undefined || row.messageId === null) continue;
    const { id, uidValidity: stale, messageId, origin } = row;
    const entry = { id, folder: row.folder, uidValidity: stale, messageId, origin };
    byMessageId.set(messageId, [...(byMessageId.get(messageId) ?? []), entry]);
  }
  return byMessageId;
}
