import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { MESSAGE_ROW_HEIGHT, type MessageListView } from '../../data/index.ts';
import { useClock } from '../ui/use-clock.ts';
import { writeDraggedIds } from './message-drag.ts';
import { MessageRow } from './message-row.tsx';
import type { RowHandlers } from './message-row.tsx';
import type { SelectedIds } from './use-selection.ts';

interface MessageListProps extends Omit<RowHandlers, 'onDragStart'> {
  view: MessageListView;
  selected: SelectedIds;
  cursor: number;
  openId: string | null;
  /** A new object each time the keyboard moved the cursor: focus that row. */
  focusRequest: { index: number } | null;
  /** What to say instead of rows: "Loading…", "No messages" or an error. */
  emptyText: string;
}

/**
 * The folder's messages, newest first, as a virtualized ARIA grid: only the visible rows
 * (plus overscan) exist in the DOM, and the data layer is asked for exactly that window.
 * Remount it per folder (key) so the window and scroll position start fresh.
 */
export function MessageList(props: MessageListProps) {
  const { view, selected, cursor, openId, focusRequest, emptyText } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const requested = useRef<{ start: number; end: number } | null>(null);
  const now = useClock();
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  // Stable handlers that call the latest props, so memoized rows need not re-render when
  // the parent passes new functions (it does on every render).
  const handlers = useMemo(
    (): RowHandlers => ({
      onOpen: (index, id) => latest.current.onOpen(index, id),
      onPress: (id) => latest.current.onPress(id),
      onToggle: (index, id) => latest.current.onToggle(index, id),
      onRange: (index) => latest.current.onRange(index),
      onDragStart: (event, id) => {
        // Dragging a selected row moves the whole selection, as in desktop mail clients.
        const { selected } = latest.current;
        writeDraggedIds(event.dataTransfer, selected.has(id) ? [...selected.keys()] : [id]);
      },
    }),
    [],
  );
  const rowRef = useCallback((element: HTMLDivElement | null) => {
    // The row the keyboard moved to may only now have scrolled into the DOM.
    const index = Number(element?.dataset.index);
    if (element !== null && pendingFocus.current === index) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
    }
  }, []);

  // eslint-disable-next-line react-hooks/incompatible-library -- nothing here memoizes on its fresh-each-render functions
  const virtualizer = useVirtualizer({
    count: view.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => MESSAGE_ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const start = items[0]?.index ?? 0;
  const end = (items.at(-1)?.index ?? -1) + 1;

  const { setWindow } = view;
  useEffect(() => {
    const last = requested.current;
    if (last !== null && last.start === start && last.end === end) return;
    requested.current = { start, end };
    setWindow(start, end);
  }, [setWindow, start, end]);

  useEffect(() => {
    if (focusRequest === null) return;
    pendingFocus.current = focusRequest.index;
    virtualizer.scrollToIndex(focusRequest.index, { align: 'auto' });
    const row = scrollRef.current?.querySelector<HTMLElement>(
      `[data-index="${focusRequest.index}"]`,
    );
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  }, [focusRequest, virtualizer]);

  if (view.count === 0) return <p className="list-empty">{emptyText}</p>;

  return (
    <div ref={scrollRef} className="message-scroll">
      <div
        role="grid"
        aria-label="Messages"
        aria-rowcount={view.count}
        aria-multiselectable="true"
        className="message-grid"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const message = view.rowAt(item.index);
          return (
            <MessageRow
              key={item.key}
              index={item.index}
              top={item.start}
              message={message}
              selected={message !== undefined && selected.has(message.id)}
              isCursor={item.index === cursor}
              isOpen={message !== undefined && message.id === openId}
              now={now}
              rowRef={rowRef}
              {...handlers}
            />
          );
        })}
      </div>
    </div>
  );
}
