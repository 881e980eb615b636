/** What a key does in the mail view. */
export type Shortcut =
  | 'next'
  | 'previous'
  | 'open'
  | 'back'
  | 'select'
  | 'archive'
  | 'delete'
  | 'toggleFlag'
  | 'markRead'
  | 'markUnread'
  | 'move'
  | 'help';

/** For the "?" dialog; kept beside the key map so the two cannot drift apart. */
export const SHORTCUT_HELP: readonly { keys: string; does: string }[] = [
  { keys: 'j or ↓', does: 'Next message' },
  { keys: 'k or ↑', does: 'Previous message' },
  { keys: 'Enter or o', does: 'Open message' },
  { keys: 'u', does: 'Back to the list' },
  { keys: 'x', does: 'Select or deselect message' },
  { keys: 'e', does: 'Archive' },
  { keys: '#', does: 'Delete' },
  { keys: 's or !', does: 'Flag or unflag' },
  { keys: 'Shift+I', does: 'Mark as read' },
  { keys: 'Shift+U', does: 'Mark as unread' },
  { keys: 'v', does: 'Move to…' },
  { keys: '?', does: 'Show keyboard shortcuts' },
];

const KEYS: Readonly<Record<string, Shortcut>> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  o: 'open',
  Enter: 'open',
  u: 'back',
  x: 'select',
  e: 'archive',
  '#': 'delete',
  s: 'toggleFlag',
  '!': 'toggleFlag',
  I: 'markRead',
  U: 'markUnread',
  v: 'move',
  '?': 'help',
};

/** Keys that the focused control needs for itself, unless focus is on a list row. */
const NATIVE_KEYS = new Set(['Enter', 'ArrowDown', 'ArrowUp']);
const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);

/**
 * The shortcut for a keydown, or null. Ignored while typing (text fields, contenteditable),
 * with Ctrl, Cmd or Alt (browser and OS shortcuts), and for Enter and arrows unless focus
 * is on the page itself or a message row (buttons, links and scrolling keep them).
 */
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>,
): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const shortcut = KEYS[event.key];
  if (shortcut === undefined) return null;
  const target = event.target instanceof Element ? event.target : null;
  if (target !== null && isTyping(target)) return null;
  if (NATIVE_KEYS.has(event.key) && !onPageOrRow(target)) return null;
  return shortcut;
}

function isTyping(target: Element): boolean {
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLElement && target.isContentEditable;
}

function onPageOrRow(target: Element | null): boolean {
  return target === null || target === document.body || target.getAttribute('role') === 'row';
}
