import {
  act,
  cleanup,
  createEvent,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CachedMessage } from '../data/index.ts';
import {
  IDLE,
  dataMock,
  listView,
  message,
  stubLayout,
} from '../features/test-support/data-mock.ts';
import { App } from './app.tsx';
import { preloadDeferredParts } from './deferred-parts.ts';

vi.mock('../data/index.ts', () =>
  import('../features/test-support/data-mock.ts').then((m) => m.dataMock),
);

let messages: CachedMessage[];

// The reader and the dialogs are lazy chunks: loaded once here, so no test waits for a
// cold module transform when it first opens one.
beforeAll(() => preloadDeferredParts());

beforeEach(() => {
  stubLayout();
  window.history.replaceState(null, '', '#/folder/INBOX');
  messages = [1, 2, 3, 4, 5].map((n) => message(n, n === 1 ? { flags: [] } : {}));
  const view = listView(messages);
  dataMock.useMessageList.mockReturnValue(view);
  dataMock.useMessage.mockImplementation((id) => messages.find((m) => m.id === id));
  dataMock.useMessageBody.mockImplementation((id) => ({
    body:
      id === null
        ? undefined
        : { id, html: null, text: `Body of ${id}`, attachments: [], inline: [], tooComplex: false },
    loading: false,
    error: null,
  }));
});

afterEach(() => {
  cleanup();
  vi.resetAllMocks();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const grid = () => screen.getByRole('grid', { name: 'Messages' });
const row = (n: number) => within(grid()).getByRole('row', { name: new RegExp(`Subject ${n},`) });
const toolbar = () => screen.getByRole('group', { name: 'Message actions' });
const button = (name: string) => within(toolbar()).getByRole('button', { name });

function setup() {
  const user = userEvent.setup();
  render(<App />);
  return user;
}

async function openMessage(user: ReturnType<typeof userEvent.setup>, n: number) {
  await user.click(row(n));
  await screen.findByRole('heading', { name: `Subject ${n}` });
}

describe('MailShell', () => {
  it('starts sync once and shows folders, messages, reader and status', () => {
    setup();
    expect(dataMock.startSync).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('navigation', { name: 'Folders' })).toBeTruthy();
    expect(within(grid()).getAllByRole('row')).toHaveLength(5);
    expect(screen.getByRole('region', { name: 'Message' }).textContent).toBe(
      'Select a message to read it.',
    );
    expect(screen.getByRole('contentinfo', { name: 'Sync status' }).textContent).toContain(
      'Online',
    );
    expect(dataMock.useMessageList).toHaveBeenLastCalledWith('INBOX');
  });

  it('opens a clicked message in the reader and the URL, and marks it read', async () => {
    const user = setup();
    await openMessage(user, 1);
    expect(window.location.hash).toBe('#/folder/INBOX/message/m1');
    expect(screen.getByRole('region', { name: 'Message' }).textContent).toContain('Body of m1');
    // Once the body has been painted (see ReadingPane).
    await waitFor(() => expect(dataMock.applyAction).toHaveBeenCalledWith('markRead', ['m1']));
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(window.location.hash).toBe('#/folder/INBOX');
  });

  it('selects a range with shift-click and acts on it from the toolbar', async () => {
    const user = setup();
    expect(button('Archive')).toHaveProperty('disabled', true);
    await user.click(within(row(2)).getByRole('checkbox'));
    await user.keyboard('{Shift>}');
    await user.click(within(row(4)).getByRole('checkbox'));
    await user.keyboard('{/Shift}');
    expect([2, 3, 4].map((n) => row(n).getAttribute('aria-selected'))).toEqual([
      'true',
      'true',
      'true',
    ]);
    expect(row(1).getAttribute('aria-selected')).toBe('false');
    expect(screen.getByText('3 selected')).toBeTruthy();
    await user.click(button('Mark as unread'));
    expect(dataMock.applyAction).toHaveBeenLastCalledWith(
      'markUnread',
      ['m2', 'm3', 'm4'],
      undefined,
    );
  });

  it('selects and clears all with the select-all checkbox', async () => {
    const user = setup();
    const all = screen.getByRole('checkbox', { name: 'Select all messages' });
    await user.click(all);
    expect(
      within(grid())
        .getAllByRole('row')
        .every((r) => r.getAttribute('aria-selected') === 'true'),
    ).toBe(true);
    await user.click(button('Mark as read'));
    expect(dataMock.applyAction).toHaveBeenLastCalledWith(
      'markRead',
      ['m1', 'm2', 'm3', 'm4', 'm5'],
      undefined,
    );
    await user.click(all);
    expect(
      within(grid())
        .getAllByRole('row')
        .some((r) => r.getAttribute('aria-selected') === 'true'),
    ).toBe(false);
  });

  it.each([
    ['Mark as read', 'markRead'],
    ['Mark as unread', 'markUnread'],
    ['Flag', 'flag'],
    ['Unflag', 'unflag'],
    ['Archive', 'archive'],
    ['Delete', 'delete'],
    ['Junk', 'junk'],
  ])('%s acts on the open message', async (name, kind) => {
    const user = setup();
    await openMessage(user, 2);
    await user.click(button(name));
    expect(dataMock.applyAction).toHaveBeenLastCalledWith(kind, ['m2'], undefined);
  });

  it('moves with "Move to…" and closes the moved message', async () => {
    const user = setup();
    await openMessage(user, 2);
    await user.click(button('Move to…'));
    const dialog = await screen.findByRole('dialog', { name: 'Move to folder' });
    expect(within(dialog).queryByRole('button', { name: 'Inbox' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: '2024' }));
    expect(dataMock.applyAction).toHaveBeenLastCalledWith('move', ['m2'], {
      destination: 'Projects/2024',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(window.location.hash).toBe('#/folder/INBOX');
  });

  it('offers Undo after archiving, for about six seconds', async () => {
    const undo = vi.fn(async () => {});
    dataMock.applyAction.mockResolvedValue({ ok: true, undo });
    const user = setup();
    await openMessage(user, 3);
    await user.click(button('Archive'));
    const notices = screen.getByRole('status', { name: 'Notifications' });
    expect(await within(notices).findByText('Archived 1 message.')).toBeTruthy();
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledTimes(1);
    expect(within(notices).queryByText('Archived 1 message.')).toBeNull();

    vi.useFakeTimers();
    await act(async () => {
      fireEvent.click(within(grid()).getAllByRole('checkbox')[0] as HTMLElement);
    });
    await act(async () => {
      fireEvent.click(button('Delete'));
    });
    expect(within(notices).getByText('Deleted 1 message.')).toBeTruthy();
    act(() => vi.advanceTimersByTime(6_100));
    expect(within(notices).queryByText('Deleted 1 message.')).toBeNull();
  });

  it('shows failures in words', async () => {
    dataMock.applyAction.mockResolvedValue({ ok: false, message: 'Your mailbox is full.' });
    const user = setup();
    await openMessage(user, 2);
    await user.click(button('Junk'));
    expect((await screen.findByRole('alert')).textContent).toContain('Your mailbox is full.');
  });

  it('moves rows dragged onto a folder', async () => {
    setup();
    const data: Record<string, string> = {};
    const transfer = {
      get types() {
        return Object.keys(data);
      },
      setData: (type: string, value: string) => {
        data[type] = value;
      },
      getData: (type: string) => data[type] ?? '',
      effectAllowed: 'all',
      dropEffect: 'none',
    };
    const send = (target: Element, make: (node: Element) => Event) => {
      const event = make(target);
      Object.defineProperty(event, 'dataTransfer', { value: transfer });
      fireEvent(target, event);
    };
    send(row(4), createEvent.dragStart);
    const projects = screen.getByRole('link', { name: 'Projects' });
    send(projects, createEvent.dragOver);
    await act(async () => send(projects, createEvent.drop));
    expect(dataMock.applyAction).toHaveBeenLastCalledWith('move', ['m4'], {
      destination: 'Projects',
    });
  });

  it('resyncs the current folder', async () => {
    const user = setup();
    await user.click(screen.getByRole('button', { name: 'Resync' }));
    expect(dataMock.resyncFolder).toHaveBeenCalledWith('INBOX');
  });

  it('never shows a silent empty list', () => {
    dataMock.useMessageList.mockReturnValue(listView([], false));
    const { rerender } = render(<App />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    // A fresh database before the first sync: no folders yet, which is not "no folders".
    dataMock.useMessageList.mockReturnValue(listView([], true));
    dataMock.useFolders.mockReturnValue([]);
    rerender(<App />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.getByText('Loading folders…')).toBeTruthy();
    dataMock.useSyncStatus.mockReturnValue({ ...IDLE, lastSyncAt: new Date().toISOString() });
    rerender(<App />);
    expect(screen.getByText('No messages')).toBeTruthy();
    expect(screen.getByText('No folders')).toBeTruthy();
    dataMock.useSyncStatus.mockReturnValue({
      connection: 'offline',
      progress: null,
      lastSyncAt: null,
      error: 'Cannot reach Petrel.',
      synced: null,
    });
    rerender(<App />);
    expect(screen.getByText('No messages to show. Cannot reach Petrel.')).toBeTruthy();
  });

  it('keeps folder and message from the URL on reload', () => {
    window.history.replaceState(null, '', '#/folder/Projects%2F2024/message/m3');
    render(<App />);
    expect(dataMock.useMessageList).toHaveBeenLastCalledWith('Projects/2024');
    expect(screen.getByRole('link', { name: '2024' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('heading', { name: 'Subject 3' })).toBeTruthy();
  });

  it('shows sync progress, last sync and errors', () => {
    dataMock.useSyncStatus.mockReturnValue({
      connection: 'reconnecting',
      synced: null,
      progress: { folder: 'INBOX', done: 1200, total: 10000 },
      lastSyncAt: new Date().toISOString(),
      error: 'The mail server cannot be reached right now.',
    });
    render(<App />);
    const status = screen.getByRole('contentinfo', { name: 'Sync status' }).textContent ?? '';
    expect(status).toContain('Connection lost — reconnecting…');
    expect(status).toContain('Syncing Inbox 1,200 / 10,000');
    expect(status).toContain('Last synced');
    expect(status).toContain('The mail server cannot be reached right now.');
  });
});
