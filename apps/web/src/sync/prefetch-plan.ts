import type { MessageHeader } from '@petrel/contract';
import type { OfflineSettings } from './prefetch-settings.ts';

/**
 * Planning of the offline cache: plain functions over plain data, no Dexie, no fetch.
 *
 * Invariants:
 * - One order rules both eviction and prefetch: `recency`. A cached body's recency is its
 *   lastReadAt; a prefetched body starts with its message date as lastReadAt, so mail
 *   nobody opened ranks by age, and opening it moves it up.
 * - The cache is cut back to the cap from the least recent end; entries pinned by queued
 *   actions are never cut. A candidate is fetched only if it survives that same cut, so
 *   a prefetch never evicts something more recent than itself. Candidate sizes are
 *   estimates; the runner skips, for the session, a message evicted right after its
 *   prefetch, so a wrong estimate cannot turn into a fetch–evict loop.
 */

/** One message's place in the cache, cached already or a candidate for prefetch. */
export interface CacheEntry {
  id: string;
  /** Bytes it takes or would take: body text plus the parts kept with it. */
  bytes: number;
  /** ms since epoch; larger is more recent. */
  recency: number;
  cached: boolean;
}

export interface CachePlan {
  /** Candidates to fetch, most recent first. */
  fetch: string[];
  /** Cached entries to drop, least recent first. */
  evict: string[];
  /** Bytes the cache holds once the plan is carried out (estimates for candidates). */
  bytes: number;
}

export const MB = 1024 * 1024;

/** Never prefetch more messages than this in one plan, whatever the settings say. */
export const MAX_CANDIDATES = 2_000;

/**
 * A fetched message is not assumed larger than this: RFC822.SIZE counts every attachment
 * (base64, a third larger), most of which the cache never keeps. Real sizes replace the
 * estimate once the body is cached.
 */
export const CANDIDATE_ESTIMATE_CEILING = 1.5 * MB;

/** Rough fixed cost of a body row beyond its text (header fields, part lists, keys). */
const ROW_OVERHEAD = 512;

export function planCache(
  entries: readonly CacheEntry[],
  pinned: ReadonlySet<string>,
  capBytes: number,
): CachePlan {
  const leastRecentFirst = [...entries].sort(
    (a, b) => a.recency - b.recency || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  const dropped = new Set<string>();
  for (const entry of leastRecentFirst) {
    if (bytes <= capBytes) break;
    if (entry.cached && pinned.has(entry.id)) continue;
    dropped.add(entry.id);
    bytes -= entry.bytes;
  }
  return {
    fetch: leastRecentFirst
      .filter((entry) => !entry.cached && !dropped.has(entry.id))
      .map((entry) => entry.id)
      .reverse(),
    evict: leastRecentFirst
      .filter((entry) => entry.cached && dropped.has(entry.id))
      .map((entry) => entry.id),
    bytes,
  };
}

/**
 * Inbox headers worth prefetching, newest first: within the settings' scope, not cached,
 * not skipped (failed or evicted earlier this session), not an optimistic arrival (whose
 * id still names the folder it is leaving). `newestFirst` must be sorted newest first.
 */
export function prefetchCandidates(
  newestFirst: ReadonlyArray<Pick<MessageHeader, 'id' | 'date' | 'size'> & { origin?: unknown }>,
  options: {
    settings: OfflineSettings;
    now: number;
    cached: ReadonlySet<string>;
    skip: ReadonlySet<string>;
  },
): CacheEntry[] {
  const { settings, now, cached, skip } = options;
  if (!settings.prefetch) return [];
  const scope = settings.scope;
  const since = scope.kind === 'days' ? now - scope.days * 24 * 60 * 60 * 1000 : -Infinity;
  const inScope = newestFirst
    .slice(0, Math.min(scope.kind === 'count' ? scope.count : Infinity, MAX_CANDIDATES))
    .filter((header) => Date.parse(header.date) >= since);
  return inScope
    .filter((header) => !cached.has(header.id) && !skip.has(header.id) && !header.origin)
    .map((header) => ({
      id: header.id,
      bytes: Math.min(header.size, CANDIDATE_ESTIMATE_CEILING),
      recency: Date.parse(header.date),
      cached: false,
    }));
}

/** What a cached body's text takes: string length is close to bytes for mail (mostly ASCII). */
export function bodyBytes(body: { html: string | null; text: string | null }): number {
  return (body.html?.length ?? 0) + (body.text?.length ?? 0) + ROW_OVERHEAD;
}
