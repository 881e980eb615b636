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
  /** The folder's total when the listing started (cached headers: see MessageCountRow). */
  total: number;
  lastSyncedAt: string | null;
  error: string | null;
}

/** Header rows cached per folder, kept in step with `messages` (see message-counts.ts). */
export interface MessageCountRow {
  folder: string;
  count: number;
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

/**
 * Life of a queued op (see sync/replay.ts):
 * - pending: waiting to be sent (offline, backing off, or waiting for the move it depends on);
 * - sending: in a request right now (only the leader tab sends);
 * - applied: the server applied it; kept a little while for undo and the "synced" count;
 * - conflict: the server's state makes it impossible (expunged elsewhere, folder gone, new
 *   UIDVALIDITY without a match); the cache shows the server's truth, the row stays until
 *   the user dismisses it;
 * - failed: refused again and again; the optimistic effect stays shown as unconfirmed until
 *   the user retries or discards it.
 */
export type OutboxStatus = 'pending' | 'sending' | 'applied' | 'conflict' | 'failed';

export type ConflictReason = 'gone' | 'stale' | 'folderMissing' | 'dependency';

/**
 * One queued op, written in the same transaction as its optimistic effect. Ops replay in
 * `seq` order. An opId is re-sent unchanged only after a transport failure (the server may
 * have applied it; its idempotency log answers for it); after any definitive answer the op
 * is re-issued under a new opId, so a retry never receives the first attempt's result.
 */
export interface OutboxRow {
  opId: string;
  seq: number;
  kind: ActionKind;
  /**
   * The op as it will be sent. While `dependsOn` is set its target is a placeholder: the
   * message gets a new UID when the move it depends on is applied.
   */
  op: Op;
  /** Id of the cached row the op acts on; follows the row when a move re-keys it. */
  messageId: string;
  /** The Message-ID header, to re-find the mail after a new UIDVALIDITY or a lost reply. */
  mailId: string | null;
  /** Shown in "Pending changes" even after the row left the cache. */
  subject: string;
  /** Where a move or delete puts the message; null for flags and for expunges. */
  destination: string | null;
  /** The queued move that must be applied first (its newRef becomes this op's target). */
  dependsOn: string | null;
  status: OutboxStatus;
  /** This opId was handed to the network at least once, so it may have been applied. */
  sent: boolean;
  /** Definitive refusals so far; at MAX_ATTEMPTS the op becomes `failed`. */
  attempts: number;
  /** ms since epoch before which it is not sent again (backoff after a refusal). */
  notBefore: number;
  createdAt: number;
  settledAt: number | null;
  result: OpResult | null;
  /** Why it is a conflict or failed, in words for the user. */
  problem: { reason: ConflictReason | 'failed'; message: string } | null;
}
