import type { ActionKind, CachedMessage, MessageListView } from '../data/index.ts';
import type { RunAction } from '../features/actions/use-mail-actions.ts';
import type { Selection } from '../features/mailbox/use-selection.ts';
import type { Cursor } from './use-cursor.ts';
import type { Shortcut } from './shortcuts.ts';

interface MailCommandsInput {
  view: MessageListView;
  selection: Selection;
  cursor: Cursor;
  openMessage: CachedMessage | undefined;
  openId: string | null;
  runAction: RunAction;
  open(index: number, id: string, options?: { replace?: boolean }): void;
  closeMessage(): void;
  /** Opens "Move to…" for these messages. */
  showMove(ids: readonly string[]): void;
  showHelp(): void;
}

/**
 * What toolbar buttons and shortcuts act on, and the shortcut commands. Buttons act on the
 * selection, else the open message. Shortcuts may also act on the row under the keyboard
 * cursor, which the user has moved there on purpose; the toolbar does not, so a click on
 * Delete right after loading cannot hit whichever mail happens to be first.
 */
export function useMailCommands(input: MailCommandsInput) {
  const { view, selection, cursor, openMessage, openId, runAction } = input;
  const cursorRow = view.rowAt(cursor.index);
  const targets =
    selection.ids.size > 0 ? [...selection.ids.keys()] : openId !== null ? [openId] : [];
  const keyTargets = targets.length === 0 && cursorRow !== undefined ? [cursorRow.id] : targets;

  const known = (id: string): CachedMessage | undefined => {
    if (id === openMessage?.id) return openMessage;
    const row = view.rowAt(selection.ids.get(id) ?? cursor.index);
    return row?.id === id ? row : undefined;
  };

  const act = (kind: ActionKind) => void runAction(kind, targets);
  const actByKey = (kind: ActionKind) => void runAction(kind, keyTargets);

  const move = (delta: number) => {
    if (view.count === 0) return;
    const index = Math.max(0, Math.min(cursor.index + delta, view.count - 1));
    cursor.moveTo(index);
    // Reading a message, j/k go on to the next one, as in a three-pane client.
    const row = view.rowAt(index);
    if (openId !== null && row !== undefined) input.open(index, row.id, { replace: true });
  };

  const run = (shortcut: Shortcut) => {
    switch (shortcut) {
      case 'next':
        return move(1);
      case 'previous':
        return move(-1);
      case 'open':
        if (cursorRow !== undefined) input.open(cursor.index, cursorRow.id);
        return;
      case 'back':
        if (openId !== null) {
          input.closeMessage();
          cursor.moveTo(cursor.index);
        }
        return;
      case 'select':
        if (cursorRow !== undefined) selection.toggle(cursor.index, cursorRow.id);
        return;
      case 'toggleFlag': {
        const allFlagged =
          keyTargets.length > 0 && keyTargets.every((id) => known(id)?.flags.includes('\\Flagged'));
        return actByKey(allFlagged ? 'unflag' : 'flag');
      }
      case 'archive':
      case 'delete':
      case 'markRead':
      case 'markUnread':
        return actByKey(shortcut);
      case 'move':
        if (keyTargets.length > 0) input.showMove(keyTargets);
        return;
      case 'help':
        return input.showHelp();
    }
  };

  return { targets, act, run };
}
