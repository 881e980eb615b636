import type { Folder } from '@petrel/contract';
import type { ActionKind } from '../data/types.ts';

/** What one user action asks of each message, before the queue is looked at. */
export type Intent =
  | { type: 'flags'; add: readonly string[]; remove: readonly string[] }
  /** Move to `destination`; `trash` lets a delete of a message already in Trash expunge it. */
  | { type: 'relocate'; destination: string; trash: string | null };

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

/** The intent of an action, or why it cannot be done on this account. */
export function intentOf(
  kind: ActionKind,
  folders: readonly Folder[],
  options: { destination?: string },
): { ok: true; intent: Intent } | { ok: false; message: string } {
  if (kind in FLAG_ACTIONS) {
    const change = FLAG_ACTIONS[kind as keyof typeof FLAG_ACTIONS];
    return { ok: true, intent: { type: 'flags', add: change.add, remove: change.remove } };
  }
  if (kind === 'move') {
    const folder = folders.find((candidate) => candidate.path === options.destination);
    if (!folder) return { ok: false, message: 'Choose a folder to move to.' };
    if (!folder.selectable) return { ok: false, message: `“${folder.name}” cannot hold messages.` };
    return { ok: true, intent: { type: 'relocate', destination: folder.path, trash: null } };
  }
  const target = TARGET_FOLDER[kind as keyof typeof TARGET_FOLDER];
  const folder = folders.find(
    (candidate) => candidate.specialUse === target.use && candidate.selectable,
  );
  if (!folder) return { ok: false, message: target.missing };
  const trash = kind === 'delete' ? folder.path : null;
  return { ok: true, intent: { type: 'relocate', destination: folder.path, trash } };
}
