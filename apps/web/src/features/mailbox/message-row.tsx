import { memo } from 'react';
import type { DragEvent, MouseEvent, PointerEvent } from 'react';
import type { CachedMessage } from '../../data/index.ts';
import { formatFullDate, formatListDate, senderName } from '../ui/format.ts';
import { Icon } from '../ui/icon.tsx';

export interface RowHandlers {
  onOpen(index: number, id: string): void;
  /**
   * The primary mouse button went down on the row (no modifier, not on its checkbox): a
   * click that opens it is likely to follow, 50–150 ms later for a person, time enough to
   * start fetching its body.
   */
  onPress(id: string): void;
  onToggle(index: number, id: string): void;
  onRange(index: number): void;
  onDragStart(event: DragEvent, id: string): void;
}

interface MessageRowProps extends RowHandlers {
  index: number;
  /** Offset from the top, from the virtualizer. */
  top: number;
  message: CachedMessage | undefined;
  selected: boolean;
  isCursor: boolean;
  isOpen: boolean;
  now: number;
  /** Stable across renders (a ref callback that changes would run on every render). */
  rowRef: (element: HTMLDivElement | null) => void;
}

/**
 * Rows re-render only when what they show changes. Every stored page re-reads the window
 * from the cache as new objects, so rows compare by content; handlers must be stable
 * (MessageList passes functions that read the latest ones).
 */
export const MessageRow = memo(MessageRowView, (before, after) => {
  const keys = ['index', 'top', 'selected', 'isCursor', 'isOpen', 'now', 'rowRef'] as const;
  return (
    keys.every((key) => Object.is(before[key], after[key])) &&
    sameHandlers(before, after) &&
    sameContent(before.message, after.message)
  );
});

function sameHandlers(a: RowHandlers, b: RowHandlers): boolean {
  return (
    a.onOpen === b.onOpen &&
    a.onPress === b.onPress &&
    a.onToggle === b.onToggle &&
    a.onRange === b.onRange &&
    a.onDragStart === b.onDragStart
  );
}

/** Equal in everything a row shows (and in its id, which its handlers act on). */
export function sameContent(a: CachedMessage | undefined, b: CachedMessage | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return (
    a.id === b.id &&
    a.pending === b.pending &&
    a.subject === b.subject &&
    a.preview === b.preview &&
    a.date === b.date &&
    a.hasAttachments === b.hasAttachments &&
    senderName(a.from) === senderName(b.from) &&
    a.flags.length === b.flags.length &&
    a.flags.every((flag, index) => flag === b.flags[index])
  );
}

/**
 * One grid row. Its accessible name says what a sighted user sees at a glance: unread,
 * flagged, sender, subject, date, attachments. Position comes from the virtualizer; React
 * sets it through the CSSOM, which a `style-src 'self'` CSP allows (only style attributes
 * in markup need 'unsafe-inline').
 */
function MessageRowView(props: MessageRowProps) {
  const { index, top, message, selected, isCursor, isOpen, now, rowRef } = props;
  const position = { transform: `translateY(${top}px)` };
  if (message === undefined) {
    return (
      <div
        role="row"
        aria-rowindex={index + 1}
        aria-busy="true"
        className="message-row is-loading"
        style={position}
      >
        <div role="gridcell" className="row-main">
          Loading…
        </div>
      </div>
    );
  }
  const unread = !message.flags.includes('\\Seen');
  const flagged = message.flags.includes('\\Flagged');
  const sender = senderName(message.from);
  const subject = message.subject || '(no subject)';
  const label = [
    unread && 'Unread',
    flagged && 'Flagged',
    sender,
    subject,
    formatFullDate(message.date),
    message.hasAttachments && 'has attachments',
  ]
    .filter(Boolean)
    .join(', ');

  const onClick = (event: MouseEvent) => {
    if (event.shiftKey) props.onRange(index);
    else if (event.metaKey || event.ctrlKey) props.onToggle(index, message.id);
    else props.onOpen(index, message.id);
  };
  // A mouse only: on a touch screen a finger goes down on rows to scroll past them, and
  // each would cost a body download. Not the checkbox either, which selects, not opens.
  const onPointerDown = (event: PointerEvent) => {
    const modified = event.shiftKey || event.metaKey || event.ctrlKey || event.altKey;
    const onCheckbox = event.target instanceof HTMLInputElement;
    if (event.pointerType !== 'mouse' || event.button !== 0 || modified || onCheckbox) return;
    props.onPress(message.id);
  };
  const classes = [
    'message-row',
    unread && 'is-unread',
    selected && 'is-selected',
    isCursor && 'is-cursor',
    isOpen && 'is-open',
    message.pending && 'is-pending',
  ];

  return (
    <div
      ref={rowRef}
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      aria-label={label}
      data-index={index}
      tabIndex={isCursor ? 0 : -1}
      className={classes.filter(Boolean).join(' ')}
      style={position}
      draggable
      onDragStart={(event) => props.onDragStart(event, message.id)}
      onClick={onClick}
      onPointerDown={onPointerDown}
    >
      <div role="gridcell" className="row-select">
        <input
          type="checkbox"
          checked={selected}
          aria-label={`Select ${sender}: ${subject}`}
          tabIndex={-1}
          onClick={(event) => {
            // Handled here rather than in onChange, which does not know about Shift.
            event.stopPropagation();
            if (event.shiftKey) props.onRange(index);
            else props.onToggle(index, message.id);
          }}
          onChange={() => {}}
        />
      </div>
      <div role="gridcell" className="row-main">
        <span className="row-from">
          {unread && <span className="sr-only">Unread, </span>}
          {sender}
        </span>
        <span className="row-markers">
          {flagged && (
            <span className="marker-flag" title="Flagged">
              <Icon name="flag" />
            </span>
          )}
          {message.hasAttachments && (
            <span className="marker-attachment" title="Has attachments">
              <Icon name="paperclip" />
            </span>
          )}
        </span>
        <time className="row-date" dateTime={message.date}>
          {formatListDate(message.date, now)}
        </time>
        <span className="row-subject">{subject}</span>
        <span className="row-preview">{message.preview}</span>
      </div>
    </div>
  );
}
