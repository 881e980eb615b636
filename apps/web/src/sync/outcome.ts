import type { ErrorCode, OpResult } from '@petrel/contract';
import { isApiError } from '../api/errors.ts';
import type { ConflictReason, OutboxRow } from '../db/rows.ts';

/** Definitive refusals before an op is shown as failed instead of tried again. */
export const MAX_ATTEMPTS = 3;

/** Op-level codes that say "not now" rather than "no": re-sent without counting an attempt. */
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set([
  'imap_unavailable',
  'too_many_connections',
  'rate_limited',
  'internal',
]);

export type Outcome =
  | { kind: 'applied' }
  /** `gone` for a move: our own earlier attempt (reply lost) may have moved it; look there. */
  | { kind: 'locate' }
  /** New UIDVALIDITY: re-sync the folder and look for the same Message-ID. */
  | { kind: 'stale' }
  | { kind: 'conflict'; reason: ConflictReason; message: string }
  /** Re-issue under a new opId after a backoff; `attempts` is the new count. */
  | { kind: 'retry'; attempts: number }
  | { kind: 'failed'; message: string };

export const GONE_MESSAGE = 'The message was deleted or moved on another device.';
export const STALE_MESSAGE =
  'The folder was recreated on the server and this message is not in it any more.';

/** What to do with a server's answer to one op. Pure. */
export function classifyResult(
  row: Pick<OutboxRow, 'op' | 'destination' | 'attempts'>,
  result: OpResult,
): Outcome {
  switch (result.status) {
    case 'applied':
      return { kind: 'applied' };
    case 'gone':
      // An expunge that finds nothing has what it wanted.
      if (row.op.type === 'delete' && row.destination === null) return { kind: 'applied' };
      return row.destination === null
        ? { kind: 'conflict', reason: 'gone', message: GONE_MESSAGE }
        : { kind: 'locate' };
    case 'stale':
      return { kind: 'stale' };
    case 'failed':
      if (result.code === 'folder_not_found' && row.destination !== null) {
        return {
          kind: 'conflict',
          reason: 'folderMissing',
          message: `The folder “${row.destination}” no longer exists, so the message stays where it is.`,
        };
      }
      if (TRANSIENT_CODES.has(result.code)) return { kind: 'retry', attempts: row.attempts };
      return row.attempts + 1 >= MAX_ATTEMPTS
        ? { kind: 'failed', message: result.message }
        : { kind: 'retry', attempts: row.attempts + 1 };
  }
}

/**
 * A request that got no per-op answer:
 * - offline: no response at all; nothing is known, the same opIds are sent again later;
 * - auth: the session ended; the queue waits for the user to sign in again;
 * - transient: 5xx, 429, a timeout, an unreadable body; like offline, but the server is up;
 * - rejected: the server refused the whole batch (400, 403, 413), so no op ran.
 */
export type FailureKind = 'offline' | 'auth' | 'transient' | 'rejected';

export function classifyFailure(error: unknown): FailureKind {
  if (!isApiError(error)) return 'transient';
  if (error.code === 'network') return 'offline';
  if (error.code === 'unauthenticated') return 'auth';
  if (error.status === 0 || error.status >= 500 || error.status === 429 || error.status === 408) {
    return 'transient';
  }
  return error.status >= 400 ? 'rejected' : 'transient';
}
