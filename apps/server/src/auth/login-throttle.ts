import { normalizeIP } from '@fastify/rate-limit';
import { ApiError } from '../plugins/api-error.ts';

export interface LoginThrottleOptions {
  failuresPerIp: number;
  failuresPerAccount: number;
  windowMs: number;
  now?: () => number;
}

/** One sign-in in progress; `end` must be called exactly once. */
export interface LoginAttempt {
  /** `failed`: the IMAP server refused the password (not: unreachable, too many connections). */
  end(failed: boolean): void;
}

/**
 * Password guessing limits: failed sign-ins per client address and per account, each in a
 * fixed window that starts with the first failure. Successes never count. The per-account
 * limit is what stops a guesser spread over many addresses; its price is that a guesser can
 * keep one account from signing in while the attack lasts (sessions already open go on).
 *
 * Why not @fastify/rate-limit's store: it counts requests, where this counts outcomes, and it
 * knows nothing of sign-ins still waiting for IMAP. Those count here as failures until they
 * end, so a burst of parallel guesses cannot all pass the check before the first one fails.
 * In memory, like the sessions: several instances would need a shared store (e.g. Redis).
 */
export class LoginThrottle {
  private readonly perIp: FailureWindow;
  private readonly perAccount: FailureWindow;

  constructor(options: LoginThrottleOptions) {
    const now = options.now ?? Date.now;
    this.perIp = new FailureWindow(options.failuresPerIp, options.windowMs, now);
    this.perAccount = new FailureWindow(options.failuresPerAccount, options.windowMs, now);
  }

  /** Throws ApiError rate_limited (with Retry-After) while either limit is reached. */
  begin(ip: string, email: string): LoginAttempt {
    // The same client identity as @fastify/rate-limit: an IPv6 /64 is one client, as one
    // host usually gets a whole /64.
    const ipKey = normalizeIP(ip);
    const accountKey = email.toLowerCase();
    const waitMs = Math.max(this.perIp.blockedForMs(ipKey), this.perAccount.blockedForMs(accountKey));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new ApiError('rate_limited', `Too many failed sign-ins. Please try again in ${seconds} seconds.`, {
        retryAfterSeconds: seconds,
      });
    }
    this.perIp.start(ipKey);
    this.perAccount.start(accountKey);
    let ended = false;
    return {
      end: (failed) => {
        if (ended) return;
        ended = true;
        this.perIp.finish(ipKey, failed);
        this.perAccount.finish(accountKey, failed);
      },
    };
  }
}

interface Entry {
  failures: number;
  /** When the window of the current failures ends; 0 before the first failure. */
  windowEnd: number;
  pending: number;
}

/** Failures per key in a fixed window, plus attempts in flight; forgets quiet keys. */
class FailureWindow {
  private readonly entries = new Map<string, Entry>();
  private sweepAt = 1024;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** 0 when an attempt may start; otherwise how long to wait. */
  blockedForMs(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    const failures = this.liveFailures(entry);
    if (failures + entry.pending < this.max) return 0;
    // Blocked only by attempts in flight: they end within the IMAP timeouts, usually at once.
    return failures >= this.max ? entry.windowEnd - this.now() : 1000;
  }

  start(key: string): void {
    const entry = this.entries.get(key) ?? { failures: 0, windowEnd: 0, pending: 0 };
    entry.pending += 1;
    this.entries.set(key, entry);
    if (this.entries.size >= this.sweepAt) this.sweep();
  }

  finish(key: string, failed: boolean): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.pending -= 1;
    if (failed) {
      const live = this.liveFailures(entry);
      if (live === 0) entry.windowEnd = this.now() + this.windowMs;
      entry.failures = live + 1;
    }
    if (entry.pending === 0 && this.liveFailures(entry) === 0) this.entries.delete(key);
  }

  private liveFailures(entry: Entry): number {
    return entry.windowEnd > this.now() ? entry.failures : 0;
  }

  /** Bounded by what the limits let through: a key lives only while it has failures or attempts. */
  private sweep(): void {
    for (const [key, entry] of this.entries) {
      if (entry.pending === 0 && this.liveFailures(entry) === 0) this.entries.delete(key);
    }
    this.sweepAt = Math.max(1024, this.entries.size * 2);
  }
}
