import type { ErrorCode } from '@petrel/contract';
import type { ImapFlow } from 'imapflow';
import { ApiError } from '../plugins/api-error.ts';

/** The fields imapflow puts on a command that the server answered with NO or BAD. */
interface ImapCommandFailure {
  responseStatus?: string;
  serverResponseCode?: string;
  code?: string;
  mailboxMissing?: boolean;
}

/**
 * Maps a NO from the IMAP server to a contract code by its RFC 5530 response code, or returns
 * null when `error` is not an IMAP NO/BAD (connection trouble is the app error handler's to
 * classify). imapflow reports a SELECT of a missing mailbox with `mailboxMissing` and a
 * STATUS of one with code `NotFound`, whatever response code the server sent. Unlike the
 * app-wide mapping (imap/imap-errors.ts), callers narrow the code to what their route may
 * answer: a failed SELECT means something else for a folder than for a message id.
 */
export function imapRefusal(error: unknown): ErrorCode | null {
  if (typeof error !== 'object' || error === null) return null;
  const failure = error as ImapCommandFailure;
  if (failure.mailboxMissing || failure.code === 'NotFound') return 'folder_not_found';
  if (failure.responseStatus !== 'NO' && failure.responseStatus !== 'BAD') return null;
  switch (failure.serverResponseCode?.toUpperCase()) {
    case 'NONEXISTENT':
      return 'folder_not_found';
    case 'ALREADYEXISTS':
      return 'folder_exists';
    case 'NOPERM':
      return 'forbidden';
    case 'OVERQUOTA':
      return 'quota_exceeded';
    default:
      return 'imap_rejected';
  }
}

/** An IMAP refusal as an ApiError (with `map` to narrow the code); anything else as is. */
export function refusalAsApiError(
  error: unknown,
  map: (code: ErrorCode) => ErrorCode = (code) => code,
): unknown {
  const code = imapRefusal(error);
  return code === null ? error : new ApiError(map(code), undefined, { cause: error });
}

/**
 * imapflow answers false both for a tagged NO and for a command whose connection broke
 * before its tagged reply. Only a NO is about the command; a lost connection says nothing
 * about whether the server ran it, so it fails the whole request as `imap_unavailable` (an
 * action batch is then re-sent with the same opIds, and a SEARCH or the idempotency log
 * settles what already happened). Returns the answer unchanged otherwise.
 */
export function refusedUnlessLost<T>(client: ImapFlow, answer: T): T {
  if (answer === false && !client.usable) {
    throw new ApiError(
      'imap_unavailable',
      'The connection to the mail server broke during the command.',
    );
  }
  return answer;
}
