/**
 * Where sessions live. In memory by default; the interface is small enough for Redis (a hash
 * per session with PEXPIRE for the sliding idle time, and a set per user) when Petrel runs on
 * several instances.
 */
export interface SessionRecord {
  /** The store key: SHA-256 of the cookie token (session-token.ts), never the token itself. */
  id: string;
  /** The IMAP user name as entered at login. */
  email: string;
  /** The IMAP password, sealed by CredentialVault with the email as associated data. */
  sealedPassword: string;
  createdAt: number;
}

export interface SessionStore {
  /** The session, or null when it does not exist or has been idle longer than the idle time. */
  get(id: string): Promise<SessionRecord | null>;
  /** Creates or replaces a session and counts it as used now. */
  set(record: SessionRecord): Promise<void>;
  /** Counts the session as used now (the idle time slides). */
  touch(id: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ids of a user's live sessions (email compared case-insensitively). */
  listForUser(email: string): Promise<string[]>;
}

/**
 * Sessions in this process's memory; lost on restart (users sign in again). Expired
 * sessions are dropped when read and by a sweep, so abandoned ones do not pile up.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, { record: SessionRecord; lastUsed: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(idleMs, 10 * 60_000));
    this.sweeper.unref();
  }

  async get(id: string): Promise<SessionRecord | null> {
    const entry = this.sessions.get(id);
    if (!entry) return null;
    if (this.expired(entry.lastUsed)) {
      this.sessions.delete(id);
      return null;
    }
    return entry.record;
  }

  async set(record: SessionRecord): Promise<void> {
    this.sessions.set(record.id, { record, lastUsed: this.now() });
  }

  async touch(id: string): Promise<void> {
    const entry = this.sessions.get(id);
    if (entry && !this.expired(entry.lastUsed)) entry.lastUsed = this.now();
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  async listForUser(email: string): Promise<string[]> {
    const key = email.toLowerCase();
    const ids: string[] = [];
    for (const [id, entry] of this.sessions) {
      if (entry.record.email.toLowerCase() === key && !this.expired(entry.lastUsed)) ids.push(id);
    }
    return ids;
  }

  /** Stops the sweep timer (app shutdown). */
  close(): void {
    clearInterval(this.sweeper);
  }

  private expired(lastUsed: number): boolean {
    return this.now() - lastUsed >= this.idleMs;
  }

  private sweep(): void {
    for (const [id, entry] of this.sessions) {
      if (this.expired(entry.lastUsed)) this.sessions.delete(id);
    }
  }
}
