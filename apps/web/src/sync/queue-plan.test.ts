import { describe, expect, it } from 'vitest';
import type { MessageRow, OutboxRow } from '../db/rows.ts';
import { row } from '../testing/fixtures.ts';
import type { Intent } from './action-plan.ts';
import { mergeFlags, planMessage } from './queue-plan.ts';
import type { MessagePlan, PlanContext } from './queue-plan.ts';

const READ: Intent = { type: 'flags', add: ['\\Seen'], remove: [] };
const UNREAD: Intent = { type: 'flags', add: [], remove: ['\\Seen'] };
const FLAG: Intent = { type: 'flags', add: ['\\Flagged'], remove: [] };
const UNFLAG: Intent = { type: 'flags', add: [], remove: ['\\Flagged'] };
const to = (destination: string): Intent => ({ type: 'relocate', destination, trash: null });
const DELETE: Intent = { type: 'relocate', destination: 'Trash', trash: 'Trash' };

/** Runs intents one after another on one message, as enqueue.ts would write them. */
function simulate(start: MessageRow, intents: Intent[], sentAfter: number[] = []) {
  let shown: MessageRow | null = start;
  let queue: OutboxRow[] = [];
  let n = 0;
  const ctx: PlanContext = {
    kind: 'markRead',
    now: 0,
    newOpId: () => `op-${String(++n).padStart(4, '0')}`,
    nextSeq: () => n * 10,
  };
  for (const [index, intent] of intents.entries()) {
    if (shown === null) break;
    const plan: MessagePlan | null = planMessage(shown, queue, intent, ctx);
    if (plan) {
      const changed = new Map([...plan.add, ...plan.update].map((op) => [op.opId, op]));
      queue = [
        ...queue
          .filter((op) => !plan.remove.includes(op.opId))
          .map((op) => changed.get(op.opId) ?? op),
        ...plan.add,
      ];
      shown = plan.after;
    }
    if (sentAfter.includes(index)) queue = queue.map((op) => ({ ...op, sent: true }));
  }
  return { shown, queue };
}

describe('coalescing toggles before replay', () => {
  it('read then unread sends nothing and leaves the row as the server has it', () => {
    const { shown, queue } = simulate(row(1), [READ, UNREAD]);
    expect(queue).toEqual([]);
    expect(shown).toMatchObject({ flags: [], pending: false });
  });

  it('flag set three times (flag, unflag, flag) sends one op', () => {
    const { queue } = simulate(row(1), [FLAG, UNFLAG, FLAG]);
    expect(queue.map((op) => op.op)).toEqual([
      expect.objectContaining({ type: 'setFlags', add: ['\\Flagged'], remove: [] }),
    ]);
  });

  it('merges different flags into one op', () => {
    const { queue } = simulate(row(1), [READ, FLAG]);
    expect(queue).toHaveLength(1);
    expect(queue[0]?.op).toMatchObject({ add: ['\\Seen', '\\Flagged'] });
  });

  it('never changes an op that may have reached the server', () => {
    const { queue } = simulate(row(1), [READ, UNREAD], [0]);
    expect(queue.map((op) => op.op)).toEqual([
      expect.objectContaining({ add: ['\\Seen'] }),
      expect.objectContaining({ remove: ['\\Seen'] }),
    ]);
  });

  it('mergeFlags compares flags case-insensitively', () => {
    expect(mergeFlags({ add: ['$Junk'], remove: [] }, { add: [], remove: ['$junk'] })).toEqual({
      add: [],
      remove: [],
    });
  });
});

describe('moves before replay', () => {
  it('a second move rewrites the queued one; moving back cancels it', () => {
    const twice = simulate(row(1), [to('Archive'), to('Projects')]);
    expect(twice.queue.map((op) => op.op)).toEqual([
      expect.objectContaining({
        type: 'move',
        destination: 'Projects',
        target: expect.objectContaining({ folder: 'INBOX' }),
      }),
    ]);
    expect(twice.shown).toMatchObject({ folder: 'Projects', origin: { folder: 'INBOX', uid: 1 } });

    const back = simulate(row(1), [to('Archive'), to('INBOX')]);
    expect(back.queue).toEqual([]);
    expect(back.shown).toMatchObject({ folder: 'INBOX', origin: null, pending: false });
  });

  it('a flag change after an unsent move is chained to it', () => {
    const { queue } = simulate(row(1), [to('Archive'), FLAG, UNFLAG, FLAG]);
    const [move, flag] = queue;
    expect(queue).toHaveLength(2);
    expect(flag).toMatchObject({ dependsOn: move?.opId, op: { add: ['\\Flagged'] } });
  });

  it('moving back re-targets what was chained to the cancelled move', () => {
    const { queue } = simulate(row(1), [to('Archive'), FLAG, to('INBOX')]);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      dependsOn: null,
      op: { type: 'setFlags', target: { folder: 'INBOX', uid: 1 } },
    });
  });

  it('chains a move of a message whose move was already sent', () => {
    const { queue, shown } = simulate(row(1), [to('Archive'), to('Projects')], [0]);
    expect(queue).toHaveLength(2);
    expect(queue[1]).toMatchObject({ dependsOn: queue[0]?.opId, destination: 'Projects' });
    expect(shown).toMatchObject({ folder: 'Projects', origin: { folder: 'INBOX' } });
  });

  it('delete in Trash after a queued move to Trash is chained (an expunge cannot merge)', () => {
    const { queue, shown } = simulate(row(1), [DELETE, DELETE]);
    expect(queue.map((op) => [op.op.type, op.destination, op.dependsOn !== null])).toEqual([
      ['delete', 'Trash', false],
      ['delete', null, true],
    ]);
    expect(shown).toBeNull();
  });

  it('leaves out a no-op (moving to the folder it is in, marking a read message read)', () => {
    expect(simulate(row(1), [to('INBOX')]).queue).toEqual([]);
    expect(simulate(row(1, 'INBOX', { flags: ['\\Seen'] }), [READ]).queue).toEqual([]);
  });
});
