/**
 * Runs tasks one at a time per key (a folder path). A listing page, a `changes` page and an
 * event for the same folder then never interleave between their read and their write, so
 * e.g. an expunge pushed while an old page is in flight is applied after that page, not
 * undone by it. Different folders still sync in parallel.
 */
export class SerialQueues {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    // The chain must survive a failed task; the caller still sees the failure.
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
