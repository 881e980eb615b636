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
  const message = isObject(error) ? tlsMessage(error as ImapFlowError) : undefined;
  return new ApiError(errorCode(error), message, { cause: error });
}

/**
 * TLS failures said plainly: a setup problem (a private CA to configure, a server without
 * STARTTLS) or an attack on the connection, and retrying will not help either way. No detail
 * from the server or the certificate reaches the client; the pool logs the cause for the
 * administrator.
 */
const TLS_MESSAGES = {
  certificate:
    "The mail server's certificate could not be verified, so Petrel did not send your password. " +
    'Please tell the administrator.',
  starttls:
    'The mail server does not offer STARTTLS, so Petrel did not send your password over an ' +
    'unencrypted connection. Please tell the administrator.',
  other: 'A secure (TLS) connection to the mail server could not be established. Please try again later.',
} as const;

function tlsMessage(e: ImapFlowError): string | undefined {
  if (isCertificateFailure(e)) return TLS_MESSAGES.certificate;
  // imapflow's own refusal (no Node code): STARTTLS missing from CAPABILITY, refused, or
  // impossible after a PREAUTH greeting (RFC 9051 §6.2.1). Each could be a downgrade attempt.
  if (e.tlsFailed === true && e.code === undefined) return TLS_MESSAGES.starttls;
  if (isTlsFailure(e)) return TLS_MESSAGES.other;
  return undefined;
}

/** True for the errors after which the connection is gone (as opposed to one refused command). */
export function isConnectionFailure(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'imap_unavailable' || code === 'too_many_connections';
}

/**
 * STARTTLS refused or missing (imapflow's tlsFailed), certificate verification failures,
 * and Node's and OpenSSL's handshake errors (ERR_TLS_…, ERR_SSL_…).
 */
function isTlsFailure(e: ImapFlowError): boolean {
  if (e.tlsFailed === true || isCertificateFailure(e)) return true;
  return e.code !== undefined && /^ERR_(TLS|SSL)_/.test(e.code);
}

/**
 * Node's certificate verification codes: OpenSSL's X509_V_ERR names without the prefix
 * (DEPTH_ZERO_SELF_SIGNED_CERT, SELF_SIGNED_CERT_IN_CHAIN, UNABLE_TO_VERIFY_LEAF_SIGNATURE,
 * CERT_HAS_EXPIRED, INVALID_CA…) and ERR_TLS_CERT_ALTNAME_INVALID for a name mismatch.
 */
function isCertificateFailure(e: ImapFlowError): boolean {
  const code = e.code;
  return code !== undefined && /CERT|^UNABLE_TO_|SELF_SIGNED|^INVALID_CA$/.test(code);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
