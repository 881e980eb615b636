// The seam between the web app's data layer (src/db, src/sync, src/api, src/data) and its
// UI (src/app, src/features). The UI reads only through these hooks, which read only from
// the local Dexie database; the sync engine is the only writer of server data into it.
import type { Attachment, Folder, MessageHeader } from '@petrel/contract';

/** A folder as cached, with what the sidebar needs. */
export type CachedFolder = Folder & {
  /** Sync progress of this folder: headers cached so far out of total. */
  syncedCount: number;
  lastSyncedAt: string | null;
  syncError: string | null;
};

/** A message header as cached; `flags` already include optimistic local changes. */
export type CachedMessage = MessageHeader & {
  /** True while a local action on it has not been confirmed by the server. */
  pending: boolean;
};

export interface CachedBody {
  id: string;
  html: string | null;
  text: string | null;
  attachments: Attachment[];
  inline: Attachment[];
  tooComplex: boolean;
}

export type ConnectionStatus = 'online' | 'offline' | 'connecting' | 'reconnecting' | 'authLost';

export interface SyncStatus {
  connection: ConnectionStatus;
  /** e.g. "Syncing Inbox: 1,200 of 10,000" — null when idle. */
  progress: { folder: string; done: number; total: number } | null;
  lastSyncAt: string | null;
  /** Human-readable error to show, never a silent empty list. */
  error: string | null;
  /** The last backlog the outbox sent after being offline: "N changes synced". */
  synced: { count: number; at: number } | null;
}

/** A queued or settled op, as "Pending changes" lists it. */
export interface PendingChange {
  opId: string;
  kind: ActionKind;
  subject: string;
  /** Folder the message is moved to, for moves, archive, delete and junk. */
  destination: string | null;
  status: 'pending' | 'sending' | 'conflict' | 'failed';
  /** Why it is a conflict or failed, in words. */
  problem: string | null;
  /** Waiting for an earlier move of the same message to be applied. */
  waiting: boolean;
}

/**
 * Every message row's height in CSS px (`.message-row` in mailbox.css): fixed, so the list
 * virtualizes 100,000 rows at no cost, and sync sizes Inbox's first page by what a window
 * shows of them.
 */
export const MESSAGE_ROW_HEIGHT = 72;

/** Result of the message-list hook, shaped for a virtualizer over very long lists. */
export interface MessageListView {
  /** Total rows in the folder (from the cache). */
  count: number;
  /** Rows currently loaded for the visible window; index = position newest-first. */
  rowAt(index: number): CachedMessage | undefined;
  /** Ask for rows [start, end) to be loaded from Dexie (the virtualizer calls this). */
  setWindow(start: number, end: number): void;
  /** Ids of every message in the folder, newest first, read off the index (no rows loaded). */
  allIds(): Promise<string[]>;
  /** False until the first rows came from the cache. */
  ready: boolean;
}

export type ActionKind =
  'markRead' | 'markUnread' | 'flag' | 'unflag' | 'move' | 'archive' | 'delete' | 'junk';

export interface ActionResult {
  ok: boolean;
  /** Why it failed, in words, when ok is false. */
  message?: string;
  /** Present for move/archive/delete/junk: undoes it within a few seconds. */
  undo?: () => Promise<void>;
}

export interface Account {
  email: string;
}
