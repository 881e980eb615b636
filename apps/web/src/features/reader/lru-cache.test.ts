import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.ts';

const byLength = (value: string) => value.length;

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its entry limit', () => {
    const cache = new LruCache({ maxEntries: 2, maxWeight: 100 }, byLength);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
  });

  it('evicts the oldest entries until the total weight fits', () => {
    const cache = new LruCache({ maxEntries: 10, maxWeight: 10 }, byLength);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    cache.set('c', 'cccccc');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('bbbb');
    expect(cache.get('c')).toBe('cccccc');
  });

  it('does not keep an entry heavier than the whole cache, nor drop the others for it', () => {
    const cache = new LruCache({ maxEntries: 10, maxWeight: 5 }, byLength);
    cache.set('a', 'aa');
    cache.set('huge', 'x'.repeat(6));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBe('aa');
  });

  it('replaces an entry under the same key, counting its weight once', () => {
    const cache = new LruCache({ maxEntries: 10, maxWeight: 6 }, byLength);
    cache.set('a', 'aaa');
    cache.set('a', 'AAA');
    cache.set('b', 'bbb');
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe('AAA');
  });
});
