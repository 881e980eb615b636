import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataMock, stubLayout } from '../features/test-support/data-mock.ts';
import { App } from './app.tsx';

vi.mock('../data/index.ts', () =>
  import('../features/test-support/data-mock.ts').then((m) => m.dataMock),
);

afterEach(() => {
  cleanup();
  vi.resetAllMocks();
  vi.restoreAllMocks();
});

describe('App', () => {
  it('shows the name while the account loads', () => {
    dataMock.useAccount.mockReturnValue({ account: null, loading: true, reason: null });
    render(<App />);
    expect(screen.getByRole('heading', { name: 'Petrel' })).toBeTruthy();
    expect(dataMock.startSync).not.toHaveBeenCalled();
  });

  it('asks to sign in when signed out', () => {
    dataMock.useAccount.mockReturnValue({ account: null, loading: false, reason: null });
    render(<App />);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Folders' })).toBeNull();
    expect(dataMock.startSync).not.toHaveBeenCalled();
  });

  it('shows the mail view when signed in, and signs out', () => {
    stubLayout();
    render(<App />);
    expect(screen.getByRole('navigation', { name: 'Folders' })).toBeTruthy();
    expect(screen.getByText('ada@petrel.test')).toBeTruthy();
    screen.getByRole('button', { name: 'Sign out' }).click();
    expect(dataMock.logout).toHaveBeenCalledTimes(1);
  });

  it('turns a crash into a readable message', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    dataMock.useFolders.mockImplementation(() => {
      throw new Error('The local database could not be opened');
    });
    render(<App />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Something went wrong');
    expect(alert.textContent).toContain('The local database could not be opened');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });
});
