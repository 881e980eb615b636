import type { Op, SetFlagsOp } from '@petrel/contract';
import { describe, expect, it } from 'vitest';
import { groupOps } from '../../src/mail/action-groups.ts';
import { cutPage } from '../../src/mail/changes.ts';
import { MemoryIdempotencyLog } from '../../src/mail/idempotency-log.ts';

const target = (uid: number, folder = 'INBOX') => ({ folder, uidValidity: 7, uid });
const flag = (uid: number, add: SetFlagsOp['add'] = ['\\Seen']): Op => ({
  opId: `flag-${uid}-${add.join('')}`,
  type: 'setFlags',
  target: target(uid),
  add,
  remove: [],
});

describe('grouping ops', () => {
  it('merges consecutive ops that do the same thing, keeping order', () => {
    const ops: Op[] = [
      flag(1),
      flag(2),
      { ...flag(3), target: target(3, 'inbox') },
      { opId: 'move-0001', type: 'move', target: target(1), destination: 'Archive' },
      { opId: 'move-0002', type: 'move', target: target(2), destination: 'Archive' },
      flag(4, ['\\Flagged']),
      flag(5),
    ];
    const groups = groupOps(ops.map((op, index) => ({ index, op })));
    expect(groups.map((g) => g.ops.map((e) => e.index))).toEqual([[0, 1, 2], [3, 4], [5], [6]]);
    expect(groups[0]?.folder).toBe('INBOX');
  });

  it('never puts one UID twice into a group', () => {
    const move = (opId: string): Op => ({
      opId,
      type: 'move',
      target: target(1),
      destination: 'Archive',
    });
    const groups = groupOps(
      [move('move-a-001'), move('move-b-001')].map((op, index) => ({ index, op })),
    );
    expect(groups).toHaveLength(2);
  });
});

describe('idempotency log', () => {
  it('keeps the newest results per user, for a while', async () => {
    let now = 0;
    const log = new MemoryIdempotencyLog({ maxPerUser: 2, ttlMs: 1000, now: () => now });
    await log.put('A@x', 'op-1', { opId: 'op-1', status: 'gone' });
    await log.put('a@x', 'op-2', { opId: 'op-2', status: 'stale' });
    expect(await log.get('a@X', 'op-1')).toEqual({ opId: 'op-1', status: 'gone' });
    expect(await log.get('b@x', 'op-1')).toBeUndefined();
    await log.put('a@x', 'op-3', { opId: 'op-3', status: 'gone' });
    expect(await log.get('a@x', 'op-1')).toBeUndefined();
    now = 1500;
    expect(await log.get('a@x', 'op-3')).toBeUndefined();
  });
});

describe('changes paging', () => {
  const entry = (uid: number, modseq: number) => ({
    uid,
    flags: new Set<string>(),
    modseq: BigInt(modseq),
  });

  it('cuts after the modseq group in which added reaches the limit, never inside it', () => {
    const changed = [entry(10, 5), entry(2, 3), entry(11, 5), entry(12, 6), entry(13, 7)];
    const page = cutPage(changed, 10, 1);
    expect(page.entries.map((e) => e.uid)).toEqual([2, 10, 11]);
    expect(page.cutoff).toBe(5n);
    expect(cutPage(changed, 10, 4)).toMatchObject({ cutoff: null });
    expect(cutPage([entry(1, 2)], 10, 1)).toMatchObject({ cutoff: null });
  });
});
