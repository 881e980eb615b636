import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OFFLINE_SETTINGS, dataMock } from '../test-support/data-mock.ts';
import { SettingsButton } from './settings-button.tsx';
import { UpdateBanner } from './update-banner.tsx';

vi.mock('../../data/index.ts', () =>
  import('../test-support/data-mock.ts').then((m) => m.dataMock),
);

afterEach(() => {
  cleanup();
  vi.resetAllMocks();
});

const MB = 1024 * 1024;

async function openSettings() {
  const user = userEvent.setup();
  render(<SettingsButton />);
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  return { user, dialog: await screen.findByRole('dialog', { name: 'Settings' }) };
}

describe('Settings', () => {
  it('shows the offline cache, the storage estimate and persistence', async () => {
    dataMock.useStorageInfo.mockReturnValue({
      info: {
        usage: 12 * MB,
        quota: 2048 * MB,
        persisted: true,
        cache: { messages: 42, bytes: 3 * MB },
      },
      refresh: () => {},
    });
    const { dialog } = await openSettings();
    expect(dialog.textContent).toContain('42 messages, 3 MB of 50 MB');
    expect(dialog.textContent).toContain('12 MB of 2 GB available');
    expect(dialog.textContent).toContain('Granted: the browser keeps offline mail.');
  });

  it('asks for persistent storage again when it was not granted', async () => {
    const refresh = vi.fn();
    dataMock.useStorageInfo.mockReturnValue({
      info: { usage: null, quota: null, persisted: false, cache: null },
      refresh,
    });
    const { user, dialog } = await openSettings();
    expect(dialog.textContent).toContain('Not granted');
    expect(dialog.textContent).toContain('The browser does not say.');
    await user.click(within(dialog).getByRole('button', { name: 'Ask again' }));
    expect(dataMock.requestPersistentStorage).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalled();
  });

  it('saves the prefetch settings', async () => {
    const { user, dialog } = await openSettings();
    await user.click(within(dialog).getByRole('radio', { name: /The newest/ }));
    const count = within(dialog).getByRole('spinbutton', { name: 'Messages' });
    await user.clear(count);
    await user.type(count, '150');
    const cap = within(dialog).getByRole('spinbutton', { name: 'Storage limit (MB)' });
    await user.clear(cap);
    await user.type(cap, '200');
    await user.click(within(dialog).getByRole('checkbox', { name: /attachments up to 1 MB/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(dataMock.saveOfflineSettings).toHaveBeenCalledWith({
      ...OFFLINE_SETTINGS,
      scope: { kind: 'count', count: 150 },
      capMb: 200,
      saveAttachments: false,
    });
    expect(within(dialog).getByRole('status').textContent).toBe('Saved.');
  });

  it('says when the settings could not be saved', async () => {
    dataMock.saveOfflineSettings.mockReturnValue(false);
    const { user, dialog } = await openSettings();
    const cap = within(dialog).getByRole('spinbutton', { name: 'Storage limit (MB)' });
    await user.clear(cap);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('status').textContent).toMatch(/^Not saved/);
  });

  it('turns background downloads off as a whole', async () => {
    const { user, dialog } = await openSettings();
    await user.click(within(dialog).getByRole('checkbox', { name: /Download Inbox mail/ }));
    expect(within(dialog).getByRole('group', { name: 'Which messages' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(dataMock.saveOfflineSettings).toHaveBeenCalledWith({
      ...OFFLINE_SETTINGS,
      prefetch: false,
    });
  });
});

describe('UpdateBanner', () => {
  it('offers to reload into the new version, or later', async () => {
    const user = userEvent.setup();
    const onReload = vi.fn();
    const onDismiss = vi.fn();
    render(<UpdateBanner onReload={onReload} onDismiss={onDismiss} />);
    expect(screen.getByRole('status').textContent).toContain('A new version is available.');
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await user.click(screen.getByRole('button', { name: 'Later' }));
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });
});
