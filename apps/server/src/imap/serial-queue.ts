import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The queues the current async context is running inside. One instance for the whole
 * process on purpose: on Node 20 every enabled AsyncLocalStorage is visited for every
 * promise created anywhere, so one per queue (per user) made each promise cost O(users)
 * — 56 % of the server's CPU at 100 concurrent users (bench/ANALYSIS.md, finding 7).
 */
const entered = new AsyncLocalStorage<ReadonlySet<SerialQueue>>();

/**
 * Runs tasks one at a time, in order: all work on one user's IMAP connection goes through
 * one queue, so two tabs' requests never interleave their commands (one could otherwise
 * SELECT another folder between the other's SELECT and FETCH).
 *
 * Re-entrant: a task that calls run() again (a service calling withClient inside
 * withMailbox) runs the inner task directly instead of deadlocking behind itself.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  /** `onDrain` runs whenever the last queued task has finished. */
  constructor(private readonly onDrain: () => void = () => {}) {}

  get size(): number {
    return this.pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    const outer = entered.getStore();
    if (outer?.has(this)) return task();
    this.pending += 1;
    const inside = new Set(outer);
    inside.add(this);
    const result = this.tail.then(() => entered.run(inside, task));
    const settle = () => this.settle();
    this.tail = result.then(settle, settle);
    return result;
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending === 0) this.onDrain();
  }
}
