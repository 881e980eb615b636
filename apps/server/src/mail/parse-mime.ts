import { Worker } from 'node:worker_threads';
import { MAX_RAW_HEADERS, MAX_RAW_HEADER_VALUE_LENGTH, RawHeaderSchema } from '@petrel/contract';
import { z } from 'zod';

/**
 * Bounded MIME parsing with postal-mime. Hostile or broken mail (deep nesting, huge header
 * blocks, pathological encodings) must not stall the server, and postal-mime's parse runs
 * on microtasks only, so a timer in the same thread could never interrupt it. Each parse
 * therefore runs in a worker of its own, with a wall-clock timeout and a heap cap, and the
 * worker is terminated afterwards; the input size is capped by the caller (message-body.ts).
 * A worker takes about 30 ms to start, so one spare is kept started ahead (`spares`): the
 * parse a reader waits for does not pay for it.
 */

export interface ParseLimits {
  timeoutMs: number;
  /** V8 old-space cap of the worker; a parse that needs more fails instead of the server. */
  heapMb: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { timeoutMs: 5000, heapMb: 256 };

const ParsedSchema = z.object({
  html: z.string().nullable(),
  text: z.string().nullable(),
  headers: z.array(RawHeaderSchema),
});

export type ParsedMime = z.infer<typeof ParsedSchema>;

/** Rejects when the parse fails, runs out of time or exceeds the heap cap. */
export function parseMime(
  raw: Uint8Array,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Promise<ParsedMime> {
  // A copy we own, so it can be transferred rather than cloned (imapflow's Buffer may be a
  // view into a larger one).
  const bytes = new Uint8Array(raw);
  const worker = spares.take(limits);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`MIME parse took longer than ${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    );
    worker.once('message', (message: unknown) => {
      const parsed = ParsedSchema.safeParse(message);
      settle(() => (parsed.success ? resolve(parsed.data) : reject(parsed.error)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`MIME parse worker exited with code ${code}`))),
    );
    worker.ref();
    const job = {
      raw: bytes.buffer,
      maxHeaders: MAX_RAW_HEADERS,
      maxHeaderValue: MAX_RAW_HEADER_VALUE_LENGTH,
    };
    worker.postMessage(job, [bytes.buffer]);
  });
}

function startWorker(limits: ParseLimits): Worker {
  return new Worker(new URL('./parse-worker.mjs', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
  });
}

/**
 * One worker started ahead for the default limits, replaced as soon as it is taken. It is
 * unref'd while it waits (a spare never keeps the process alive) and dropped if it dies
 * idle; other limits (tests) start a worker on demand.
 */
class SpareWorkers {
  private spare: Worker | null = null;

  take(limits: ParseLimits): Worker {
    if (limits !== DEFAULT_PARSE_LIMITS) return startWorker(limits);
    const worker = this.spare ?? startWorker(limits);
    this.spare = null;
    setImmediate(() => this.refill());
    return worker;
  }

  private refill(): void {
    if (this.spare !== null) return;
    const spare = startWorker(DEFAULT_PARSE_LIMITS);
    spare.unref();
    const drop = () => {
      if (this.spare === spare) this.spare = null;
    };
    spare.once('error', drop);
    spare.once('exit', drop);
    this.spare = spare;
  }
}

const spares = new SpareWorkers();
