import type { FastifyBaseLogger } from 'fastify';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { PoolConfig } from '../config.ts';
import { ApiError } from '../plugins/api-error.ts';
import { attemptAfterDrop, backoffDelay } from './backoff.ts';
import { logoutQuietly } from './connect.ts';
import type { ImapAccess } from './imap-access.ts';
import { errorCode, isConnectionFailure } from './imap-errors.ts';
import type { PoolEvent, StreamEndReason, StreamRegistration } from './pool-events.ts';
import { SerialQueue } from './serial-queue.ts';

export interface UserConnectionDeps {
  email: string;
  config: PoolConfig;
  log: FastifyBaseLogger;
  random: () => number;
  /** Opens and logs in a new connection with the user's current credentials. */
  connect(): Promise<ImapFlow>;
  emit(event: PoolEvent): void;
  /** The server refused the stored password; the pool drops the user's entry. */
  authLost(error: unknown): void;
  /** No stream and no work for `idleCloseMs`; the pool closes the entry. */
  idle(): void;
}

/**
 * One user's IMAP connection and everything that happens on it: all work runs through one
 * SerialQueue; a dropped connection reconnects on the next work item, or in the background
 * with jittered backoff while a stream (tab) is open; when the queue drains, the idle folder
 * is selected again and IDLE starts at once (RFC 2177), so pushes do not wait for
 * imapflow's autoIdleDelay.
 *
 * Invariants: `client` is only replaced inside a queue task, so work never sees it change
 * under its feet; after close() nothing connects again.
 */
export class UserConnection {
  readonly access: ImapAccess;
  private readonly queue = new SerialQueue(() => this.drained());
  private readonly streams = new Set<StreamRegistration>();
  private client: ImapFlow | null = null;
  private connectedAt = 0;
  /** Failed attempts since the last stable connection (backoff.ts). */
  private attempt = 0;
  /** On-demand connects wait until then after a failure, so requests cannot hammer a down server. */
  private retryAt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleCloseTimer: NodeJS.Timeout | null = null;
  /**
   * INBOX by default (RFC 2177 IDLE there is what pushes new mail), also without a stream:
   * an IDLE connection is expected to be quiet, while imapflow ends one that has nothing
   * selected once socketTimeout passes without traffic.
   */
  private idleFolder: string | null = 'INBOX';
  /** IDLE was started since the last work item; set so draining does not loop. */
  private idleStarted = false;
  private closed: 'logout' | 'authLost' | 'shutdown' | 'idle' | null = null;

  constructor(private readonly deps: UserConnectionDeps) {
    this.access = {
      withClient: (work) => this.run(work),
      withMailbox: (folder, work, options) =>
        this.run(async (client) => {
          const lock = await client.getMailboxLock(folder, { readOnly: options?.readOnly ?? false });
          try {
            return await work(client, client.mailbox as MailboxObject);
          } finally {
            lock.release();
          }
        }),
    };
    this.armIdleClose();
  }

  get streamCount(): number {
    return this.streams.size;
  }

  get sessionIdsWithStreams(): string[] {
    return [...this.streams].map((s) => s.sessionId);
  }

  /** A request of the user arrived: the connection is in use, restart the idle-close clock. */
  touch(): void {
    this.armIdleClose();
  }

  registerStream(stream: StreamRegistration): () => void {
    this.streams.add(stream);
    this.clearIdleClose();
    // A tab is listening: connect now, or when the backoff after a failed attempt allows.
    if (!this.client?.usable && this.retryTimer === null) this.retryIn(this.retryAt - Date.now());
    return () => {
      if (!this.streams.delete(stream)) return;
      if (this.streams.size === 0) {
        this.clearRetry();
        this.armIdleClose();
      }
    };
  }

  /** Ends the matching streams (all when `sessionIds` is omitted) with `reason`. */
  endStreams(reason: StreamEndReason, sessionIds?: readonly string[]): void {
    for (const stream of [...this.streams]) {
      if (sessionIds && !sessionIds.includes(stream.sessionId)) continue;
      this.streams.delete(stream);
      try {
        stream.end(reason);
      } catch (error) {
        this.deps.log.error({ err: error }, 'An SSE stream failed to end');
      }
    }
  }

  setIdleFolder(folder: string | null): void {
    this.idleFolder = folder;
    this.idleStarted = false;
    if (this.queue.size === 0) this.drained();
  }

  /**
   * Hands over a connection opened elsewhere (the login check). Kept only if the user has no
   * working connection; otherwise logged out, as one connection per user is the point.
   */
  adopt(client: ImapFlow): void {
    void this.queue
      .run(async () => {
        if (this.closed || this.client?.usable) return logoutQuietly(client);
        this.retryAt = 0;
        this.clearRetry();
        this.install(client);
      })
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'Adopting the login connection failed'));
  }

  /** Logs out after the work already running; later work fails. Idempotent. */
  async close(reason: 'logout' | 'authLost' | 'shutdown' | 'idle'): Promise<void> {
    if (this.closed) return;
    this.closed = reason;
    this.clearRetry();
    this.clearIdleClose();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
    await Promise.race([this.queue.run(async () => this.dropClient()), grace]);
    // Work still running after the grace period loses its connection.
    await this.dropClient();
  }

  private run<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    this.clearIdleClose();
    return this.queue.run(async () => {
      this.idleStarted = false;
      const client = await this.ensureClient(false);
      try {
        return await work(client);
      } catch (error) {
        if (error instanceof ApiError || !isConnectionFailure(error)) throw error;
        throw new ApiError(errorCode(error), undefined, { cause: error, retryAfterSeconds: 1 });
      }
    });
  }

  /** Only called inside a queue task. */
  private async ensureClient(background: boolean): Promise<ImapFlow> {
    if (this.closed) {
      // Logged out or password refused: the session is gone. Shut down or idle-closed: an
      // access object outlived its entry; the next request gets a fresh one.
      const signedOut = this.closed === 'logout' || this.closed === 'authLost';
      throw new ApiError(signedOut ? 'unauthenticated' : 'imap_unavailable');
    }
    if (this.client?.usable) return this.client;
    const now = Date.now();
    if (!background && now < this.retryAt) {
      throw new ApiError('imap_unavailable', undefined, { retryAfterSeconds: Math.ceil((this.retryAt - now) / 1000) });
    }
    let client: ImapFlow;
    try {
      client = await this.deps.connect();
    } catch (error) {
      throw this.connectFailed(error);
    }
    if (this.closed) {
      await logoutQuietly(client);
      throw new ApiError('unauthenticated');
    }
    this.install(client);
    return client;
  }

  private install(client: ImapFlow): void {
    this.client = client;
    this.connectedAt = Date.now();
    this.retryAt = 0;
    this.idleStarted = false;
    client.once('close', () => this.clientClosed(client));
    this.deps.emit({ type: 'connected', email: this.deps.email, client });
  }

  private connectFailed(error: unknown): ApiError {
    const code = errorCode(error);
    if (code === 'invalid_credentials') {
      // The password that once worked is refused now: changed elsewhere. Retrying would only
      // count as failed logins against the account.
      this.deps.authLost(error);
      return new ApiError('unauthenticated', undefined, { cause: error });
    }
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.backoff());
    this.retryAt = Date.now() + delay;
    this.deps.log.warn({ err: error, code, attempt: this.attempt, retryInMs: delay }, 'IMAP connect failed');
    const apiCode = code === 'too_many_connections' ? code : 'imap_unavailable';
    this.disconnected(apiCode, delay);
    return new ApiError(apiCode, undefined, { cause: error, retryAfterSeconds: Math.ceil(delay / 1000) });
  }

  private clientClosed(client: ImapFlow): void {
    if (client !== this.client) return;
    this.client = null;
    if (this.closed || client.closedByClient) return;
    this.attempt = attemptAfterDrop(this.attempt, Date.now() - this.connectedAt, this.deps.config.stableAfterMs);
    const delay = backoffDelay(this.attempt, this.backoff());
    // After a single drop the next request may reconnect at once; a connection that keeps
    // dropping right after login backs off for requests too.
    this.retryAt = this.attempt > 1 ? Date.now() + delay : 0;
    this.deps.log.info({ attempt: this.attempt }, 'IMAP connection dropped');
    this.disconnected('imap_unavailable', delay);
  }

  private disconnected(code: 'imap_unavailable' | 'too_many_connections', delay: number): void {
    const background = this.streams.size > 0;
    this.deps.emit({ type: 'disconnected', email: this.deps.email, attempt: this.attempt, retryInMs: background ? delay : null, code });
    if (background) this.retryIn(delay);
  }

  /** Connects in the background after `delay`; a failure schedules the next try (connectFailed). */
  private retryIn(delay: number): void {
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.queue.run(() => this.ensureClient(true)).catch(() => {});
    }, Math.max(0, delay));
    this.retryTimer.unref();
  }

  private drained(): void {
    if (this.closed) return;
    const client = this.client;
    if (this.idleFolder !== null && client?.usable && !this.idleStarted) {
      const folder = this.idleFolder;
      void this.queue.run(() => this.startIdle(client, folder)).catch(() => {});
      return;
    }
    if (this.streams.size === 0) this.armIdleClose();
  }

  private async startIdle(client: ImapFlow, folder: string): Promise<void> {
    this.idleStarted = true;
    if (client !== this.client || !client.usable) return;
    try {
      const lock = await client.getMailboxLock(folder);
      lock.release();
    } catch (error) {
      this.deps.log.warn({ err: error, folder }, 'Cannot select the idle folder');
      return;
    }
    // Not awaited: idle() resolves only when IDLE ends, which imapflow does by itself before
    // the next command is sent.
    client.idle().catch((error: unknown) => this.deps.log.debug({ err: error }, 'IDLE ended with an error'));
  }

  private armIdleClose(): void {
    this.clearIdleClose();
    if (this.closed || this.streams.size > 0) return;
    this.idleCloseTimer = setTimeout(() => {
      this.idleCloseTimer = null;
      if (this.streams.size === 0 && this.queue.size === 0) this.deps.idle();
    }, this.deps.config.idleCloseMs);
    this.idleCloseTimer.unref();
  }

  private clearIdleClose(): void {
    if (this.idleCloseTimer) clearTimeout(this.idleCloseTimer);
    this.idleCloseTimer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private dropClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    return client ? logoutQuietly(client) : Promise.resolve();
  }

  private backoff() {
    const { reconnectBaseMs: base, reconnectCapMs: cap } = this.deps.config;
    return { base, cap, random: this.deps.random };
  }
}
