import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CachedMessage } from '../data/index.ts';
import { dataMock, listView, message, stubLayout } from '../features/test-support/data-mock.ts';
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
  messages = [1, 2, 3].map((n) => message(n, n === 2 ? { flags: ['\\Seen', '\\Flagged'] } : {}));
  dataMock.useMessageList.mockReturnValue(listView(messages));
  dataMock.useMessage.mockImplementation((id) => messages.find((m) => m.id === id));
  dataMock.useMessageBody.mockImplementation((id) => ({
    body:
      id === null
        ? undefined
        : { id, html: null, text: 'Body', attachments: [], inline: [], tooComplex: false },
    loading: false,
    error: null,
  }));
});

afterEach(() => {
  cleanup();
  vi.resetAllMocks();
  vi.restoreAllMocks();
});

function setup() {
  const user = userEvent.setup();
  render(<App />);
  return user;
}

const focusedLabel = () => document.activeElement?.getAttribute('aria-label') ?? '';

describe('keyboard shortcuts', () => {
  it('j/k and arrows move through the list, Enter and o open, u goes back', async () => {
    const user = setup();
    await user.keyboard('j');
    expect(focusedLabel()).toMatch(/Subject 2/);
    await user.keyboard('{ArrowDown}');
    expect(focusedLabel()).toMatch(/Subject 3/);
    await user.keyboard('k');
    expect(focusedLabel()).toMatch(/Subject 2/);
    await user.keyboard('{Enter}');
    expect(window.location.hash).toBe('#/folder/INBOX/message/m2');
    await user.keyboard('u');
    expect(window.location.hash).toBe('#/folder/INBOX');
    expect(focusedLabel()).toMatch(/Subject 2/);
    await user.keyboard('{ArrowUp}o');
    expect(window.location.hash).toBe('#/folder/INBOX/message/m1');
  });

  it('j/k go on to the next message while one is open', async () => {
    const user = setup();
    await user.keyboard('o');
    await user.keyboard('j');
    expect(window.location.hash).toBe('#/folder/INBOX/message/m2');
    expect(screen.getByRole('heading', { name: 'Subject 2' })).toBeTruthy();
  });

  it.each([
    ['e', 'archive'],
    ['#', 'delete'],
    ['I', 'markRead'],
    ['U', 'markUnread'],
  ])('%s runs %s on the message under the cursor', async (key, kind) => {
    const user = setup();
    await user.keyboard(key);
    expect(dataMock.applyAction).toHaveBeenLastCalledWith(kind, ['m1'], undefined);
  });

  it('s and ! toggle the flag', async () => {
    const user = setup();
    await user.keyboard('s');
    expect(dataMock.applyAction).toHaveBeenLastCalledWith('flag', ['m1'], undefined);
    await user.keyboard('j!');
    expect(dataMock.applyAction).toHaveBeenLastCalledWith('unflag', ['m2'], undefined);
  });

  it('x selects, and actions then use the selection', async () => {
    const user = setup();
    await user.keyboard('xjjx');
    expect(screen.getByText('2 selected')).toBeTruthy();
    await user.keyboard('e');
    expect(dataMock.applyAction).toHaveBeenLastCalledWith('archive', ['m1', 'm3'], undefined);
  });

  it('v opens Move to…, and other shortcuts wait while a dialog is open', async () => {
    const user = setup();
    await user.keyboard('v');
    const dialog = await screen.findByRole('dialog', { name: 'Move to folder' });
    await user.keyboard('e');
    expect(dataMock.applyAction).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(dialog.isConnected).toBe(false);
  });

  it('? lists every shortcut', async () => {
    const user = setup();
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const text of [
      'Next message',
      'Archive',
      'Delete',
      'Mark as read',
      'Mark as unread',
      'Move to…',
      'Flag or unflag',
    ]) {
      expect(within(dialog).getByText(text)).toBeTruthy();
    }
    expect(document.activeElement?.closest('[role="dialog"]')).toBe(dialog);
  });

  it('is ignored while typing', async () => {
    const user = setup();
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    await user.keyboard('e#j');
    expect(dataMock.applyAction).not.toHaveBeenCalled();
    input.remove();
  });
});
