import type { OpResult } from '@petrel/contract';
import type { Api } from '../api/api.ts';
import { isUnsettled } from '../db/outbox-store.ts';
import type { OutboxRow } from '../db/rows.ts';
import type { PetrelDb } from '../db/schema.ts';
import { reconnectDelay } from './backoff.ts';
import type { Timers } from './event-stream.ts';
import { createLocator } from './locate.ts';
import { MAX_ATTEMPTS, classifyFailure } from './outcome.ts';
import { BATCH_SIZE, nextWake, selectBatch } from './replay-batch.ts';
import { needsServer, settleResult } from './replay-settle.ts';
import type { SettleDeps } from './replay-settle.ts';
import { markFailed } from './settle.ts';
import { Coalesced } from './coalesced.ts';

export interface ReplayDeps {
  api: Pick<Api, 'postActions' | 'listMessages'>;
  db: PetrelDb;
  timers: Timers;
  now?: () => number;
  random?: () => number;
  newOpId?: () => string;
  /** A request that takes longer is abandoned (its ops are sent again with the same opIds). */
  requestTimeoutMs?: number;
  /** Ops per request (BATCH_SIZE by default). */
  batchSize?: number;
  /**
   * False when the browser knows it is offline: nothing is sent then, so queued ops stay
   * unsent and can still coalesce (a request that fails may have reached the server).
   */
  online?: () => boolean;
  /** Lists a folder again after a new UIDVALIDITY (the leader's sync engine). */
  resyncFolder(folder: string): Promise<void>;
  /** 'offline' when a request got no response; 'online' when one did. */
  onConnection(state: 'online' | 'offline'): void;
  /** 401: the queue pauses until the user signs in again (a new runtime, a new replayer). */
  onAuthLost(): void;
  /** A backlog (queued offline, or held by failures) has been sent: `count` ops applied. */
  onSynced(count: number): void;
}

/** For answers that need no lookup (`needsServer` is false): settling them never asks. */
const NO_LOOKUPS: ReturnType<typeof createLocator> = {
  find: () => Promise.reject(new Error('This answer was to be settled without the server.')),
};
/** Requests per run; a longer queue continues in the next run, so a run always ends. */
const MAX_ROUNDS = 200;
const REQUEST_TIMEOUT_MS = 30_000;
/** Applied ops are kept this long, for undo (which follows a move's newRef) and review. */
export const APPLIED_KEEP_MS = 10 * 60_000;

/**
 * Sends the outbox to `POST /api/actions`, in queue order and in batches; runs in the leader
 * tab only, so two tabs never send one queue. Every outcome is written to Dexie, where all
 * tabs see it. Triggers (app start, `online`, the SSE stream's hello, a new queued op, the
 * backoff timer) all call kick(); overlapping kicks coalesce into one more run.
 */
export class Replayer {
  private readonly runs = new Coalesced(() => this.runOnce());
  private timer: unknown = null;
  private failures = 0;
  /** While backing off after a transport failure, only a forced kick sends. */
  private retryAt = 0;
  private stopped = false;
  private backlog = { open: false, applied: 0 };
  private readonly now: () => number;
  private readonly newOpId: () => string;

  constructor(private readonly deps: ReplayDeps) {
    this.now = deps.now ?? Date.now;
    this.newOpId = deps.newOpId ?? (() => crypto.randomUUID());
  }

  /**
   * Takes over the queue: ops left `sending` by a closed leader go back to pending (their
   * opIds are re-sent, so the server's log answers for any it applied). Ops already queued
   * are a backlog whose replay is reported.
   */
  async start(): Promise<void> {
    const { db } = this.deps;
    await db.outbox.where('status').equals('sending').modify({ status: 'pending' });
    if ((await db.outbox.where('status').equals('pending').count()) > 0) this.backlog.open = true;
    await this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The network is gone: what is queued from now on is a backlog. */
  noteOffline(): void {
    this.backlog.open = true;
  }

  /**
   * Replays what is ready; resolves when this run (and any run it had to add) ended.
   * `force` (back online, stream reconnected) skips the remaining backoff.
   */
  kick(force = false): Promise<void> {
    if (force) this.retryAt = 0;
    return this.runs.run();
  }

  private async runOnce(): Promise<void> {
    if (this.stopped) return;
    if (this.now() < this.retryAt) return this.schedule(this.retryAt);
    if (this.deps.online?.() === false) {
      this.backlog.open = true;
      this.deps.onConnection('offline');
      return;
    }
    let size = this.deps.batchSize ?? BATCH_SIZE;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (this.stopped) return;
      const queue = (await this.deps.db.outbox.orderBy('seq').toArray()).filter(isUnsettled);
      const batch = await this.claim(selectBatch(queue, this.now(), size));
      if (batch.length === 0) {
        this.schedule(nextWake(queue, this.now()));
        this.reportBacklog(queue);
        await this.pruneApplied();
        return;
      }
      const answer = await this.send(batch);
      if (answer === 'stop') return;
      if (answer === 'rejected') {
        // The server refused the whole batch: send one op at a time to find the bad one.
        await this.refuse(batch, size === 1);
        size = 1;
        continue;
      }
      await this.settleAll(batch, answer);
    }
    this.schedule(this.now());
  }

  /** Marks the ops in flight, if still ready (a tab may have changed the queue meanwhile). */
  private claim(batch: readonly OutboxRow[]): Promise<OutboxRow[]> {
    const { db } = this.deps;
    return db.transaction('rw', db.outbox, async () => {
      const stored = await db.outbox.bulkGet(batch.map((row) => row.opId));
      const claimed = stored.filter(
        (row): row is OutboxRow =>
          row !== undefined && row.status === 'pending' && row.dependsOn === null,
      );
      const sending = claimed.map((row) => ({ ...row, status: 'sending' as const, sent: true }));
      await db.outbox.bulkPut(sending);
      return sending;
    });
  }

  private async send(batch: readonly OutboxRow[]): Promise<OpResult[] | 'stop' | 'rejected'> {
    const signal = AbortSignal.timeout(this.deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    try {
      const { results } = await this.deps.api.postActions(
        batch.map((row) => row.op),
        signal,
      );
      this.failures = 0;
      this.deps.onConnection('online');
      return results;
    } catch (error) {
      const kind = classifyFailure(error);
      if (kind === 'rejected') return 'rejected';
      await this.release(batch);
      if (kind === 'auth') {
        this.stop();
        this.deps.onAuthLost();
        return 'stop';
      }
      if (kind === 'offline') this.deps.onConnection('offline');
      this.backlog.open = true;
      this.backOff();
      return 'stop';
    }
  }

  /**
   * Writes the answers in queue order. A run of answers that need nothing more from the
   * server goes in one Dexie transaction: every transaction wakes each live query of every
   * tab, and one per op made a 1,000-op replay spend ≈ 45 ms per op re-rendering
   * (bench/src/suites/replay.ts) while the server took ≈ 3 ms.
   */
  private async settleAll(
    batch: readonly OutboxRow[],
    results: readonly OpResult[],
  ): Promise<void> {
    const locator = createLocator(this.deps.api);
    const resynced = new Set<string>();
    let local: Answered[] = [];
    for (const [index, row] of batch.entries()) {
      const result = results.find((candidate) => candidate.opId === row.opId) ?? results[index];
      if (!result || result.opId !== row.opId) {
        await this.settleLocally(local);
        local = [];
        await this.release([row]);
      } else if (needsServer(row, result)) {
        await this.settleLocally(local);
        local = [];
        await this.settleOne(row, result, locator, resynced);
      } else {
        local.push({ row, result });
      }
    }
    await this.settleLocally(local);
  }

  private async settleLocally(answered: readonly Answered[]): Promise<void> {
    if (answered.length === 0) return;
    const { db } = this.deps;
    try {
      const applied = await db.transaction(
        'rw',
        [db.messages, db.bodies, db.folders, db.outbox],
        async () => {
          let count = 0;
          for (const { row, result } of answered) {
            if (await settleResult(this.settleDeps(), row, result, NO_LOOKUPS, new Set())) count++;
          }
          return count;
        },
      );
      if (this.backlog.open) this.backlog.applied += applied;
    } catch {
      // Nothing was written: the same opIds are sent again and the server's log repeats
      // its answers.
      await this.release(answered.map(({ row }) => row));
      this.backOff();
    }
  }

  private async settleOne(
    row: OutboxRow,
    result: OpResult,
    locator: ReturnType<typeof createLocator>,
    resynced: Set<string>,
  ): Promise<void> {
    try {
      if (
        (await settleResult(this.settleDeps(), row, result, locator, resynced)) &&
        this.backlog.open
      ) {
        this.backlog.applied += 1;
      }
    } catch {
      // Looking the message up failed (offline again): the same opId is asked again later
      // and the server's log repeats its answer.
      await this.release([row]);
      this.backOff();
    }
  }

  /** A batch the server refused as a whole: nothing ran, so the opIds stay. */
  private async refuse(batch: readonly OutboxRow[], alone: boolean): Promise<void> {
    const { db } = this.deps;
    if (!alone) return this.release(batch);
    for (const row of batch) {
      const attempts = row.attempts + 1;
      if (attempts >= MAX_ATTEMPTS) {
        await markFailed(db, row, 'The server refused this change.', null);
      } else {
        await db.outbox.update(row.opId, {
          status: 'pending',
          attempts,
          notBefore: this.now() + reconnectDelay(attempts, this.deps.random),
        });
      }
    }
  }

  private async release(rows: readonly OutboxRow[]): Promise<void> {
    const { db } = this.deps;
    await db.transaction('rw', db.outbox, async () => {
      for (const row of rows) {
        await db.outbox
          .where('opId')
          .equals(row.opId)
          .filter((stored) => stored.status === 'sending')
          .modify({ status: 'pending' });
      }
    });
  }

  private settleDeps(): SettleDeps {
    return {
      db: this.deps.db,
      now: this.now(),
      newOpId: this.newOpId,
      random: this.deps.random,
      resyncFolder: this.deps.resyncFolder,
    };
  }

  private async pruneApplied(): Promise<void> {
    const before = this.now() - APPLIED_KEEP_MS;
    await this.deps.db.outbox
      .where('status')
      .equals('applied')
      .filter((row) => (row.settledAt ?? 0) < before)
      .delete();
  }

  private backOff(): void {
    this.retryAt = this.now() + reconnectDelay(this.failures++, this.deps.random);
    this.schedule(this.retryAt);
  }

  private schedule(at: number | null): void {
    if (at === null || this.stopped) return;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = this.deps.timers.setTimeout(
      () => {
        this.timer = null;
        void this.kick(true);
      },
      Math.max(0, at - this.now()),
    );
  }

  /** After a backlog: "N changes synced", once nothing queued is still waiting to go. */
  private reportBacklog(queue: readonly OutboxRow[]): void {
    // Ops waiting for a failed move cannot go until the user acts; they do not hold the report.
    const waiting = queue.some((row) => row.status === 'pending' && row.dependsOn === null);
    if (!this.backlog.open || waiting) return;
    if (this.backlog.applied > 0) this.deps.onSynced(this.backlog.applied);
    this.backlog = { open: false, applied: 0 };
  }
}

interface Answered {
  row: OutboxRow;
  result: OpResult;
}
