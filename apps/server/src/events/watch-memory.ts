import type { FolderState } from '@petrel/contract';

/**
 * What a user's change watcher remembers between connections (reconnects, idle-close and
 * reopen). A new watcher compares the mailbox with it, so changes made while no connection
 * was watching still become events instead of being lost in the gap.
 */
export interface WatchMemory {
  /** Last STATUS poll: counts and reported state per folder; null before the first poll. */
  folders: Map<string, FolderSnapshot> | null;
  /** The folder list as last polled (paths, subscription, special use); null before. */
  listKey: string | null;
  /** The watched folder's state as the last event left it. */
  selected: FolderState | null;
}

export interface FolderSnapshot {
  total: number;
  unread: number;
  state: string | null;
}

export function newWatchMemory(): WatchMemory {
  return { folders: null, listKey: null, selected: null };
}
