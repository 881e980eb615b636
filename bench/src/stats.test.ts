import { describe, expect, it } from 'vitest';
import { summarize } from './stats.ts';

describe('summarize', () => {
  it('takes nearest-rank median and p95', () => {
    const s = summarize([5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(s).toEqual({ runs: 20, median: 10, p95: 19, min: 1, max: 20 });
  });
  it('handles one sample and refuses none', () => {
    expect(summarize([3]).p95).toBe(3);
    expect(() => summarize([])).toThrow();
  });
});
