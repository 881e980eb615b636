import type { OpResult } from '@petrel/contract';

/**
 * Results of ops already applied, per user, so a replayed opId (the reply to a batch was
 * lost, the outbox sends it again) returns its first result and touches IMAP no second time.
 * Asynchronous so a shared store (Redis) can stand in for the in-memory one when several
 * server instances serve one user.
 */
export interface IdempotencyLog {
  get(user: string, opId: string): Promise<OpResult | undefined>;
  put(user: string, opId: string, result: OpResult): Promise<void>;
}

export interface MemoryLogOptions {
  /** Results kept per user; the oldest go first. */
  maxPerUser?: number;
  /** How long a result is kept; an outbox that was offline longer re-syncs instead. */
  ttlMs?: number;
  now?: () => number;
}

/** Bounded in-process log: at most `maxPerUser` entries per user, each for `ttlMs`. */
export class MemoryIdempotencyLog implements IdempotencyLog {
  private readonly users = new Map<string, Map<string, { result: OpResult; at: number }>>();
  private readonly maxPerUser: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryLogOptions = {}) {
    this.maxPerUser = options.maxPerUser ?? 10_000;
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  async get(user: string, opId: string): Promise<OpResult | undefined> {
    const entries = this.entriesOf(user);
    const entry = entries?.get(opId);
    return entry && this.now() - entry.at <= this.ttlMs ? entry.result : undefined;
  }

  async put(user: string, opId: string, result: OpResult): Promise<void> {
    const key = user.toLowerCase();
    const entries = this.entriesOf(user) ?? new Map();
    // Re-inserting keeps the Map in time order, so the oldest entry is always the first.
    entries.delete(opId);
    entries.set(opId, { result, at: this.now() });
    while (entries.size > this.maxPerUser) entries.delete(entries.keys().next().value as string);
    this.users.set(key, entries);
  }

  /** The user's entries with the expired ones dropped (they sit at the front). */
  private entriesOf(user: string): Map<string, { result: OpResult; at: number }> | undefined {
    const key = user.toLowerCase();
    const entries = this.users.get(key);
    if (!entries) return undefined;
    for (const [opId, entry] of entries) {
      if (this.now() - entry.at <= this.ttlMs) break;
      entries.delete(opId);
    }
    if (entries.size === 0) this.users.delete(key);
    return entries.size === 0 ? undefined : entries;
  }
}
