import { describe, expect, it } from 'vitest';
import { firstPageSize } from './listing.ts';

describe('firstPageSize', () => {
  it('is what the window shows and ten more, from 30 to 100 headers', () => {
    expect(firstPageSize(800)).toBe(30);
    expect(firstPageSize(2160)).toBe(40);
    expect(firstPageSize(3200)).toBe(55);
    expect(firstPageSize(20_000)).toBe(100);
    expect(firstPageSize(0)).toBe(30);
  });
});
