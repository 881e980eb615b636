import type { FastifyBaseLogger } from 'fastify';
import type { ImapFlow } from 'imapflow';
import type { PoolConfig } from '../config.ts';
import type { CredentialVault } from '../auth/credential-vault.ts';
import type { SessionRecord, SessionStore } from '../auth/session-store.ts';
import { ApiError } from '../plugins/api-error.ts';
import { openImapConnection, type Credentials, type ImapServerConfig } from './connect.ts';
import type { ImapAccess } from './imap-access.ts';
import { errorCode, toApiError } from './imap-errors.ts';
import type { PoolEvent, SessionPoolHooks, StreamRegistration } from './pool-events.ts';
import { UserConnection } from './user-connection.ts';

export interface SessionPoolDeps {
  server: ImapServerConfig;
  config: PoolConfig;
  vault: CredentialVault;
  store: SessionStore;
  log: FastifyBaseLogger;
  /** How often open streams are checked for an expired session. */
  expiryCheckMs: number;
  random?: () => number;
}

interface Entry {
  connection: UserConnection;
  /** The latest verified login of the user: used for every reconnect. */
  email: string;
  sealedPassword: string;
}

/**
 * One IMAP connection per signed-in user (keyed by lower-cased email), shared by all the
 * user's sessions, tabs and requests; see pool-events.ts for the hooks and user-connection.ts
 * for what happens on one connection. Entries hold the password only sealed.
 */
export class SessionPool implements SessionPoolHooks {
  private readonly users = new Map<string, Entry>();
  private readonly listeners = new Set<(event: PoolEvent) => void>();
  private readonly expiryTimer: NodeJS.Timeout;
  /** Connections open or opening, across users (the login checks included). */
  private openConnections = 0;

  constructor(private readonly deps: SessionPoolDeps) {
    this.expiryTimer = setInterval(() => void this.endExpiredStreams(), deps.expiryCheckMs);
    this.expiryTimer.unref();
  }

  get connectionCount(): number {
    return this.openConnections;
  }

  /**
   * Checks credentials against the IMAP server with a new connection and returns the sealed
   * password for the session. Throws ApiError invalid_credentials, imap_unavailable or
   * too_many_connections.
   */
  async login(email: string, password: string): Promise<string> {
    const client = await this.openClient({ user: email, pass: password });
    const sealedPassword = this.deps.vault.seal(password, email);
    const entry = this.entryFor(email, sealedPassword);
    // The newest verified password is the one to reconnect with.
    entry.email = email;
    entry.sealedPassword = sealedPassword;
    entry.connection.adopt(client);
    return sealedPassword;
  }

  /** The ImapAccess for a request of this session; counts as use of the connection. */
  accessFor(session: SessionRecord): ImapAccess {
    const entry = this.entryFor(session.email, session.sealedPassword);
    entry.connection.touch();
    return entry.connection.access;
  }

  /** A session ended (signed out or expired): end its streams; the last one closes the connection. */
  async sessionEnded(session: Pick<SessionRecord, 'id' | 'email'>, reason: 'logout' | 'expired'): Promise<void> {
    const key = userKey(session.email);
    this.users.get(key)?.connection.endStreams(reason, [session.id]);
    if ((await this.deps.store.listForUser(session.email)).length === 0) await this.closeUser(key, 'logout');
  }

  /** Shutdown: ends every stream and logs every connection out. */
  async closeAll(): Promise<void> {
    clearInterval(this.expiryTimer);
    for (const entry of this.users.values()) entry.connection.endStreams('shutdown');
    await Promise.all([...this.users.keys()].map((key) => this.closeUser(key, 'shutdown')));
  }

  on(listener: (event: PoolEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  registerStream(stream: StreamRegistration): () => void {
    return this.existing(stream.email).connection.registerStream(stream);
  }

  streamCount(email: string): number {
    return this.users.get(userKey(email))?.connection.streamCount ?? 0;
  }

  setIdleFolder(email: string, folder: string | null): void {
    this.users.get(userKey(email))?.connection.setIdleFolder(folder);
  }

  access(email: string): ImapAccess {
    return this.existing(email).connection.access;
  }

  private existing(email: string): Entry {
    const entry = this.users.get(userKey(email));
    if (!entry) throw new ApiError('unauthenticated');
    return entry;
  }

  private entryFor(email: string, sealedPassword: string): Entry {
    const key = userKey(email);
    const found = this.users.get(key);
    if (found) return found;
    const entry: Entry = {
      email,
      sealedPassword,
      connection: new UserConnection({
        email: key,
        config: this.deps.config,
        log: this.deps.log.child({ user: key }),
        random: this.deps.random ?? Math.random,
        connect: () => this.openClient(this.credentials(entry)),
        emit: (event) => this.emit(event),
        authLost: (error) => void this.authLost(key, entry, error),
        idle: () => void this.closeUser(key, 'idle'),
      }),
    };
    this.users.set(key, entry);
    return entry;
  }

  private credentials(entry: Entry): Credentials {
    try {
      return { user: entry.email, pass: this.deps.vault.open(entry.sealedPassword, entry.email) };
    } catch (error) {
      // A password sealed under another PETREL_SECRET: as good as refused.
      throw new ApiError('invalid_credentials', undefined, { cause: error });
    }
  }

  private async openClient(credentials: Credentials): Promise<ImapFlow> {
    if (this.openConnections >= this.deps.config.maxConnections) {
      this.deps.log.warn({ max: this.deps.config.maxConnections }, 'IMAP connection limit reached');
      throw new ApiError('too_many_connections', undefined, { retryAfterSeconds: 30 });
    }
    this.openConnections += 1;
    let client: ImapFlow;
    try {
      client = await openImapConnection(this.deps.server, this.deps.config, credentials, this.deps.log);
    } catch (error) {
      this.openConnections -= 1;
      const apiError = toApiError(error);
      if (apiError.code !== 'invalid_credentials') this.deps.log.warn({ err: error, code: apiError.code }, 'IMAP connection failed');
      throw apiError;
    }
    client.once('close', () => (this.openConnections -= 1));
    return client;
  }

  /**
   * Drops exactly the sessions that hold the refused password: a session signed in since
   * with the new password stays valid and reconnects with it on its next request.
   */
  private async authLost(key: string, entry: Entry, error: unknown): Promise<void> {
    this.deps.log.info({ user: key, code: errorCode(error) }, 'Stored IMAP password refused; signing out its sessions');
    const refused = entry.sealedPassword;
    const sessionIds: string[] = [];
    for (const id of await this.deps.store.listForUser(entry.email)) {
      const session = await this.deps.store.get(id);
      if (session && this.samePassword(session, entry.email, refused)) {
        await this.deps.store.delete(id);
        sessionIds.push(id);
      }
    }
    if (this.users.get(key) === entry) this.users.delete(key);
    this.emit({ type: 'authLost', email: key, sessionIds });
    entry.connection.endStreams('authLost', sessionIds);
    await entry.connection.close('authLost');
  }

  private samePassword(session: SessionRecord, email: string, sealed: string): boolean {
    try {
      return this.deps.vault.open(session.sealedPassword, session.email) === this.deps.vault.open(sealed, email);
    } catch {
      return true;
    }
  }

  private async closeUser(key: string, reason: 'idle' | 'logout' | 'shutdown'): Promise<void> {
    const entry = this.users.get(key);
    if (!entry) return;
    this.users.delete(key);
    this.emit({ type: 'closed', email: key, reason });
    await entry.connection.close(reason);
  }

  private async endExpiredStreams(): Promise<void> {
    for (const entry of [...this.users.values()]) {
      for (const sessionId of new Set(entry.connection.sessionIdsWithStreams)) {
        if ((await this.deps.store.get(sessionId)) === null) {
          await this.sessionEnded({ id: sessionId, email: entry.email }, 'expired');
        }
      }
    }
  }

  private emit(event: PoolEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.deps.log.error({ err: error, event: event.type }, 'A session pool listener threw');
      }
    }
  }
}

function userKey(email: string): string {
  return email.toLowerCase();
}
