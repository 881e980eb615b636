import type { ErrorCode } from '@petrel/contract';
import type { ImapFlow } from 'imapflow';
import type { ImapAccess } from './imap-access.ts';

/**
 * The session pool's hooks for code that lives alongside requests: the change watcher and the
 * SSE route (src/events/). Available as `app.sessionPool` once the pool plugin is registered.
 *
 * The pool keeps ONE ImapFlow per signed-in user (keyed by lower-cased email), shared by all
 * that user's sessions, tabs and requests. A connection is opened on demand (first request,
 * or when a stream registers), reconnects with jittered backoff while a stream is open, and
 * is closed when no stream is open and no request came for the idle-close time.
 *
 * Typical use by the SSE route:
 *
 *   const stop = app.sessionPool.on((event) => { if (event.email === email) … });
 *   const unregister = app.sessionPool.registerStream({
 *     sessionId: request.session.id, email,
 *     end: (reason) => { write a last event if you like; reply.raw.end(); },
 *   });
 *   app.sessionPool.setIdleFolder(email, 'INBOX');
 *   request.raw.on('close', () => { unregister(); stop(); });
 *
 * Listeners run synchronously and must not throw (the pool logs and ignores a throw). A
 * `connected` listener attaches its own `exists`/`expunge`/`flags` listeners to the client;
 * the client is discarded after `disconnected`, `authLost` or `closed`, so there is nothing to
 * detach from a dead client (do stop using it).
 */
export interface SessionPoolHooks {
  /** Subscribes to every user's pool events; returns the unsubscribe function. */
  on(listener: (event: PoolEvent) => void): () => void;
  /**
   * Counts an open SSE stream (a tab) of a user. While a user has one, the connection is not
   * idle-closed and reconnects in the background after a drop (a `connected` follows).
   * Registering also starts connecting if the user has no connection. The pool calls `end`
   * when the stream must finish: its session logged out or expired, the stored password was
   * refused (`authLost`), or the server shuts down. Returns the unregister function
   * (idempotent); call it when the stream closes for any reason.
   */
  registerStream(stream: StreamRegistration): () => void;
  /** Open streams (tabs) of a user; 0 for an unknown user. */
  streamCount(email: string): number;
  /**
   * The folder to keep SELECTed and IDLE on (RFC 2177) whenever the user's connection has no
   * other work: INBOX until set; null stops idling on purpose. The pool SELECTs it and starts
   * IDLE at once when the connection is free (not after imapflow's 15 s autoIdleDelay), and
   * again after every request, which may have selected another folder. Kept across reconnects,
   * forgotten when the pool closes the user's entry (`closed`).
   */
  setIdleFolder(email: string, folder: string | null): void;
  /**
   * The user's connection, for background work such as STATUS polling. Work is serialized
   * with the user's requests. Rejects with a PoolError (code `unauthenticated`) when the user
   * has no live session in the pool.
   */
  access(email: string): ImapAccess;
}

export interface StreamRegistration {
  sessionId: string;
  email: string;
  end(reason: StreamEndReason): void;
}

export type StreamEndReason = 'logout' | 'expired' | 'authLost' | 'shutdown';

export type PoolEvent =
  /** A new connection logged in (first connect or a reconnect). Attach listeners here. */
  | { type: 'connected'; email: string; client: ImapFlow }
  /**
   * The connection dropped, or a (re)connect attempt failed. `retryInMs` is when the pool
   * tries again in the background (a stream is open), or null when it reconnects only on the
   * next request. `attempt` counts failures since the last stable connection (1 = the drop).
   * `code` is `imap_unavailable` or `too_many_connections`.
   */
  | { type: 'disconnected'; email: string; attempt: number; retryInMs: number | null; code: ErrorCode }
  /**
   * The IMAP server refused the stored password on reconnect (it was changed elsewhere). The
   * sessions that hold that password (`sessionIds`) have been dropped, and their streams are
   * ended with reason `authLost` right after this event. A session signed in later with the
   * new password is not among them and keeps working.
   */
  | { type: 'authLost'; email: string; sessionIds: string[] }
  /**
   * The pool closed the connection on purpose: `idle` (no tab and no request for a while),
   * `logout` (the user's last session ended: signed out or expired), `shutdown`. It reopens
   * on demand.
   */
  | { type: 'closed'; email: string; reason: 'idle' | 'logout' | 'shutdown' };

declare module 'fastify' {
  interface FastifyInstance {
    sessionPool: SessionPoolHooks;
  }
}
