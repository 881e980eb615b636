import { MAX_CHANGES_LIMIT } from '@petrel/contract';
import type { FlagUpdate, MessageHeader } from '@petrel/contract';
import { rowsByUids, writeRows } from '../db/message-store.ts';
import { pendingOverlay } from '../db/overlay-store.ts';
import type { SyncContext } from './context.ts';
import { nowIso } from './context.ts';
import { startResync } from './listing.ts';
import { mergeChanges, uidsOf } from './merge.ts';

export type CatchUpResult = 'current' | 'resync' | 'notListed';

/**
 * Brings one folder up to date with `changes?since=`, page by page while `hasMore`, each
 * page with its new state token in one transaction (so a reload resumes there).
 * `cannotCalculateChanges`, or a folder without a token after its listing finished (no
 * CONDSTORE), starts a re-sync; the caller then drives the listing.
 */
export function catchUp(ctx: SyncContext, folder: string): Promise<CatchUpResult> {
  return ctx.queues.run(folder, async () => {
    for (;;) {
      const sync = await ctx.db.syncState.get(folder);
      if (!sync) return 'notListed';
      if (sync.state === null) {
        if (sync.phase !== 'idle') return 'notListed';
        await startResync(ctx, folder);
        return 'resync';
      }
      const response = await ctx.api.getChanges(folder, sync.state, MAX_CHANGES_LIMIT);
      if (response.kind === 'cannotCalculateChanges') {
        await startResync(ctx, folder);
        return 'resync';
      }
      await applyChanges(ctx, folder, response, { state: response.state });
      if (!response.hasMore) return 'current';
    }
  });
}

/**
 * Writes one set of changes to a folder in one transaction; `syncState` patches the
 * folder's sync state in the same transaction (or is null to leave the token alone).
 * Must run inside the folder's queue.
 */
export async function applyChanges(
  ctx: SyncContext,
  folder: string,
  changes: { added?: MessageHeader[]; updated?: FlagUpdate[]; vanished?: number[] },
  syncState: { state: string | null } | null,
): Promise<void> {
  const { db } = ctx;
  const resync = ctx.resyncs.get(folder);
  for (const header of changes.added ?? []) resync?.seen.add(header.uid);
  ctx.applied.set(folder, (ctx.applied.get(folder) ?? 0) + 1);
  await db.transaction('rw', [db.messages, db.bodies, db.syncState, db.outbox], async () => {
    const overlay = await pendingOverlay(db, folder);
    const cached = await rowsByUids(db, folder, uidsOf(changes));
    const writes = mergeChanges(
      cached,
      {
        added: changes.added ?? [],
        updated: changes.updated ?? [],
        vanished: changes.vanished ?? [],
      },
      overlay,
    );
    await writeRows(db, writes);
    await db.syncState.update(folder, {
      ...(syncState ?? {}),
      lastSyncedAt: nowIso(ctx),
      error: null,
    });
  });
}
