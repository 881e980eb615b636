import type { Api } from '../api/api.ts';
import type { MessageRow } from '../db/rows.ts';
import type { PetrelDb } from '../db/schema.ts';
import type { SyncStatus } from '../data/types.ts';
import type { SerialQueues } from './serial-queues.ts';
import type { Store } from './store.ts';

/** What the sync steps need from the outside world; tests pass fakes. */
export interface SyncContext {
  api: Api;
  db: PetrelDb;
  /** ms since epoch. */
  now: () => number;
  queues: SerialQueues;
  status: Store<SyncStatus>;
  /** UIDs seen by the listing of each folder being re-synced (see resync-plan.ts). */
  resyncs: Map<string, ResyncProgress>;
  /** Server changes applied per folder (events, `changes`): tells a page fetched ahead it is stale. */
  applied: Map<string, number>;
}

export interface ResyncProgress {
  uidValidity: number | null;
  seen: Set<number>;
  /**
   * Cached rows of another UIDVALIDITY, by Message-ID, that listed headers may supersede
   * (see supersededRows); read once, when the first page is stored.
   */
  stale?: Map<string, StaleRow[]>;
}

export type StaleRow = Pick<MessageRow, 'id' | 'folder' | 'uidValidity' | 'messageId' | 'origin'>;

export function nowIso(ctx: Pick<SyncContext, 'now'>): string {
  return new Date(ctx.now()).toISOString();
}
