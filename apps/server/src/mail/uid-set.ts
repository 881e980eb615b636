/**
 * IMAP sequence sets (RFC 9051 §9 `sequence-set`) of UIDs: built from numbers we hold, and
 * read from ESEARCH `ALL` answers (RFC 4731), which the server sends compressed ("1:5,9").
 * Only digits, ':' and ',' ever come out of here, so a set can be handed to imapflow as a
 * range argument without any risk of it carrying anything else.
 */

export type UidRange = readonly [first: number, last: number];

/** "1:3,5,9:10" for [1,2,3,5,9,10] (any order, duplicates allowed). Empty input → "". */
export function formatUidSet(uids: Iterable<number>): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    const first = sorted[i] as number;
    let last = first;
    while (sorted[i + 1] === last + 1) last = sorted[++i] as number;
    parts.push(first === last ? `${first}` : `${first}:${last}`);
    i++;
  }
  return parts.join(',');
}

/**
 * Reads a sequence set of plain numbers into ascending, merged ranges. `*` is not expected in
 * server answers (ESEARCH expands it), so a set holding one, or anything else that is not a
 * number, is an error rather than something to guess about.
 */
export function parseUidSet(set: string): UidRange[] {
  if (set === '') return [];
  const ranges = set.split(',').map((item): UidRange => {
    const match = /^(\d{1,10})(?::(\d{1,10}))?$/.exec(item);
    if (!match) throw new Error(`Not a UID set: ${set.slice(0, 100)}`);
    const a = Number(match[1]);
    const b = match[2] === undefined ? a : Number(match[2]);
    return a <= b ? [a, b] : [b, a];
  });
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [first, last] of ranges) {
    const previous = merged[merged.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

/**
 * The UIDs in 1…`max` that are not in `present` (ascending, merged ranges), expanded; null
 * when there are more than `limit` of them, so a sparse mailbox cannot make us allocate
 * millions of numbers.
 */
export function missingUids(
  present: readonly UidRange[],
  max: number,
  limit: number,
): number[] | null {
  const missing: number[] = [];
  let next = 1;
  const take = (from: number, to: number): boolean => {
    if (to < from) return true;
    if (missing.length + (to - from + 1) > limit) return false;
    for (let uid = from; uid <= to; uid++) missing.push(uid);
    return true;
  };
  for (const [first, last] of present) {
    if (first > max) break;
    if (!take(next, first - 1)) return null;
    next = last + 1;
  }
  return take(next, max) ? missing : null;
}
