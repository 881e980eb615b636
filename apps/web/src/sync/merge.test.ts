import { describe, expect, it } from 'vitest';
import { UID_VALIDITY, header, row } from '../testing/fixtures.ts';
import { applyFlagUpdates, mergeChanges, mergeHeaders, toRow, vanishedIds } from './merge.ts';
import { uidKey } from './overlay.ts';
import type { PendingOverlay } from './overlay.ts';

const overlay = (partial: Partial<PendingOverlay>): PendingOverlay => ({
  leaving: new Set(),
  flagOps: new Map(),
  ...partial,
});

describe('toRow', () => {
  it('normalises INTERNALDATE to UTC so the [folder+date] index sorts by time', () => {
    const stored = toRow(header(1, 'INBOX', { date: '2024-05-01T12:00:00+02:00' }));
    expect(stored.date).toBe('2024-05-01T10:00:00.000Z');
    expect(stored).toMatchObject({ pending: false, origin: null });
  });
});

describe('mergeHeaders', () => {
  it('adds unknown headers and replaces known ones', () => {
    const put = mergeHeaders(
      [row(1)],
      [header(1, 'INBOX', { subject: 'new', modseq: '11' }), header(2)],
    );
    expect(put.map((r) => [r.uid, r.subject])).toEqual([
      [1, 'new'],
      [2, 'Message 2'],
    ]);
  });

  it('keeps cached flags when the listed header carries an older modseq', () => {
    const cached = row(1, 'INBOX', { flags: ['\\Seen'], modseq: '20' });
    const [merged] = mergeHeaders([cached], [header(1, 'INBOX', { flags: [], modseq: '15' })]);
    expect(merged).toMatchObject({ flags: ['\\Seen'], modseq: '20' });
  });

  it('takes the newer report, and the incoming one when either lacks a modseq', () => {
    const cached = row(1, 'INBOX', { flags: ['\\Seen'], modseq: '20' });
    expect(
      mergeHeaders([cached], [header(1, 'INBOX', { flags: [], modseq: '21' })])[0]?.flags,
    ).toEqual([]);
    expect(
      mergeHeaders([cached], [header(1, 'INBOX', { flags: [], modseq: null })])[0]?.flags,
    ).toEqual([]);
  });

  it('compares modseqs beyond 2^53 exactly', () => {
    const cached = row(1, 'INBOX', { flags: ['\\Seen'], modseq: '9007199254740993' });
    const [merged] = mergeHeaders(
      [cached],
      [header(1, 'INBOX', { flags: [], modseq: '9007199254740992' })],
    );
    expect(merged?.flags).toEqual(['\\Seen']);
  });

  it('does not re-add a message an in-flight action is moving away', () => {
    const put = mergeHeaders(
      [],
      [header(1), header(2)],
      overlay({ leaving: new Set([uidKey(UID_VALIDITY, 1)]) }),
    );
    expect(put.map((r) => r.uid)).toEqual([2]);
  });

  it('does not hide a message of a new UIDVALIDITY that reuses a leaving UID', () => {
    const fresh = header(1, 'INBOX', { uidValidity: UID_VALIDITY + 1 });
    const put = mergeHeaders([], [fresh], overlay({ leaving: new Set([uidKey(UID_VALIDITY, 1)]) }));
    expect(put.map((r) => r.id)).toEqual([fresh.id]);
  });

  it('re-applies in-flight flag changes over server flags', () => {
    const flagOps = new Map([[uidKey(UID_VALIDITY, 1), [{ add: ['\\Flagged'], remove: [] }]]]);
    const [merged] = mergeHeaders(
      [],
      [header(1, 'INBOX', { flags: ['\\Seen'] })],
      overlay({ flagOps }),
    );
    expect(merged?.flags).toEqual(['\\Seen', '\\Flagged']);
  });

  it('never matches an optimistic arrival by uid', () => {
    const arrival = row(1, 'Archive', {
      origin: { folder: 'INBOX', uidValidity: 1, uid: 1 },
      pending: true,
    });
    const incoming = header(1, 'Archive', { flags: [] });
    const [merged] = mergeHeaders([arrival], [incoming]);
    expect(merged).toMatchObject({ id: incoming.id, pending: false, origin: null });
  });
});

describe('applyFlagUpdates', () => {
  it('patches flags when the update is not older; ignores unknown uids', () => {
    const put = applyFlagUpdates(
      [row(1, 'INBOX', { modseq: '10' }), row(2, 'INBOX', { modseq: '30' })],
      [
        { uid: 1, flags: ['\\Seen'], modseq: '11' },
        { uid: 2, flags: ['\\Seen'], modseq: '29' },
        { uid: 3, flags: ['\\Seen'], modseq: '50' },
      ],
    );
    expect(put.map((r) => [r.uid, r.flags, r.modseq])).toEqual([[1, ['\\Seen'], '11']]);
  });

  it('applies updates for one uid in modseq order whatever their order in the list', () => {
    const put = applyFlagUpdates(
      [row(1, 'INBOX', { modseq: '10' })],
      [
        { uid: 1, flags: ['\\Flagged'], modseq: '13' },
        { uid: 1, flags: ['\\Seen'], modseq: '12' },
      ],
    );
    expect(put).toHaveLength(1);
    expect(put[0]).toMatchObject({ flags: ['\\Flagged'], modseq: '13' });
  });
});

describe('mergeChanges', () => {
  it('applies added, updated and vanished', () => {
    const cached = [row(1), row(2), row(3)];
    const writes = mergeChanges(cached, {
      added: [header(4)],
      updated: [{ uid: 2, flags: ['\\Seen'], modseq: '11' }],
      vanished: [3, 99],
    });
    expect(writes.put.map((r) => r.uid)).toEqual([4, 2]);
    expect(writes.delete).toEqual([row(3).id]);
  });

  it('composes an add and an update of the same message in one page', () => {
    const writes = mergeChanges([], {
      added: [header(5, 'INBOX', { modseq: '11' })],
      updated: [{ uid: 5, flags: ['\\Seen'], modseq: '12' }],
      vanished: [],
    });
    expect(writes.put).toHaveLength(1);
    expect(writes.put[0]).toMatchObject({ uid: 5, flags: ['\\Seen'], modseq: '12' });
  });

  it('is idempotent: the same page twice gives the same rows', () => {
    const changes = {
      added: [header(4)],
      updated: [{ uid: 1, flags: ['\\Seen'], modseq: '11' }],
      vanished: [2],
    };
    const first = mergeChanges([row(1), row(2)], changes);
    const again = mergeChanges(first.put, changes);
    expect(again.put).toEqual(first.put);
  });

  it('leaves optimistic arrivals alone when their uid vanishes in the destination', () => {
    const arrival = row(7, 'Archive', { origin: { folder: 'INBOX', uidValidity: 1, uid: 7 } });
    expect(vanishedIds([arrival], [7])).toEqual([]);
  });
});
