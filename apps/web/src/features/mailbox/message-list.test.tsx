import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CachedMessage, MessageListView } from '../../data/index.ts';
import { listView, message, stubLayout } from '../test-support/data-mock.ts';
import { formatFullDate } from '../ui/format.ts';
import type * as Format from '../ui/format.ts';
import { MessageList } from './message-list.tsx';

// Counts row renders: each rendered row formats its date once for its accessible name.
vi.mock('../ui/format.ts', async (importOriginal) => {
  const original = await importOriginal<typeof Format>();
  return { ...original, formatFullDate: vi.fn(original.formatFullDate) };
});

beforeEach(stubLayout);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderList(view: MessageListView, selected: ReadonlyMap<string, number> = new Map()) {
  const handlers = { onOpen: vi.fn(), onPress: vi.fn(), onToggle: vi.fn(), onRange: vi.fn() };
  const element = (next: MessageListView) => (
    <MessageList
      view={next}
      selected={selected}
      cursor={0}
      openId={null}
      focusRequest={null}
      emptyText="No messages"
      // New functions on every render, as the app passes them.
      onOpen={(index, id) => handlers.onOpen(index, id)}
      onPress={(id) => handlers.onPress(id)}
      onToggle={(index, id) => handlers.onToggle(index, id)}
      onRange={(index) => handlers.onRange(index)}
    />
  );
  const { rerender } = render(element(view));
  return { ...handlers, rerender: (next: MessageListView) => rerender(element(next)) };
}

/** 100,000 rows of which only the ones asked for are "loaded", like the real data layer. */
function hugeView(): MessageListView & { setWindow: ReturnType<typeof vi.fn> } {
  const setWindow = vi.fn();
  return {
    count: 100_000,
    rowAt: (index) => (index < 50 ? message(index) : undefined),
    setWindow,
    allIds: async () => [],
    ready: true,
  };
}

describe('MessageList', () => {
  it('is a grid named Messages whose rows name sender, subject and state', () => {
    const rows: CachedMessage[] = [
      message(1, { flags: [], hasAttachments: true }),
      message(2, { flags: ['\\Seen', '\\Flagged'] }),
    ];
    renderList(listView(rows));
    const grid = screen.getByRole('grid', { name: 'Messages' });
    expect(grid.getAttribute('aria-rowcount')).toBe('2');
    const first = within(grid).getByRole('row', { name: /Sender 1, Subject 1/ });
    expect(first.getAttribute('aria-label')).toMatch(
      /^Unread, Sender 1, Subject 1, .+, has attachments$/,
    );
    expect(within(first).getByText('Unread,', { exact: false }).className).toBe('sr-only');
    expect(within(grid).getByRole('row', { name: /^Flagged, Sender 2, Subject 2/ })).toBeTruthy();
    expect(within(first).getByText('Preview 1')).toBeTruthy();
  });

  it('renders only a window of 100,000 rows and asks the data layer for it', () => {
    const view = hugeView();
    renderList(view);
    const rows = screen.getAllByRole('row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(view.setWindow).toHaveBeenCalledWith(0, rows.length);
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('100000');
  });

  it('shows rows that are not loaded yet as loading', () => {
    const view: MessageListView = {
      count: 3,
      rowAt: () => undefined,
      setWindow: vi.fn(),
      allIds: async () => [],
      ready: true,
    };
    renderList(view);
    expect(
      screen.getAllByRole('row').every((row) => row.getAttribute('aria-busy') === 'true'),
    ).toBe(true);
  });

  it('says so instead of showing an empty list', () => {
    renderList(listView([]));
    expect(screen.queryByRole('grid')).toBeNull();
    expect(screen.getByText('No messages')).toBeTruthy();
  });

  it('opens on click, toggles with the checkbox or Ctrl, extends with Shift', async () => {
    const user = userEvent.setup();
    const handlers = renderList(listView([message(1), message(2), message(3)]));
    await user.click(screen.getByRole('row', { name: /Subject 2/ }));
    expect(handlers.onOpen).toHaveBeenCalledWith(1, 'm2');
    await user.click(screen.getByRole('checkbox', { name: 'Select Sender 3: Subject 3' }));
    expect(handlers.onToggle).toHaveBeenCalledWith(2, 'm3');
    await user.keyboard('{Control>}');
    await user.click(screen.getByRole('row', { name: /Subject 1/ }));
    await user.keyboard('{/Control}{Shift>}');
    await user.click(screen.getByRole('row', { name: /Subject 3/ }));
    expect(handlers.onToggle).toHaveBeenCalledWith(0, 'm1');
    expect(handlers.onRange).toHaveBeenCalledWith(2);
    expect(handlers.onOpen).toHaveBeenCalledTimes(1);
  });

  it('announces a press of the primary mouse button before the click; not with a modifier, on the checkbox or by touch', async () => {
    const user = userEvent.setup();
    const handlers = renderList(listView([message(1), message(2)]));
    const row = screen.getByRole('row', { name: /Subject 2/ });
    await user.pointer({ keys: '[MouseLeft>]', target: row });
    expect(handlers.onPress).toHaveBeenCalledWith('m2');
    expect(handlers.onOpen).not.toHaveBeenCalled();
    await user.pointer({ keys: '[/MouseLeft]', target: row });
    expect(handlers.onOpen).toHaveBeenCalledWith(1, 'm2');
    await user.pointer({ keys: '[MouseRight]', target: row });
    await user.keyboard('{Control>}');
    await user.click(screen.getByRole('row', { name: /Subject 1/ }));
    await user.keyboard('{/Control}');
    await user.click(screen.getByRole('checkbox', { name: 'Select Sender 1: Subject 1' }));
    // A finger on a touch screen goes down on rows to scroll.
    await user.pointer({ keys: '[TouchA]', target: row });
    expect(handlers.onPress).toHaveBeenCalledTimes(1);
  });

  it('re-renders only the rows whose content changed when the window is read again', () => {
    const rows = [message(1), message(2), message(3)];
    const { rerender, onOpen } = renderList(listView(rows));
    vi.mocked(formatFullDate).mockClear();
    // A stored page re-reads the window: equal rows arrive as new objects.
    rerender(listView(rows.map((row) => ({ ...row, flags: [...row.flags] }))));
    expect(formatFullDate).not.toHaveBeenCalled();
    rerender(
      listView(
        [rows[0], { ...message(2), flags: ['\\Seen', '\\Flagged'] }, rows[2]].flatMap((row) =>
          row ? [row] : [],
        ),
      ),
    );
    expect(formatFullDate).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('row', { name: /^Flagged, Sender 2/ })).toBeTruthy();
    // Handlers of rows that did not re-render still reach the latest props.
    screen.getByRole('row', { name: /Subject 3/ }).click();
    expect(onOpen).toHaveBeenCalledWith(2, 'm3');
  });

  it('marks selected rows for assistive tech', () => {
    renderList(listView([message(1), message(2)]), new Map([['m2', 1]]));
    expect(screen.getByRole('row', { name: /Subject 2/ }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(screen.getByRole('checkbox', { name: /Subject 2/ })).toHaveProperty('checked', true);
    expect(screen.getByRole('row', { name: /Subject 1/ }).getAttribute('aria-selected')).toBe(
      'false',
    );
  });
});
