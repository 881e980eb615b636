import type { Api } from '../api/api.ts';
import { isApiError } from '../api/errors.ts';
import { deleteParts, evictBodies, inboxNewestFirst, readInventory } from './prefetch-inventory.ts';
import { fetchAndStorePart } from './prefetch-part-store.ts';
import type { PartStoreDeps } from './prefetch-part-store.ts';
import { partsToKeep } from './prefetch-parts.ts';
import type { KeptPart } from './prefetch-parts.ts';
import { MAX_CANDIDATES, MB, planCache, prefetchCandidates } from './prefetch-plan.ts';
import type { OfflineSettings } from './prefetch-settings.ts';

export interface PrefetchDeps extends PartStoreDeps {
  api: Pick<Api, 'getMessage'>;
  settings: () => OfflineSettings;
  /**
   * Resolves when a background request is welcome (online, the user idle, sync and
   * actions quiet); false means stop this pass. Called before every request.
   */
  mayProceed: () => Promise<boolean>;
}

export interface PassResult {
  fetched: string[];
  evicted: string[];
  /** The pass stopped before its end (offline, signed out, stopped). */
  interrupted: boolean;
}

type Outcome = 'done' | 'skip' | 'stop';

/**
 * One pass over the offline cache: cut it back to the cap, prefetch Inbox bodies that fit
 * (newest first, each with its inline images and small attachments), fetch the parts
 * cached bodies still lack, and cut back again with the real sizes. One request at a
 * time, each after `mayProceed`. Bodies are written with `add`, so one the user opened
 * meanwhile (and its lastReadAt) is never overwritten.
 */
export class Prefetcher {
  /** Ids not to prefetch again in this session: they failed, or were evicted right away. */
  private readonly skip = new Set<string>();

  constructor(private readonly deps: PrefetchDeps) {}

  async pass(): Promise<PassResult> {
    const { db } = this.deps;
    const settings = this.deps.settings();
    const cap = settings.capMb * MB;
    const options = { attachments: settings.saveAttachments };
    const inventory = await readInventory(db, options);
    await deleteParts(db, inventory.stale);
    const headers = settings.prefetch ? await inboxNewestFirst(db, MAX_CANDIDATES) : [];
    const candidates = prefetchCandidates(headers, {
      settings,
      now: this.deps.now(),
      cached: new Set(inventory.recency.keys()),
      skip: this.skip,
    });
    const plan = planCache([...inventory.entries, ...candidates], inventory.pinned, cap);
    const evicted = await evictBodies(db, plan.evict, inventory.recency);

    const result: PassResult = { fetched: [], evicted, interrupted: false };
    const dates = new Map(headers.map((header) => [header.id, Date.parse(header.date)]));
    const work: Array<{ id: string; parts: KeptPart[] | null }> = plan.fetch.map((id) => ({
      id,
      parts: null,
    }));
    // Bodies cached before (opened, or an earlier pass) that the plan keeps: their parts.
    if (settings.prefetch) {
      const gone = new Set(evicted);
      const kept = inventory.entries
        .filter((entry) => !gone.has(entry.id) && !this.skip.has(entry.id))
        .sort((a, b) => b.recency - a.recency);
      for (const { id } of kept) {
        const parts = inventory.missing.get(id);
        if (parts) work.push({ id, parts });
      }
    }
    for (const item of work) {
      const outcome = await this.fetchMessage(item.id, item.parts, dates.get(item.id), options);
      if (outcome === 'stop') {
        result.interrupted = true;
        break;
      }
      if (outcome === 'done' && item.parts === null) result.fetched.push(item.id);
    }
    if (result.fetched.length === 0 && !work.some((item) => item.parts)) return result;

    // Estimates were estimates: cut back again by what is really stored.
    const after = await readInventory(db, options);
    const again = planCache(after.entries, after.pinned, cap);
    const evictedAgain = await evictBodies(db, again.evict, after.recency);
    for (const id of evictedAgain) if (result.fetched.includes(id)) this.skip.add(id);
    result.evicted.push(...evictedAgain);
    return result;
  }

  /** Fetches a body (when `parts` is null) and then the parts to keep with it. */
  private async fetchMessage(
    id: string,
    parts: KeptPart[] | null,
    date: number | undefined,
    options: { attachments: boolean },
  ): Promise<Outcome> {
    let toFetch = parts;
    if (toFetch === null) {
      const body = await this.attempt(id, () => this.storeBody(id, date));
      if (body.outcome !== 'done') return body.outcome;
      toFetch = partsToKeep(body.value, options);
    }
    for (const kept of toFetch) {
      const part = await this.attempt(id, () => fetchAndStorePart(this.deps, id, kept));
      if (part.outcome === 'stop') return 'stop';
    }
    return 'done';
  }

  private async storeBody(id: string, date: number | undefined) {
    const message = await this.deps.api.getMessage(id);
    const now = this.deps.now();
    const lists = { html: message.html, inline: message.inline, attachments: message.attachments };
    await this.deps.db.bodies
      .add({
        id,
        ...lists,
        text: message.text,
        tooComplex: message.tooComplex ?? false,
        // Unread prefetched mail ranks by its age; opening it makes it recent.
        lastReadAt: date ?? now,
        fetchedAt: now,
      })
      .catch((error: unknown) => {
        // The user opened it meanwhile: keep that row, and its lastReadAt.
        if (!(error instanceof Error && error.name === 'ConstraintError')) throw error;
      });
    return lists;
  }

  /** Runs one request after `mayProceed`; a failure of this message only skips it. */
  private async attempt<T>(
    id: string,
    request: () => Promise<T>,
  ): Promise<{ outcome: 'done'; value: T } | { outcome: 'skip' | 'stop' }> {
    if (!(await this.deps.mayProceed())) return { outcome: 'stop' };
    try {
      return { outcome: 'done', value: await request() };
    } catch (error) {
      // Only a refusal of this one message skips it. Offline, signed out, server trouble
      // (5xx, 429: a polite client backs off) or a local failure (storage full) stop the pass.
      const refused =
        isApiError(error) &&
        error.code !== 'network' &&
        error.code !== 'unauthenticated' &&
        error.status !== 429 &&
        error.status < 500;
      if (!refused) return { outcome: 'stop' };
      this.skip.add(id);
      return { outcome: 'skip' };
    }
  }
}
