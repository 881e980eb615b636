import { describe, expect, it } from 'vitest';
import { formatUidSet, missingUids, parseUidSet } from '../../src/mail/uid-set.ts';

describe('UID sets', () => {
  it('formats numbers as compressed ranges', () => {
    expect(formatUidSet([5, 1, 2, 3, 9, 10, 2])).toBe('1:3,5,9:10');
    expect(formatUidSet([])).toBe('');
  });

  it('reads ESEARCH sets into merged ranges and refuses anything else', () => {
    expect(parseUidSet('7,1:3,4,10:8')).toEqual([
      [1, 4],
      [7, 10],
    ]);
    expect(() => parseUidSet('1:*')).toThrow();
    expect(() => parseUidSet('1 LOGOUT')).toThrow();
  });

  it('lists the gaps below a bound, or null past the limit', () => {
    expect(missingUids(parseUidSet('2:3,6'), 8, 100)).toEqual([1, 4, 5, 7, 8]);
    expect(missingUids([], 3, 100)).toEqual([1, 2, 3]);
    expect(missingUids(parseUidSet('1:10'), 10, 0)).toEqual([]);
    expect(missingUids(parseUidSet('1000000'), 999_999, 10)).toBeNull();
  });
});
