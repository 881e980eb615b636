import type { MessageRow } from '../db/rows.ts';
import { hasFlag } from './overlay.ts';

/** A change to a folder's cached counts (STATUS MESSAGES / UNSEEN). */
export interface CountDelta {
  folder: string;
  total: number;
  unread: number;
}

/**
 * What replacing `before` with `after` (null: removed) does to folder counts, so the
 * sidebar follows an optimistic action at once; the server's next folderCounts or folder
 * list corrects any drift. Reverting is the same delta negated.
 */
export function countDelta(before: MessageRow | null, after: MessageRow | null): CountDelta[] {
  const deltas = new Map<string, CountDelta>();
  const add = (row: MessageRow | null, sign: 1 | -1) => {
    if (row === null) return;
    const delta = deltas.get(row.folder) ?? { folder: row.folder, total: 0, unread: 0 };
    delta.total += sign;
    delta.unread += hasFlag(row.flags, '\\Seen') ? 0 : sign;
    deltas.set(row.folder, delta);
  };
  add(before, -1);
  add(after, 1);
  return [...deltas.values()].filter((delta) => delta.total !== 0 || delta.unread !== 0);
}

export function negate(deltas: readonly CountDelta[]): CountDelta[] {
  return deltas.map((delta) => ({
    folder: delta.folder,
    total: -delta.total,
    unread: -delta.unread,
  }));
}
