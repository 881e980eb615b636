import { OpSchema } from '@petrel/contract';
import type { Folder, MessageRef, Op } from '@petrel/contract';
import type { ActionKind } from '../data/types.ts';
import type { MessageRow } from '../db/rows.ts';
import { changeFlags, hasFlag } from './overlay.ts';

/** One op with its optimistic effect on one cached row. */
export interface PlannedOp {
  op: Op;
  /** The row's id (unchanged by the optimistic effect). */
  messageId: string;
  before: MessageRow;
  /** The row as the user should see it now; null when it leaves the cache (expunge). */
  after: MessageRow | null;
}

export type ActionPlan = { ok: true; ops: PlannedOp[] } | { ok: false; message: string };

const FLAG_ACTIONS = {
  markRead: { add: ['\\Seen'], remove: [] },
  markUnread: { add: [], remove: ['\\Seen'] },
  flag: { add: ['\\Flagged'], remove: [] },
  unflag: { add: [], remove: ['\\Flagged'] },
} as const;

const TARGET_FOLDER = {
  archive: { use: '\\Archive', missing: 'There is no Archive folder on this account.' },
  junk: { use: '\\Junk', missing: 'There is no Junk folder on this account.' },
  delete: { use: '\\Trash', missing: 'There is no Trash folder, so messages cannot be deleted.' },
} as const;

/**
 * Turns a user action on cached rows into contract ops plus their optimistic effect.
 * Pure: the caller writes the effect and the outbox rows in one transaction.
 * - Ops that would change nothing (marking a read message read) are left out.
 * - Rows under an optimistic move are left out: their server location is about to change,
 *   so an op naming it could hit the wrong message or none.
 * - A move keeps the row's id and uid but files it under the destination with `origin`
 *   set; the server's newRef re-keys it later. Delete moves to Trash, or from Trash
 *   removes the row (the server expunges it).
 * Every op is validated with OpSchema here, so an invalid op never enters the outbox.
 */
export function planAction(
  kind: ActionKind,
  rows: readonly MessageRow[],
  folders: readonly Folder[],
  options: { destination?: string },
  newOpId: () => string,
): ActionPlan {
  const settled = rows.filter((row) => row.origin === null);
  let ops: PlannedOp[];
  if (kind in FLAG_ACTIONS) {
    const change = FLAG_ACTIONS[kind as keyof typeof FLAG_ACTIONS];
    ops = settled.flatMap((row) => {
      const add = change.add.filter((flag) => !hasFlag(row.flags, flag));
      const remove = change.remove.filter((flag) => hasFlag(row.flags, flag));
      if (add.length + remove.length === 0) return [];
      const op: Op = { opId: newOpId(), type: 'setFlags', target: refOf(row), add, remove };
      const after = { ...row, flags: changeFlags(row.flags, { add, remove }), pending: true };
      return [{ op, messageId: row.id, before: row, after }];
    });
  } else {
    const destination = destinationFor(kind, folders, options);
    if (!destination.ok) return destination;
    const trash = kind === 'delete' ? destination.path : null;
    ops = settled.flatMap((row) => {
      if (kind !== 'delete' && row.folder === destination.path) return [];
      const op: Op =
        kind === 'delete'
          ? { opId: newOpId(), type: 'delete', target: refOf(row) }
          : { opId: newOpId(), type: 'move', target: refOf(row), destination: destination.path };
      const after =
        row.folder === trash
          ? null
          : { ...row, folder: destination.path, pending: true, origin: refOf(row) };
      return [{ op, messageId: row.id, before: row, after }];
    });
  }
  const invalid = ops.find((planned) => !OpSchema.safeParse(planned.op).success);
  if (invalid) return { ok: false, message: 'This action cannot be applied to that message.' };
  return { ok: true, ops };
}

export function refOf(row: Pick<MessageRow, 'folder' | 'uidValidity' | 'uid'>): MessageRef {
  return { folder: row.folder, uidValidity: row.uidValidity, uid: row.uid };
}

function destinationFor(
  kind: ActionKind,
  folders: readonly Folder[],
  options: { destination?: string },
): { ok: true; path: string } | { ok: false; message: string } {
  if (kind === 'move') {
    const folder = folders.find((candidate) => candidate.path === options.destination);
    if (!folder) return { ok: false, message: 'Choose a folder to move to.' };
    if (!folder.selectable) return { ok: false, message: `“${folder.name}” cannot hold messages.` };
    return { ok: true, path: folder.path };
  }
  const target = TARGET_FOLDER[kind as keyof typeof TARGET_FOLDER];
  const folder = folders.find(
    (candidate) => candidate.specialUse === target.use && candidate.selectable,
  );
  return folder ? { ok: true, path: folder.path } : { ok: false, message: target.missing };
}
