import { describe, expect, it } from 'vitest';
import {
  FolderPathSchema,
  MAX_UINT32,
  MessageIdSchema,
  decodeMessageId,
  encodeMessageId,
  sameMessageRef,
} from './ids.ts';
import { encodeBase64Url } from './encoding.ts';
import { MAX_PATH_PARAM_LENGTH } from './protocol.ts';
import { UNICODE_FOLDER } from './test-fixtures.ts';

const folders = [
  'INBOX',
  'Archive/2024',
  'Sent Items',
  'a.b.c',
  '..hidden',
  '"quoted"',
  "it's",
  '50% off & more?#',
  'ünïcödé/日本語/Привет',
  '📁 emoji 👍🏽',
  UNICODE_FOLDER,
  ' ',
  ':1:2:3:',
  'x'.repeat(1000),
  '😀'.repeat(500), // 1,000 UTF-16 units, 2,000 UTF-8 bytes
  'ü'.repeat(1000),
  '日'.repeat(1000), // 3,000 UTF-8 bytes: the longest id
];

describe('message ids', () => {
  it.each(folders)('round-trips folder %j', (folder) => {
    for (const [uidValidity, uid] of [
      [1, 1],
      [1700000000, 42],
      [MAX_UINT32, MAX_UINT32],
    ] as const) {
      const ref = { folder, uidValidity, uid };
      const id = encodeMessageId(ref);
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(id.length).toBeLessThanOrEqual(MAX_PATH_PARAM_LENGTH);
      expect(decodeMessageId(id)).toEqual(ref);
      expect(MessageIdSchema.safeParse(id).success).toBe(true);
    }
  });

  it('gives different messages different ids', () => {
    const ids = new Set([
      encodeMessageId({ folder: 'A', uidValidity: 1, uid: 12 }),
      encodeMessageId({ folder: 'A', uidValidity: 11, uid: 2 }),
      encodeMessageId({ folder: 'A', uidValidity: 1, uid: 2 }),
      encodeMessageId({ folder: 'B', uidValidity: 1, uid: 2 }),
      encodeMessageId({ folder: '2:B', uidValidity: 1, uid: 1 }),
    ]);
    expect(ids.size).toBe(5);
  });

  it.each([
    ['empty', ''],
    ['non-alphabet', 'abc!'],
    ['padding', encodeBase64Url('1:1:1:INBOX') + '='],
    ['standard base64', btoa('1:1:1:INBOX??>>')],
    ['length 4n+1', 'AAAAA'],
    ['whitespace', ' ' + encodeMessageId({ folder: 'INBOX', uidValidity: 1, uid: 1 })],
    ['too long', 'A'.repeat(5000)],
    ['unknown format', encodeBase64Url('2:1:1:INBOX')],
    ['missing parts', encodeBase64Url('1:1:INBOX')],
    ['no folder', encodeBase64Url('1:1:1:')],
    ['uid 0', encodeBase64Url('1:1:0:INBOX')],
    ['uidValidity 0', encodeBase64Url('1:0:1:INBOX')],
    ['uid > 2^32-1', encodeBase64Url('1:1:4294967296:INBOX')],
    ['leading zero', encodeBase64Url('1:01:1:INBOX')],
    ['sign', encodeBase64Url('1:+1:1:INBOX')],
    ['CRLF in folder', encodeBase64Url('1:1:1:INBOX\r\nA1 LOGOUT')],
    ['NUL in folder', encodeBase64Url('1:1:1:IN\0BOX')],
    ['folder ".."', encodeBase64Url('1:1:1:..')],
    ['JSON instead', encodeBase64Url('{"folder":"INBOX","uid":1}')],
  ])('rejects %s', (_, id) => {
    expect(decodeMessageId(id)).toBeNull();
    expect(MessageIdSchema.safeParse(id).success).toBe(false);
  });

  it('rejects invalid UTF-8 and non-canonical encodings', () => {
    // 0xC3 0x28 is an invalid two-byte sequence.
    const invalidUtf8 = btoa('1:1:1:\xC3\x28').replace(/=+$/, '');
    expect(decodeMessageId(invalidUtf8)).toBeNull();
    const id = encodeMessageId({ folder: 'INBOX', uidValidity: 1, uid: 1 }); // 'MToxOjE6SU5CT1g'
    const last = id.at(-1)!;
    // Same bytes, different unused trailing bits.
    const twin = id.slice(0, -1) + (last === 'g' ? 'h' : 'g');
    expect(decodeMessageId(twin)).toBeNull();
  });

  it('never throws on random input', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ %\u00e9';
    for (let i = 0; i < 2000; i++) {
      let id = '';
      const length = (i * 7919) % 60;
      for (let j = 0; j < length; j++) id += alphabet[(i * 31 + j * 17 + j * j) % alphabet.length];
      expect(() => decodeMessageId(id)).not.toThrow();
    }
  });

  it('refuses to encode an invalid ref', () => {
    expect(() => encodeMessageId({ folder: '', uidValidity: 1, uid: 1 })).toThrow();
    expect(() => encodeMessageId({ folder: 'INBOX', uidValidity: 1, uid: 0 })).toThrow();
    expect(() => encodeMessageId({ folder: 'INBOX', uidValidity: 1.5, uid: 1 })).toThrow();
  });

  it('compares refs', () => {
    const ref = { folder: 'INBOX', uidValidity: 1, uid: 2 };
    expect(sameMessageRef(ref, { ...ref })).toBe(true);
    expect(sameMessageRef(ref, { ...ref, uid: 3 })).toBe(false);
  });
});

describe('FolderPathSchema', () => {
  it.each(folders)('accepts %j', (folder) => {
    expect(FolderPathSchema.safeParse(folder).success).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['CR', 'INBOX\r'],
    ['LF', 'INBOX\nA1 LOGOUT'],
    ['CRLF', 'a\r\nb'],
    ['NUL', 'IN\0BOX'],
    ['"."', '.'],
    ['".."', '..'],
    ['1,001 units', 'x'.repeat(1001)],
    ['lone high surrogate', 'a\uD83D'],
    ['lone low surrogate', '\uDE00b'],
    ['not a string', 42],
  ])('rejects %s', (_, folder) => {
    expect(FolderPathSchema.safeParse(folder).success).toBe(false);
  });
});
