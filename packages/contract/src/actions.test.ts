import { describe, expect, it } from 'vitest';
import {
  ActionsRequestSchema,
  ActionsResponseSchema,
  MAX_OPS_PER_REQUEST,
  OpSchema,
} from './actions.ts';
import type { Op } from './actions.ts';

const target = { folder: 'INBOX', uidValidity: 7, uid: 1 };
const opId = (i: number) => `op-${String(i).padStart(6, '0')}`;
const seen = (i: number): Op => ({
  opId: opId(i),
  type: 'setFlags',
  target,
  add: ['\\Seen'],
  remove: [],
});

describe('ActionsRequestSchema', () => {
  it('accepts 1 and MAX_OPS_PER_REQUEST ops', () => {
    expect(ActionsRequestSchema.safeParse({ ops: [seen(1)] }).success).toBe(true);
    const ops = Array.from({ length: MAX_OPS_PER_REQUEST }, (_, i) => seen(i));
    expect(ActionsRequestSchema.safeParse({ ops }).success).toBe(true);
  });

  it('rejects 0 and MAX_OPS_PER_REQUEST + 1 ops', () => {
    expect(ActionsRequestSchema.safeParse({ ops: [] }).success).toBe(false);
    const ops = Array.from({ length: MAX_OPS_PER_REQUEST + 1 }, (_, i) => seen(i));
    expect(ActionsRequestSchema.safeParse({ ops }).success).toBe(false);
  });

  it('rejects duplicate opIds in one batch', () => {
    expect(ActionsRequestSchema.safeParse({ ops: [seen(1), seen(1)] }).success).toBe(false);
  });

  it('accepts every op type', () => {
    const ops: Op[] = [
      seen(1),
      { opId: crypto.randomUUID(), type: 'move', target, destination: 'Archive/2024' },
      { opId: opId(3), type: 'delete', target },
      { opId: opId(4), type: 'setFlags', target, add: ['$Junk'], remove: ['$NotJunk', '\\Seen'] },
    ];
    expect(ActionsRequestSchema.parse({ ops }).ops).toEqual(ops);
  });
});

describe('OpSchema', () => {
  it.each([
    ['short opId', { ...seen(1), opId: 'abc' }],
    ['long opId', { ...seen(1), opId: 'x'.repeat(65) }],
    ['opId with space', { ...seen(1), opId: 'op id 123' }],
    ['no flags', { ...seen(1), add: [] }],
    ['flag added and removed', { ...seen(1), remove: ['\\Seen'] }],
    ['keyword added and removed, other case', { ...seen(1), add: ['$junk'], remove: ['$Junk'] }],
    ['injected flag', { ...seen(1), add: ['\\Seen)\r\nA1 LOGOUT'] }],
    ['too many flags', { ...seen(1), add: Array.from({ length: 51 }, (_, i) => `k${i}`) }],
    ['move to same folder', { opId: opId(1), type: 'move', target, destination: 'INBOX' }],
    ['move to CRLF folder', { opId: opId(1), type: 'move', target, destination: 'A\r\nB' }],
    ['bad target', { opId: opId(1), type: 'delete', target: { ...target, uid: 0 } }],
    ['unknown type', { opId: opId(1), type: 'expunge', target }],
  ])('rejects %s', (_, op) => {
    expect(OpSchema.safeParse(op).success).toBe(false);
  });
});

describe('ActionsResponseSchema', () => {
  it('accepts every status', () => {
    const results = [
      { opId: opId(1), status: 'applied' },
      { opId: opId(2), status: 'applied', newRef: { folder: 'Trash', uidValidity: 9, uid: 3 } },
      { opId: opId(3), status: 'gone' },
      { opId: opId(4), status: 'stale' },
      { opId: opId(5), status: 'failed', code: 'quota_exceeded', message: 'Mailbox is full' },
    ];
    expect(ActionsResponseSchema.parse({ results }).results).toEqual(results);
  });

  it('rejects a failure without a known code', () => {
    const results = [{ opId: opId(1), status: 'failed', code: 'nope', message: '' }];
    expect(ActionsResponseSchema.safeParse({ results }).success).toBe(false);
  });
});
