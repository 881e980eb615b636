import type { Folder, MessageHeader, MessageRef, Op, OpResult } from '@petrel/contract';
import type { ActionKind, CachedBody } from '../data/types.ts';

/**
 * Row shapes of the local database. Server data is stored as the contract types, plus the
 * few local fields each table needs; nothing here is a second model of the mail.
 */

export type FolderRow = Folder;

export interface MessageRow extends MessageHeader {
  /** A local action on it awaits the server. */
  pending: boolean;
  /**
   * Set while an optimistic move is in flight: the row already sits in the destination
   * folder under its old id/uid, but on the server it is still here. Sync code ignores such
   * rows when it matches server UIDs of the destination, where that uid means another mail.
   */
  origin: MessageRef | null;
}

export interface BodyRow extends CachedBody {
  /** ms since epoch; for evicting bodies nobody read for long (a later issue). */
  lastReadAt: number;
  fetchedAt: number;
}

/** How far a folder is synced. `cursor` drives background paging of older headers. */
export interface SyncStateRow {
  folder: string;
  /** Token for `changes?since=`; null until the first page arrived (or without CONDSTORE). */
  state: string | null;
  /** Next page of older headers to fetch; null when every header is cached. */
  cursor: string | null;
  /**
   * 'initial': first listing; 'resync': listing again from the top, after which rows the
   * listing did not contain are deleted; 'idle': listing complete, only changes apply.
   */
  phase: 'initial' | 'resync' | 'idle';
  /** Headers cached so far, and the folder's total when last counted. */
  syncedCount: number;
  total: number;
  lastSyncedAt: string | null;
  error: string | null;
}

export interface MetaValues {
  account: { email: string };
  /** Last SSE event applied; informs whether a fresh stream needs a catch-up. */
  lastEventId: string;
  /** Senders whose remote content (images) the user allowed, lower-case addresses. */
  remoteContentAllowlist: string[];
}

export type MetaKey = keyof MetaValues;
export type MetaRow = { [K in MetaKey]: { key: K; value: MetaValues[K] } }[MetaKey];

export type OutboxStatus = 'pending' | 'sending' | 'failed';

/**
 * One queued op. Today an action sends its ops at once and removes each row when the
 * server answered; rows a closed tab left behind are re-sent once by the next leader
 * (recoverOutbox). Queueing while offline and ordered replay are the offline-outbox issue.
 */
export interface OutboxRow {
  opId: string;
  /** Position in the queue; ops replay in this order. */
  seq: number;
  kind: ActionKind;
  op: Op;
  /** Id of the cached row the op changed optimistically (its id before any re-key). */
  messageId: string;
  /** The row as it was before the optimistic change, to revert to. */
  before: MessageRow;
  /** The row as the optimistic change left it; null when it left the cache (expunge). */
  after: MessageRow | null;
  status: OutboxStatus;
  createdAt: number;
  result: OpResult | null;
  error: string | null;
}
