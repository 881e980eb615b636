import { createHash, randomBytes } from 'node:crypto';

/** A new session token: 256 random bits, base64url, sent only in the HttpOnly cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The store key of a token. The store keeps only this hash, so whoever reads the store (a
 * Redis dump, a log line with `session.id`) cannot turn it into a working cookie.
 */
export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
