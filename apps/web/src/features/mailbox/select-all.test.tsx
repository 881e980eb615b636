import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageListView } from '../../data/index.ts';
import { message } from '../test-support/data-mock.ts';
import { ListHeader } from './list-header.tsx';
import { useSelection } from './use-selection.ts';
import type { Selection } from './use-selection.ts';

afterEach(cleanup);

const TOTAL = 100_000;

/** 100,000 messages of which only the newest 50 are loaded, like a long folder. */
function bigFolder(): MessageListView {
  return {
    count: TOTAL,
    rowAt: (index) => (index < 50 ? message(index) : undefined),
    setWindow: vi.fn(),
    allIds: vi.fn(async () => Array.from({ length: TOTAL }, (_, index) => `m${index}`)),
    ready: true,
  };
}

function Harness({
  view,
  onSelection,
}: {
  view: MessageListView;
  onSelection: (s: Selection) => void;
}) {
  const selection = useSelection('INBOX', view);
  onSelection(selection);
  return (
    <ListHeader
      title="Inbox"
      count={view.count}
      selectedCount={selection.ids.size}
      onToggleAll={selection.toggleAll}
      onResync={() => {}}
    />
  );
}

describe('select all in a big folder', () => {
  it('selects every message of the folder, not just the loaded rows, and clears again', async () => {
    const user = userEvent.setup();
    const view = bigFolder();
    let selection: Selection | undefined;
    render(<Harness view={view} onSelection={(s) => (selection = s)} />);
    const all = screen.getByRole('checkbox', { name: 'Select all messages' });

    await user.click(all);
    await waitFor(() => expect(screen.getByText('All 100,000 selected')).toBeTruthy());
    expect(all).toHaveProperty('checked', true);
    expect(selection?.ids.size).toBe(TOTAL);
    // Ids keep their row index, so the rows can be found again.
    expect(selection?.ids.get('m99999')).toBe(99_999);

    await user.click(all);
    expect(screen.getByText('100,000 messages')).toBeTruthy();
    expect(selection?.ids.size).toBe(0);
  });

  it('selects the loaded rows at once, and lets a later change win over ids read late', async () => {
    const user = userEvent.setup();
    const view = bigFolder();
    let release = () => {};
    vi.mocked(view.allIds).mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          release = () => resolve(['m0', 'm1', 'm2']);
        }),
    );
    let selection: Selection | undefined;
    render(<Harness view={view} onSelection={(s) => (selection = s)} />);
    await user.click(screen.getByRole('checkbox', { name: 'Select all messages' }));
    expect(selection?.ids.size).toBe(50);
    act(() => selection?.clear());
    await act(async () => release());
    expect(selection?.ids.size).toBe(0);
  });

  it('says how many are selected when only some are', async () => {
    const user = userEvent.setup();
    let selection: Selection | undefined;
    render(<Harness view={bigFolder()} onSelection={(s) => (selection = s)} />);
    await user.click(screen.getByRole('checkbox', { name: 'Select all messages' }));
    await waitFor(() => expect(selection?.ids.size).toBe(TOTAL));
    act(() => selection?.toggle(3, 'm3'));
    await waitFor(() => expect(screen.getByText('99,999 selected')).toBeTruthy());
    expect(screen.getByRole('checkbox', { name: 'Select all messages' })).toHaveProperty(
      'indeterminate',
      true,
    );
  });
});
