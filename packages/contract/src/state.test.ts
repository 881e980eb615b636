import { describe, expect, it } from 'vitest';
import {
  MAX_MODSEQ,
  ListCursorSchema,
  ModseqSchema,
  StateTokenSchema,
  compareModseq,
  decodeListCursor,
  encodeListCursor,
  formatStateToken,
  parseStateToken,
} from './state.ts';

describe('state tokens', () => {
  it.each([
    { uidValidity: 1, highestModseq: '0', uidNext: 1 },
    { uidValidity: 1700000000, highestModseq: '4711', uidNext: 388 },
    { uidValidity: 4294967295, highestModseq: MAX_MODSEQ, uidNext: 4294967295 },
    // Beyond Number.MAX_SAFE_INTEGER: must survive as text.
    { uidValidity: 7, highestModseq: '9007199254740993', uidNext: 2 },
  ])('round-trips %j', (state) => {
    const token = formatStateToken(state);
    expect(token).toBe(`${state.uidValidity}:${state.highestModseq}:${state.uidNext}`);
    expect(parseStateToken(token)).toEqual(state);
    expect(StateTokenSchema.safeParse(token).success).toBe(true);
  });

  it.each([
    '',
    '1:2',
    '1:2:3:4',
    '0:2:3',
    '1:2:0',
    '01:2:3',
    '1:02:3',
    '1:2:03',
    '-1:2:3',
    '1:-2:3',
    '1: 2:3',
    '1:2:3\n',
    ' 1:2:3',
    'a:b:c',
    '1.5:2:3',
    '4294967296:2:3',
    '1:2:4294967296',
    '1:9223372036854775808:3', // 2^63
    '1:18446744073709551615:3', // 2^64 - 1
    '1:2:3;DROP',
  ])('rejects %j', (token) => {
    expect(parseStateToken(token)).toBeNull();
    expect(StateTokenSchema.safeParse(token).success).toBe(false);
  });

  it('refuses to format an invalid state', () => {
    expect(() => formatStateToken({ uidValidity: 0, highestModseq: '1', uidNext: 1 })).toThrow();
    expect(() => formatStateToken({ uidValidity: 1, highestModseq: '1e3', uidNext: 1 })).toThrow();
  });
});

describe('mod-sequences', () => {
  it('accepts 0 … 2^63-1 and nothing else', () => {
    expect(ModseqSchema.safeParse('0').success).toBe(true);
    expect(ModseqSchema.safeParse(MAX_MODSEQ).success).toBe(true);
    for (const bad of ['', '00', '01', '-1', '1.0', '9223372036854775808', 'x', ' 1']) {
      expect(ModseqSchema.safeParse(bad).success).toBe(false);
    }
    expect(ModseqSchema.safeParse(5).success).toBe(false);
  });

  it('compares numerically beyond 2^53', () => {
    expect(compareModseq('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareModseq('99', '100')).toBe(-1);
    expect(compareModseq(MAX_MODSEQ, MAX_MODSEQ)).toBe(0);
  });
});

describe('list cursors', () => {
  it('round-trips', () => {
    const cursor = encodeListCursor({ uidValidity: 1700000000, beforeUid: 501 });
    expect(decodeListCursor(cursor)).toEqual({ uidValidity: 1700000000, beforeUid: 501 });
    expect(ListCursorSchema.safeParse(cursor).success).toBe(true);
  });

  it.each(['', '1', '1-', '-1', '1-0', '0-1', '01-1', '1-1-1', 'a-b', '1_2'])(
    'rejects %j',
    (cursor) => {
      expect(decodeListCursor(cursor)).toBeNull();
      expect(ListCursorSchema.safeParse(cursor).success).toBe(false);
    },
  );
});
