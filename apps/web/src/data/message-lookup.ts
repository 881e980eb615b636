import type { MessageRef } from '@petrel/contract';
import type { FolderRow, SyncStateRow } from '../db/rows.ts';
import type { CachedMessage } from './types.ts';

/** What the cache knows about one message id. */
export type MessageLookup =
  | { status: 'loading' }
  | { status: 'found'; message: CachedMessage }
  /** Moved or expunged (here or on another device), or its folder was recreated. */
  | { status: 'gone' };

/**
 * Whether a message missing from the cache is gone or not synced yet. A folder's first
 * listing ('initial') fills the cache page by page, so an older message may still come;
 * after it, sync keeps the cache complete (a resync deletes rows only at its end), so a
 * missing row was removed. A new UIDVALIDITY means the id names nothing any more (RFC 9051
 * §2.3.1.1).
 */
export function missingMessageStatus(
  ref: MessageRef,
  folder: FolderRow | undefined,
  sync: SyncStateRow | undefined,
): 'loading' | 'gone' {
  if (folder?.uidValidity != null && folder.uidValidity !== ref.uidValidity) return 'gone';
  if (sync !== undefined && sync.phase !== 'initial') return 'gone';
  return 'loading';
}
