import type { ErrorCode } from '@petrel/contract';
import type { ImapFlowError } from 'imapflow';
import { ApiError } from '../plugins/api-error.ts';

/**
 * The one place that maps imapflow, TLS and network failures to contract error codes. The
 * error handler uses it for anything a route lets escape, and the pool to decide between
 * "reconnect later", "password refused" and "give up".
 */

/** Node and imapflow codes that mean "the server cannot be reached or the link broke". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'NoConnection',
  'EConnectionClosed',
  'StateLogout',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
  'STARTTLS_INJECTION',
]);

/** RFC 5530 response codes of a tagged NO that have their own contract code. */
const RESPONSE_CODES: Partial<Record<string, ErrorCode>> = {
  NONEXISTENT: 'folder_not_found',
  ALREADYEXISTS: 'folder_exists',
  NOPERM: 'forbidden',
  OVERQUOTA: 'quota_exceeded',
  // RFC 5530 §3: UNAVAILABLE is a temporary failure of the server's own back end.
  UNAVAILABLE: 'imap_unavailable',
};

// Dovecot's refusal when mail_max_userip_connections is reached ("Maximum number of
// connections from user+IP exceeded"); no RFC 5530 code distinguishes it from other limits.
const TOO_MANY_CONNECTIONS = /maximum number of connections/i;

/** The contract code for any error that reached a route or the pool. */
export function errorCode(error: unknown): ErrorCode {
  if (error instanceof ApiError) return error.code;
  if (!isObject(error)) return 'internal';
  const e = error as ImapFlowError;
  const text = `${e.responseText ?? ''} ${e.reason ?? ''} ${typeof e.response === 'string' ? e.response : ''}`;
  if (TOO_MANY_CONNECTIONS.test(text)) return 'too_many_connections';
  // imapflow sets authenticationFailed only for a tagged NO/BAD to LOGIN/AUTHENTICATE, not
  // for a connection lost during login; RFC 5530 AUTHENTICATIONFAILED says the same.
  if (e.authenticationFailed === true || e.serverResponseCode === 'AUTHENTICATIONFAILED') return 'invalid_credentials';
  const mapped = e.serverResponseCode === undefined ? undefined : RESPONSE_CODES[e.serverResponseCode];
  if (mapped) return mapped;
  if (e.mailboxMissing === true) return 'folder_not_found';
  if (isTlsFailure(e)) return 'imap_unavailable';
  if (e.code !== undefined && UNAVAILABLE_CODES.has(e.code)) return 'imap_unavailable';
  if (e.responseStatus === 'NO' || e.responseStatus === 'BAD') return 'imap_rejected';
  return 'internal';
}

/** Wraps any error as an ApiError (keeping the original as `cause` for the log). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // Said plainly: an operator testing a new setup sees why, and it is no secret.
  const message = isObject(error) && isTlsFailure(error as ImapFlowError) ? TLS_FAILED : undefined;
  return new ApiError(errorCode(error), message, { cause: error });
}

const TLS_FAILED =
  'A secure (TLS) connection to the mail server could not be established. Please try again later.';

/** True for the errors after which the connection is gone (as opposed to one refused command). */
export function isConnectionFailure(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'imap_unavailable' || code === 'too_many_connections';
}

/**
 * STARTTLS refused or missing (imapflow's tlsFailed), Node's certificate verification
 * failures (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID…)
 * and OpenSSL handshake errors.
 */
function isTlsFailure(e: ImapFlowError): boolean {
  if (e.tlsFailed === true) return true;
  const code = e.code;
  return code !== undefined && (/CERT|^ERR_TLS_|^ERR_SSL_/.test(code) || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
