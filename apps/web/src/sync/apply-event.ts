import { PROTOCOL_VERSION } from '@petrel/contract';
import type { ConnectionState, ServerEvent } from '@petrel/contract';
import type { ConnectionStatus } from '../data/types.ts';
import { applyChanges } from './catch-up.ts';
import type { SyncContext } from './context.ts';

/** What applying an event may ask of the engine; the engine does the I/O-heavy follow-ups. */
export interface EventFollowUps {
  catchUp(folder: string): void;
  catchUpAll(): void;
  resync(folder: string): void;
  refreshFolders(): void;
}

type FolderEvent = Extract<
  ServerEvent,
  { type: 'messagesAdded' | 'flagsChanged' | 'messagesVanished' }
>;

/**
 * Applies one SSE event to the cache (leader tab only). Folder events follow the contract's
 * continuity rule: when the stored token equals the event's `prevState` the event covers
 * everything in between and its `state` is stored; otherwise the event is applied anyway
 * (all updates are idempotent) and `changes` fills the gap.
 */
export async function applyEvent(
  ctx: SyncContext,
  event: ServerEvent,
  followUps: EventFollowUps,
): Promise<void> {
  switch (event.type) {
    case 'hello':
      if (event.protocolVersion > PROTOCOL_VERSION) {
        ctx.status.update({ error: 'Petrel was updated. Reload the page to continue.' });
      }
      // A fresh stream (no resume) may have missed anything since the last one.
      if (event.lastEventId === null) followUps.catchUpAll();
      break;
    case 'messagesAdded':
    case 'flagsChanged':
    case 'messagesVanished':
      await applyFolderEvent(ctx, event, followUps);
      break;
    case 'folderCounts': {
      const { db } = ctx;
      const [folder, sync] = await Promise.all([
        db.folders.get(event.folder),
        db.syncState.get(event.folder),
      ]);
      if (!folder) {
        followUps.refreshFolders();
        break;
      }
      await db.folders.update(event.folder, { total: event.total, unread: event.unread });
      if (sync && sync.state !== null && event.state !== sync.state)
        followUps.catchUp(event.folder);
      break;
    }
    case 'foldersChanged':
      followUps.refreshFolders();
      break;
    case 'connection':
      ctx.status.update(connectionStatus(event.state));
      break;
    case 'resync':
      // Lost events are recovered through `changes`; only a new UIDVALIDITY voids the
      // folder's UIDs and needs a listing from the top.
      if (event.folder === undefined) followUps.catchUpAll();
      else if (event.reason === 'uidValidityChanged') followUps.resync(event.folder);
      else followUps.catchUp(event.folder);
      break;
  }
  await ctx.db.meta.put({ key: 'lastEventId', value: event.id });
}

async function applyFolderEvent(ctx: SyncContext, event: FolderEvent, followUps: EventFollowUps) {
  const continuous = await ctx.queues.run(event.folder, async () => {
    const sync = await ctx.db.syncState.get(event.folder);
    if (!sync) return false;
    const follows =
      sync.state !== null && event.prevState !== null && sync.state === event.prevState;
    const changes =
      event.type === 'messagesAdded'
        ? { added: event.headers }
        : event.type === 'flagsChanged'
          ? { updated: event.changes }
          : { vanished: event.uids };
    await applyChanges(ctx, event.folder, changes, follows ? { state: event.state } : null);
    // Already at the event's state (e.g. `changes` ran first): nothing is missing either.
    return follows || (event.state !== null && sync.state === event.state);
  });
  if (continuous) return;
  const known = await ctx.db.syncState.get(event.folder);
  if (known) followUps.catchUp(event.folder);
  else followUps.refreshFolders();
}

export function connectionStatus(state: ConnectionState): {
  connection: ConnectionStatus;
  error: string | null;
} {
  switch (state) {
    case 'connected':
      return { connection: 'online', error: null };
    case 'reconnecting':
      return { connection: 'reconnecting', error: null };
    case 'unavailable':
      return { connection: 'reconnecting', error: 'The mail server cannot be reached right now.' };
    case 'authLost':
      return { connection: 'authLost', error: 'Your mail password changed. Please sign in again.' };
  }
}
