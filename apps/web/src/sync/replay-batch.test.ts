import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../db/rows.ts';
import { nextWake, selectBatch } from './replay-batch.ts';

function op(
  opId: string,
  seq: number,
  messageId: string,
  patch: Partial<OutboxRow> = {},
): OutboxRow {
  return {
    opId,
    seq,
    kind: 'markRead',
    op: {
      opId,
      type: 'setFlags',
      target: { folder: 'INBOX', uidValidity: 1, uid: seq },
      add: ['\\Seen'],
      remove: [],
    },
    messageId,
    mailId: null,
    subject: '',
    destination: null,
    dependsOn: null,
    status: 'pending',
    sent: false,
    attempts: 0,
    notBefore: 0,
    createdAt: 0,
    settledAt: null,
    result: null,
    problem: null,
    ...patch,
  };
}

describe('selectBatch', () => {
  it('sends in queue order, up to the batch size', () => {
    const queue = [op('c', 3, 'm3'), op('a', 1, 'm1'), op('b', 2, 'm2')];
    expect(selectBatch(queue, 0, 2).map((row) => row.opId)).toEqual(['a', 'b']);
  });

  it('holds every later op of a message behind one that cannot go', () => {
    const queue = [
      op('move', 1, 'm1', { status: 'failed' }),
      op('flag', 2, 'm1'),
      op('other', 3, 'm2'),
      op('chained', 4, 'm3', { dependsOn: 'x' }),
      op('after-chained', 5, 'm3'),
      op('later', 6, 'm4', { notBefore: 1_000 }),
    ];
    expect(selectBatch(queue, 0).map((row) => row.opId)).toEqual(['other']);
    expect(selectBatch(queue, 1_000).map((row) => row.opId)).toEqual(['other', 'later']);
  });

  it('nextWake is the earliest backoff among ops waiting on time alone', () => {
    const queue = [
      op('a', 1, 'm1', { notBefore: 500 }),
      op('b', 2, 'm2', { notBefore: 300, dependsOn: 'x' }),
    ];
    expect(nextWake(queue, 0)).toBe(500);
    expect(nextWake(queue, 600)).toBeNull();
  });
});

describe('selectBatch size', () => {
  it('stops before the encoded ops would pass the byte limit, but always sends one', () => {
    const long = 'F'.repeat(900);
    const queue = [1, 2, 3].map((seq) =>
      op(`op-${seq}`, seq, `m${seq}`, {
        op: {
          opId: `op-${seq}`,
          type: 'move',
          target: { folder: long, uidValidity: 1, uid: seq },
          destination: `${long}-2`,
        },
      }),
    );
    const one = new TextEncoder().encode(JSON.stringify(queue[0]!.op)).length + 1;
    expect(selectBatch(queue, 0, 500, one * 2).map((row) => row.opId)).toEqual(['op-1', 'op-2']);
    expect(selectBatch(queue, 0, 500, one - 1).map((row) => row.opId)).toEqual(['op-1']);
  });
});
