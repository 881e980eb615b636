/**
 * Runs a task at most once at a time; a call while it runs schedules exactly one more run
 * after it, so a trigger that arrives mid-run (e.g. a fresh SSE hello) is never lost.
 */
export class Coalesced {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly task: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.task();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
