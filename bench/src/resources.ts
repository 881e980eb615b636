/**
 * Everything a benchmark starts (Dovecot, the Petrel child process, browsers, sockets) is
 * registered here and stopped in reverse order, also when a suite throws or the process is
 * interrupted. Every stop is bounded, so a hung process cannot hang the benchmark.
 */
export class Resources {
  private readonly stops: Array<{ name: string; stop: () => Promise<void> | void }> = [];

  constructor() {
    live.add(this);
  }

  defer(name: string, stop: () => Promise<void> | void): void {
    this.stops.push({ name, stop });
  }

  async closeAll(): Promise<void> {
    live.delete(this);
    while (this.stops.length > 0) {
      const { name, stop } = this.stops.pop()!;
      try {
        await withTimeout(Promise.resolve().then(stop), 15_000, `stopping ${name}`);
      } catch (error) {
        console.error(`bench: ${name} did not stop cleanly: ${String(error)}`);
      }
    }
  }
}

const live = new Set<Resources>();

/** On SIGINT/SIGTERM: stops what every open Resources holds, newest first. */
export async function closeEverything(): Promise<void> {
  for (const resources of [...live].reverse()) await resources.closeAll();
}

/** Resolves like `promise`, or rejects after `ms` naming `what`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined, for at most `ms`. */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, ms: number, what: string, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms`);
    await sleep(everyMs);
  }
}
