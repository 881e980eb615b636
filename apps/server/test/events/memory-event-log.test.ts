import { EventIdSchema, compareEventIds } from '@petrel/contract';
import { describe, expect, it } from 'vitest';
import type { EventInput, LoggedEvent } from '../../src/events/event-log.ts';
import { MemoryEventLog } from '../../src/events/memory-event-log.ts';

const counts = (n: number): EventInput => ({
  type: 'folderCounts',
  folder: 'INBOX',
  total: n,
  unread: 0,
  state: null,
});
const ids = (events: readonly LoggedEvent[] | 'gone') =>
  events === 'gone' ? 'gone' : events.map((e) => e.id);

async function appendMany(log: MemoryEventLog, user: string, n: number): Promise<LoggedEvent[]> {
  const out: LoggedEvent[] = [];
  for (let i = 0; i < n; i += 1) out.push(await log.append(user, counts(i)));
  return out;
}

describe('MemoryEventLog', () => {
  it('issues <epoch>-<seq> ids that increase per user, and head follows them', async () => {
    const log = new MemoryEventLog({ epoch: 1700000000000 });
    expect(await log.head('a')).toBe('1700000000000-0');
    const events = await appendMany(log, 'a', 3);
    await log.append('b', counts(9));
    expect(events.map((e) => e.id)).toEqual([
      '1700000000000-1',
      '1700000000000-2',
      '1700000000000-3',
    ]);
    for (const event of events) expect(EventIdSchema.safeParse(event.id).success).toBe(true);
    for (let i = 1; i < events.length; i += 1)
      expect(compareEventIds(events[i - 1]!.id, events[i]!.id)).toBe(-1);
    expect(await log.head('a')).toBe('1700000000000-3');
    expect(await log.head('b')).toBe('1700000000000-1');
  });

  it('replays exactly the events after an id, in order', async () => {
    const log = new MemoryEventLog();
    const events = await appendMany(log, 'a', 5);
    expect(ids(await log.since('a', events[1]!.id))).toEqual(events.slice(2).map((e) => e.id));
    expect(await log.since('a', events[4]!.id)).toEqual([]);
    expect(await log.since('nobody', await log.head('nobody'))).toEqual([]);
    const [replayed] = (await log.since('a', events[3]!.id)) as LoggedEvent[];
    expect(replayed).toEqual({ ...counts(4), id: events[4]!.id });
  });

  it('keeps at most maxEvents per user; an id before the window is gone', async () => {
    const log = new MemoryEventLog({ maxEvents: 3 });
    const events = await appendMany(log, 'a', 6);
    // The window holds 4, 5, 6: resuming after 3 still works, after 2 it cannot.
    expect(ids(await log.since('a', events[2]!.id))).toEqual(events.slice(3).map((e) => e.id));
    expect(await log.since('a', events[1]!.id)).toBe('gone');
    expect(await log.since('a', `${events[0]!.id.split('-')[0]}-0`)).toBe('gone');
  });

  it('drops events older than maxAgeMs', async () => {
    let now = 1_000_000;
    const log = new MemoryEventLog({ maxAgeMs: 60_000, now: () => now });
    const [first, second] = await appendMany(log, 'a', 2);
    now += 30_000;
    const third = await log.append('a', counts(3));
    now += 40_000; // first and second are now 70 s old, third 40 s
    expect(await log.since('a', first!.id)).toBe('gone');
    expect(ids(await log.since('a', second!.id))).toEqual([third.id]);
    now += 30_000;
    expect(await log.since('a', second!.id)).toBe('gone');
    expect(await log.since('a', third.id)).toEqual([]);
  });

  it('answers gone for ids it never issued: another epoch, a future seq, another user', async () => {
    const before = new MemoryEventLog({ epoch: 1000 });
    const [old] = await appendMany(before, 'a', 2);
    const log = new MemoryEventLog({ epoch: 2000 });
    await appendMany(log, 'a', 5);
    expect(await log.since('a', old!.id)).toBe('gone');
    expect(await log.since('a', '2000-6')).toBe('gone');
    expect(await log.since('a', '3000-1')).toBe('gone');
    expect(await log.since('other', '2000-3')).toBe('gone');
  });

  it('hands each append to the user’s subscribers until they unsubscribe', async () => {
    const log = new MemoryEventLog();
    const seen: string[] = [];
    const unsubscribe = log.subscribe('a', (event) => seen.push(event.id));
    log.subscribe('b', () => seen.push('wrong user'));
    const [first] = await appendMany(log, 'a', 1);
    unsubscribe();
    await appendMany(log, 'a', 1);
    expect(seen).toEqual([first!.id]);
  });
});
