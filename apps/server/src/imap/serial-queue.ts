import { AsyncLocalStorage } from 'node:async_hooks';

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
  private readonly inside = new AsyncLocalStorage<SerialQueue>();

  /** `onDrain` runs whenever the last queued task has finished. */
  constructor(private readonly onDrain: () => void = () => {}) {}

  get size(): number {
    return this.pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inside.getStore() === this) return task();
    this.pending += 1;
    const result = this.tail.then(() => this.inside.run(this, task));
    const settle = () => this.settle();
    this.tail = result.then(settle, settle);
    return result;
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending === 0) this.onDrain();
  }
}
