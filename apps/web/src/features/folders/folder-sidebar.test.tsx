import { cleanup, createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CachedFolder } from '../../data/index.ts';
import { FOLDERS, folder } from '../test-support/data-mock.ts';
import { MESSAGE_DRAG_TYPE } from '../mailbox/message-drag.ts';
import { FolderSidebar } from './folder-sidebar.tsx';

afterEach(cleanup);

/** `folders: null` renders the still-loading state. */
function renderSidebar(current = 'INBOX', folders: readonly CachedFolder[] | null = FOLDERS) {
  const onDropMessages = vi.fn();
  render(
    <FolderSidebar
      folders={folders ?? undefined}
      current={current}
      hrefFor={(path) => `#/folder/${encodeURIComponent(path)}`}
      onDropMessages={onDropMessages}
      onNavigate={() => {}}
    />,
  );
  return { nav: screen.getByRole('navigation', { name: 'Folders' }), onDropMessages };
}

/** A DataTransfer-like object; jsdom has none. */
function transfer(data: Record<string, string>) {
  return {
    types: Object.keys(data),
    getData: (type: string) => data[type] ?? '',
    dropEffect: 'none',
  };
}

describe('FolderSidebar', () => {
  it('lists special-use folders first, with their usual names, then user folders as a tree', () => {
    const { nav } = renderSidebar();
    const names = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(names).toEqual([
      'Inbox',
      'Drafts',
      'Sent',
      'Archive',
      'Junk',
      'Trash',
      'Newsletters',
      'Projects',
      '2024',
    ]);
    const projects = within(nav).getByRole('link', { name: 'Projects' }).closest('li');
    expect(within(projects as HTMLElement).getByRole('link', { name: '2024' })).toBeTruthy();
  });

  it('names links after the folder and describes the unread count', () => {
    const { nav } = renderSidebar();
    const inbox = within(nav).getByRole('link', { name: 'Inbox' });
    expect(inbox.getAttribute('href')).toBe('#/folder/INBOX');
    expect(inbox.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(inbox.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      '12 unread',
    );
    expect(
      within(nav).getByRole('link', { name: '2024' }).getAttribute('aria-describedby'),
    ).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Sent' }).hasAttribute('aria-describedby')).toBe(
      false,
    );
  });

  it('marks the current folder', () => {
    const { nav } = renderSidebar('Projects/2024');
    expect(within(nav).getByRole('link', { name: '2024' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'Inbox' }).hasAttribute('aria-current')).toBe(
      false,
    );
  });

  it('shows a folder that cannot hold mail as text, not a link', () => {
    const { nav } = renderSidebar('INBOX', [
      folder('Shared', { selectable: false }),
      folder('Shared/Team'),
    ]);
    expect(within(nav).queryByRole('link', { name: 'Shared' })).toBeNull();
    expect(within(nav).getByText('Shared')).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Team' })).toBeTruthy();
  });

  it('says when folders are still loading', () => {
    renderSidebar('INBOX', null);
    expect(screen.getByText('Loading folders…')).toBeTruthy();
  });

  it('takes dropped message rows and moves them', () => {
    const { nav, onDropMessages } = renderSidebar();
    const projects = within(nav).getByRole('link', { name: 'Projects' });
    const payload = transfer({ [MESSAGE_DRAG_TYPE]: JSON.stringify(['m1', 'm2']) });
    const over = createEvent.dragOver(projects);
    Object.defineProperty(over, 'dataTransfer', { value: payload });
    fireEvent(projects, over);
    expect(over.defaultPrevented).toBe(true);
    const drop = createEvent.drop(projects);
    Object.defineProperty(drop, 'dataTransfer', { value: payload });
    fireEvent(projects, drop);
    expect(onDropMessages).toHaveBeenCalledWith('Projects', ['m1', 'm2']);
  });

  it('ignores drags that are not message rows, and drops on the current folder', () => {
    const { nav, onDropMessages } = renderSidebar();
    const projects = within(nav).getByRole('link', { name: 'Projects' });
    const over = createEvent.dragOver(projects);
    Object.defineProperty(over, 'dataTransfer', { value: transfer({ 'text/plain': 'hello' }) });
    fireEvent(projects, over);
    expect(over.defaultPrevented).toBe(false);
    const inbox = within(nav).getByRole('link', { name: 'Inbox' });
    const drop = createEvent.drop(inbox);
    Object.defineProperty(drop, 'dataTransfer', {
      value: transfer({ [MESSAGE_DRAG_TYPE]: '["m1"]' }),
    });
    fireEvent(inbox, drop);
    expect(onDropMessages).not.toHaveBeenCalled();
  });
});
