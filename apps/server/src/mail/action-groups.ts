import type { Op } from '@petrel/contract';
import { canonicalFolder } from './mailbox.ts';

/**
 * Batching of action ops. A run of consecutive ops that do the same thing in the same folder
 * (same type, same flags or destination, same UIDVALIDITY) becomes one group, applied with
 * one UID STORE / UID MOVE / UID EXPUNGE over a UID set instead of one command per message.
 * Only *consecutive* ops are merged, so the order the user acted in is kept wherever it can
 * matter (flag a message, then move it), and a group never holds the same UID twice (a
 * second move of one message must see the first one's result: `gone`).
 */

export interface IndexedOp {
  /** Position in the request, where its result goes. */
  index: number;
  op: Op;
}

export interface OpGroup {
  folder: string;
  uidValidity: number;
  ops: IndexedOp[];
}

export function groupOps(ops: readonly IndexedOp[]): OpGroup[] {
  const groups: (OpGroup & { key: string; uids: Set<number> })[] = [];
  for (const entry of ops) {
    const key = groupKey(entry.op);
    const { uid } = entry.op.target;
    const current = groups[groups.length - 1];
    if (current && current.key === key && !current.uids.has(uid)) {
      current.ops.push(entry);
      current.uids.add(uid);
    } else {
      groups.push({
        key,
        uids: new Set([uid]),
        folder: canonicalFolder(entry.op.target.folder),
        uidValidity: entry.op.target.uidValidity,
        ops: [entry],
      });
    }
  }
  return groups.map(({ folder, uidValidity, ops: members }) => ({
    folder,
    uidValidity,
    ops: members,
  }));
}

function groupKey(op: Op): string {
  const where = [op.type, canonicalFolder(op.target.folder), op.target.uidValidity];
  switch (op.type) {
    case 'setFlags':
      return JSON.stringify([...where, [...op.add].sort(), [...op.remove].sort()]);
    case 'move':
      return JSON.stringify([...where, canonicalFolder(op.destination)]);
    case 'delete':
      return JSON.stringify(where);
  }
}
