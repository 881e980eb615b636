import { AsyncLocalStorage } from 'node:async_hooks';

/** Identifies one task of one queue. */
type TaskToken = object;

/**
 * The queue tasks the current async context descends from. One instance for the whole
 * process on purpose: on Node 20 every enabled AsyncLocalStorage is visited for every
 * promise created anywhere, so one per queue (per user) made each promise cost O(users)
 * — 56 % of the server's CPU at 100 concurrent users (bench/ANALYSIS.md, finding 7).
 */
const entered = new AsyncLocalStorage<ReadonlyMap<SerialQueue, TaskToken>>();

/**
 * Runs tasks one at a time, in order: all work on one user's IMAP connection goes through
 * one queue, so two tabs' requests never interleave their commands (one could otherwise
 * SELECT another folder between the other's SELECT and FETCH).
 *
 * Re-entrant: a task that calls run() again (a service calling withClient inside
 * withMailbox) runs the inner task directly instead of deadlocking behind itself. The
 * async context is inherited by everything a task creates — timers, sockets, event
 * handlers — so "descends from a task of this queue" is not enough: the call is direct
 * only while that very task is still the one running. A timer a finished task left behind
 * (a reconnect backoff, a watcher's poll) queues like any other caller.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private running: TaskToken | null = null;

  /** `onDrain` runs whenever the last queued task has finished. */
  constructor(private readonly onDrain: () => void = () => {}) {}

  get size(): number {
    return this.pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    const outer = entered.getStore();
    const ancestor = outer?.get(this);
    if (ancestor !== undefined && ancestor === this.running) return task();
    this.pending += 1;
    const token: TaskToken = {};
    const inside = new Map(outer);
    inside.set(this, token);
    const result = this.tail.then(() => {
      this.running = token;
      return entered.run(inside, task);
    });
    const settle = () => this.settle();
    this.tail = result.then(settle, settle);
    return result;
  }

  private settle(): void {
    this.running = null;
    this.pending -= 1;
    if (this.pending === 0) this.onDrain();
  }
}
