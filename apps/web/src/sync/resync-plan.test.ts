import { describe, expect, it } from 'vitest';
import { UID_VALIDITY, row } from '../testing/fixtures.ts';
import { planResync, supersededRows } from './resync-plan.ts';

describe('planResync', () => {
  it('keeps rows the listing contained and deletes only the rest', () => {
    const local = [row(1), row(2), row(3)];
    const plan = planResync(local, { uidValidity: UID_VALIDITY, uids: new Set([1, 3, 4]) });
    expect(plan).toEqual({ delete: [row(2).id], keep: 2 });
  });

  it('deletes rows of an older UIDVALIDITY even when their uid is listed again', () => {
    const stale = row(1, 'INBOX', { uidValidity: UID_VALIDITY - 1 });
    const plan = planResync([stale, row(2)], { uidValidity: UID_VALIDITY, uids: new Set([1, 2]) });
    expect(plan.delete).toEqual([stale.id]);
  });

  it('keeps optimistic arrivals, which are not the folder’s server rows', () => {
    const arrival = row(9, 'Archive', {
      origin: { folder: 'INBOX', uidValidity: UID_VALIDITY, uid: 9 },
    });
    expect(planResync([arrival], { uidValidity: UID_VALIDITY, uids: new Set() }).delete).toEqual(
      [],
    );
  });
});

describe('supersededRows', () => {
  it('maps old-UIDVALIDITY rows to new headers with the same Message-ID', () => {
    const old = row(5, 'INBOX', { uidValidity: 1, messageId: '<a@x>' });
    const renumbered = row(1, 'INBOX', { uidValidity: 2, messageId: '<a@x>' });
    const unrelated = row(2, 'INBOX', { uidValidity: 2, messageId: '<b@x>' });
    expect(supersededRows([old], [renumbered, unrelated])).toEqual([
      { from: old.id, to: renumbered.id },
    ]);
  });

  it('ignores the same mail in another folder and rows without Message-ID', () => {
    const old = row(5, 'INBOX', { uidValidity: 1, messageId: '<a@x>' });
    expect(supersededRows([old], [row(1, 'Sent', { uidValidity: 2, messageId: '<a@x>' })])).toEqual(
      [],
    );
    expect(
      supersededRows([row(5, 'INBOX', { messageId: null })], [row(1, 'INBOX', { uidValidity: 2 })]),
    ).toEqual([]);
  });
});
