import { applyAction } from '../../data/index.ts';
import type { ActionKind } from '../../data/index.ts';
import { useNotify } from '../notices/notice-context.ts';
import { plural } from '../ui/format.ts';

/** Actions after which the messages are no longer in the folder. */
export const REMOVING_ACTIONS: ReadonlySet<ActionKind> = new Set([
  'move',
  'archive',
  'delete',
  'junk',
]);

export type RunAction = (
  kind: ActionKind,
  ids: readonly string[],
  destination?: { path: string; label: string },
) => Promise<void>;

/**
 * Runs a user action through the data layer and tells the user how it went: failures in
 * words, and for moves an "Undo" that stays for about six seconds. `onRemoving` runs first,
 * so the UI moves on at once (the data layer applies the change optimistically).
 */
export function useMailActions(onRemoving: (ids: readonly string[]) => void): RunAction {
  const notify = useNotify();
  return async (kind, ids, destination) => {
    if (ids.length === 0) return;
    if (REMOVING_ACTIONS.has(kind)) onRemoving(ids);
    try {
      const result = await applyAction(
        kind,
        [...ids],
        destination ? { destination: destination.path } : undefined,
      );
      const { undo } = result;
      if (!result.ok) {
        notify({ tone: 'error', text: result.message ?? `${FAILED[kind]} Please try again.` });
      } else if (undo !== undefined) {
        notify({
          text: doneText(kind, ids.length, destination?.label),
          action: {
            label: 'Undo',
            run: () =>
              undo().catch((error: unknown) => {
                notify({ tone: 'error', text: `Could not undo: ${messageOf(error)}` });
              }),
          },
        });
      }
    } catch (error) {
      notify({ tone: 'error', text: `${FAILED[kind]} ${messageOf(error)}` });
    }
  };
}

const FAILED: Record<ActionKind, string> = {
  markRead: 'Could not mark as read.',
  markUnread: 'Could not mark as unread.',
  flag: 'Could not flag.',
  unflag: 'Could not remove the flag.',
  move: 'Could not move.',
  archive: 'Could not archive.',
  delete: 'Could not delete.',
  junk: 'Could not move to Junk.',
};

function doneText(kind: ActionKind, count: number, destination: string | undefined): string {
  const messages = plural(count, 'message', 'messages');
  switch (kind) {
    case 'archive':
      return `Archived ${messages}.`;
    case 'delete':
      return `Deleted ${messages}.`;
    case 'junk':
      return `Moved ${messages} to Junk.`;
    case 'move':
      return `Moved ${messages} to ${destination ?? 'another folder'}.`;
    default:
      return 'Done.';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message !== '' ? error.message : 'Something went wrong.';
}
