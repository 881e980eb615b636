import { describe, expect, it } from 'vitest';
import { header } from '../testing/fixtures.ts';
import {
  CANDIDATE_ESTIMATE_CEILING,
  MAX_CANDIDATES,
  bodyBytes,
  planCache,
  prefetchCandidates,
} from './prefetch-plan.ts';
import type { CacheEntry } from './prefetch-plan.ts';
import { DEFAULT_OFFLINE_SETTINGS } from './prefetch-settings.ts';
import type { OfflineSettings } from './prefetch-settings.ts';

const DAY = 24 * 60 * 60 * 1000;

function cached(id: string, recency: number, bytes = 10): CacheEntry {
  return { id, bytes, recency, cached: true };
}
function candidate(id: string, recency: number, bytes = 10): CacheEntry {
  return { id, bytes, recency, cached: false };
}

describe('planCache', () => {
  it('keeps everything and fetches every candidate under the cap', () => {
    const plan = planCache([cached('a', 1), candidate('b', 3), candidate('c', 2)], new Set(), 100);
    expect(plan).toEqual({ fetch: ['b', 'c'], evict: [], bytes: 30 });
  });

  it('evicts the least recently read first until under the cap', () => {
    const plan = planCache(
      [cached('old', 1), cached('older', 0), cached('new', 5), cached('mid', 3)],
      new Set(),
      20,
    );
    expect(plan.evict).toEqual(['older', 'old']);
    expect(plan.bytes).toBe(20);
  });

  it('never evicts a message with a queued action, even when that leaves it over the cap', () => {
    const plan = planCache(
      [cached('a', 1), cached('b', 2), cached('c', 3)],
      new Set(['a', 'b']),
      10,
    );
    expect(plan.evict).toEqual(['c']);
    expect(plan.bytes).toBe(20);
  });

  it('fetches only candidates more recent than what the cap would cut', () => {
    const plan = planCache(
      [cached('read-long-ago', 1), candidate('new-mail', 5), candidate('old-mail', 0)],
      new Set(),
      10,
    );
    // new-mail pushes out the body read long ago; old-mail would be the first to go, so it
    // is not fetched at all.
    expect(plan.fetch).toEqual(['new-mail']);
    expect(plan.evict).toEqual(['read-long-ago']);
  });

  it('skips a candidate larger than the whole cap', () => {
    const plan = planCache([cached('a', 1), candidate('huge', 9, 500)], new Set(), 100);
    expect(plan.fetch).toEqual([]);
    expect(plan.evict).toEqual(['a']);
  });

  it('is stable when recencies tie', () => {
    const entries = [cached('b', 1), cached('a', 1), cached('c', 1)];
    expect(planCache(entries, new Set(), 10).evict).toEqual(['a', 'b']);
    expect(planCache([...entries].reverse(), new Set(), 10).evict).toEqual(['a', 'b']);
  });

  it('carries out its own plan without further evictions (no fetch–evict loop)', () => {
    const entries = [cached('a', 4), cached('b', 1), candidate('c', 3), candidate('d', 2)];
    const plan = planCache(entries, new Set(), 30);
    const next = entries
      .filter((entry) => !plan.evict.includes(entry.id))
      .filter((entry) => entry.cached || plan.fetch.includes(entry.id))
      .map((entry) => ({ ...entry, cached: true }));
    expect(planCache(next, new Set(), 30)).toEqual({ fetch: [], evict: [], bytes: plan.bytes });
  });
});

describe('prefetchCandidates', () => {
  const now = Date.parse(header(100).date);
  const newestFirst = Array.from({ length: 100 }, (_, i) => header(100 - i));
  const settings = (overrides: Partial<OfflineSettings>): OfflineSettings => ({
    ...DEFAULT_OFFLINE_SETTINGS,
    ...overrides,
  });
  const base = { now, cached: new Set<string>(), skip: new Set<string>() };

  it('takes the messages of the last N days', () => {
    const list = [
      { ...header(3), date: new Date(now).toISOString() },
      { ...header(2), date: new Date(now - 29 * DAY).toISOString() },
      { ...header(1), date: new Date(now - 31 * DAY).toISOString() },
    ];
    const result = prefetchCandidates(list, { ...base, settings: settings({}) });
    expect(result.map((entry) => entry.id)).toEqual([header(3).id, header(2).id]);
    expect(result[0]).toMatchObject({ cached: false, bytes: 1000, recency: now });
  });

  it('or the newest N', () => {
    const result = prefetchCandidates(newestFirst, {
      ...base,
      settings: settings({ scope: { kind: 'count', count: 3 } }),
    });
    expect(result.map((entry) => entry.id)).toEqual([header(100).id, header(99).id, header(98).id]);
  });

  it('leaves out cached, skipped and optimistically arriving messages', () => {
    const list = [header(5), header(4), { ...header(3), origin: { folder: 'Archive' } }, header(2)];
    const result = prefetchCandidates(list, {
      ...base,
      cached: new Set([header(5).id]),
      skip: new Set([header(4).id]),
      settings: settings({ scope: { kind: 'count', count: 10 } }),
    });
    expect(result.map((entry) => entry.id)).toEqual([header(2).id]);
  });

  it('estimates a large message at the ceiling, not its attachments', () => {
    const [entry] = prefetchCandidates([header(1, 'INBOX', { size: 30_000_000 })], {
      ...base,
      now: Date.parse(header(1).date),
      settings: settings({}),
    });
    expect(entry?.bytes).toBe(CANDIDATE_ESTIMATE_CEILING);
  });

  it('is empty when prefetch is off, and bounded whatever the settings', () => {
    expect(
      prefetchCandidates(newestFirst, { ...base, settings: settings({ prefetch: false }) }),
    ).toEqual([]);
    const many = Array.from({ length: MAX_CANDIDATES + 10 }, (_, i) =>
      header(MAX_CANDIDATES + 10 - i),
    );
    const result = prefetchCandidates(many, {
      ...base,
      settings: settings({ scope: { kind: 'count', count: 5000 } }),
    });
    expect(result).toHaveLength(MAX_CANDIDATES);
  });
});

describe('bodyBytes', () => {
  it('counts html and text plus a fixed row overhead', () => {
    expect(bodyBytes({ html: 'abc', text: null }) - bodyBytes({ html: null, text: null })).toBe(3);
    expect(bodyBytes({ html: 'ab', text: 'cd' })).toBe(bodyBytes({ html: 'abcd', text: null }));
  });
});
