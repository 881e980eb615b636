import type { MessageRow } from '../db/rows.ts';
import { folderRange } from '../db/message-store.ts';
import type { PetrelDb } from '../db/schema.ts';
import { partsToKeep } from './prefetch-parts.ts';
import type { KeptPart } from './prefetch-parts.ts';
import { bodyBytes } from './prefetch-plan.ts';
import type { CacheEntry } from './prefetch-plan.ts';

/**
 * What the offline cache holds, read from Dexie for planning, and eviction. Reads walk
 * the tables with cursors: only sizes are kept, never the bodies or the bytes.
 */

/**
 * Outbox states whose message must keep its cached body: the user changed it and the
 * server has not confirmed it (or refused, and the user still has to decide).
 */
const PINNING_STATUSES = ['pending', 'sending', 'conflict', 'failed'];

export interface Inventory {
  /** Every cached body, sized with its stored parts and the parts still to fetch. */
  entries: CacheEntry[];
  /** lastReadAt of each body when read, so eviction can tell it was opened since. */
  recency: Map<string, number>;
  pinned: Set<string>;
  /** Parts each cached message should keep and has not stored yet. */
  missing: Map<string, KeptPart[]>;
  /** Stored part rows to delete: their body is gone, or they are no longer wanted. */
  stale: string[];
}

export function readInventory(db: PetrelDb, options: { attachments: boolean }): Promise<Inventory> {
  return db.transaction('r', [db.bodies, db.parts, db.outbox], async () => {
    const stored = new Map<string, Map<string, { id: string; bytes: number }>>();
    await db.parts.each(({ id, messageId, part, bytes }) => {
      const parts = stored.get(messageId) ?? new Map<string, { id: string; bytes: number }>();
      parts.set(part, { id, bytes });
      stored.set(messageId, parts);
    });
    const inventory: Inventory = {
      entries: [],
      recency: new Map(),
      pinned: await pinnedMessages(db),
      missing: new Map(),
      stale: [],
    };
    await db.bodies.each((body) => {
      const have = stored.get(body.id) ?? new Map<string, { id: string; bytes: number }>();
      stored.delete(body.id);
      let bytes = bodyBytes(body);
      const missing: KeptPart[] = [];
      const wanted = new Set<string>();
      for (const kept of partsToKeep(body, options)) {
        wanted.add(kept.attachment.part);
        if (have.has(kept.attachment.part)) continue;
        missing.push(kept);
        // BODYSTRUCTURE sizes are base64: three quarters of it is the decoded size.
        bytes += Math.min(Math.ceil((kept.attachment.size * 3) / 4), kept.limit);
      }
      for (const [part, row] of have) {
        if (wanted.has(part)) bytes += row.bytes;
        else inventory.stale.push(row.id);
      }
      inventory.entries.push({ id: body.id, bytes, recency: body.lastReadAt, cached: true });
      inventory.recency.set(body.id, body.lastReadAt);
      if (missing.length > 0) inventory.missing.set(body.id, missing);
    });
    // What is left belongs to no cached body (deleted, moved, evicted by an older build).
    for (const parts of stored.values())
      for (const row of parts.values()) inventory.stale.push(row.id);
    return inventory;
  });
}

/** Message ids with an unsettled action in the outbox. */
export async function pinnedMessages(db: PetrelDb): Promise<Set<string>> {
  const rows = await db.outbox.where('status').anyOf(PINNING_STATUSES).toArray();
  return new Set(rows.map((row) => row.messageId));
}

/**
 * Deletes these bodies and their parts, except those opened since the plan was made (their
 * lastReadAt moved) or pinned since: the check and the delete share one transaction.
 * Resolves with the ids actually evicted.
 */
export function evictBodies(
  db: PetrelDb,
  ids: readonly string[],
  plannedRecency: ReadonlyMap<string, number>,
): Promise<string[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.transaction('rw', [db.bodies, db.parts, db.outbox], async () => {
    const [bodies, pinned] = await Promise.all([db.bodies.bulkGet([...ids]), pinnedMessages(db)]);
    const gone = ids.filter((id, index) => {
      const body = bodies[index];
      return body !== undefined && body.lastReadAt === plannedRecency.get(id) && !pinned.has(id);
    });
    await db.bodies.bulkDelete(gone);
    await db.parts.where('messageId').anyOf(gone).delete();
    return gone;
  });
}

export async function deleteParts(db: PetrelDb, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.parts.bulkDelete([...ids]);
}

/** The Inbox's newest cached headers, newest first. */
export async function inboxNewestFirst(db: PetrelDb, limit: number): Promise<MessageRow[]> {
  const folders = await db.folders.toArray();
  const inbox = folders.find((folder) => folder.specialUse === '\\Inbox')?.path ?? 'INBOX';
  return folderRange(db, inbox).reverse().limit(limit).toArray();
}

/** Messages cached and bytes used, for the settings page. */
export async function cacheUsage(db: PetrelDb): Promise<{ messages: number; bytes: number }> {
  let messages = 0;
  let bytes = 0;
  await db.transaction('r', [db.bodies, db.parts], async () => {
    await db.bodies.each((body) => {
      messages += 1;
      bytes += bodyBytes(body);
    });
    await db.parts.each((part) => {
      bytes += part.bytes;
    });
  });
  return { messages, bytes };
}
