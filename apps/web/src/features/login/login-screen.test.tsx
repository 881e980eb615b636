import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataMock } from '../test-support/data-mock.ts';
import { LoginScreen } from './login-screen.tsx';

vi.mock('../../data/index.ts', () =>
  import('../test-support/data-mock.ts').then((m) => m.dataMock),
);

afterEach(() => {
  cleanup();
  vi.resetAllMocks();
});

async function signIn(email: string, password: string) {
  const user = userEvent.setup();
  render(<LoginScreen />);
  await user.type(screen.getByLabelText('Email'), email);
  if (password !== '') await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginScreen', () => {
  it('has labelled fields and a Sign in button, and signs in', async () => {
    await signIn('ada@petrel.test', 'secret');
    expect(dataMock.login).toHaveBeenCalledWith('ada@petrel.test', 'secret');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it.each([
    ['invalid_credentials', 'Wrong email address or password. Check both and try again.'],
    [
      'imap_unavailable',
      'The mail server cannot be reached right now. Please try again in a few minutes.',
    ],
    ['rate_limited', 'Too many sign-in attempts. Wait a minute, then try again.'],
    ['network', 'Petrel cannot be reached. Check your internet connection and try again.'],
  ])('explains %s in words', async (code, text) => {
    dataMock.login.mockResolvedValue({ ok: false, code, message: 'raw server text' });
    await signIn('ada@petrel.test', 'wrong');
    expect(screen.getByRole('alert').textContent).toBe(text);
  });

  it('shows the server message for codes it has no words for', async () => {
    dataMock.login.mockResolvedValue({
      ok: false,
      code: 'internal',
      message: 'Something went wrong on the server.',
    });
    await signIn('ada@petrel.test', 'pw');
    expect(screen.getByRole('alert').textContent).toBe('Something went wrong on the server.');
  });

  it('reports a thrown request as the network being down', async () => {
    dataMock.login.mockRejectedValue(new TypeError('Failed to fetch'));
    await signIn('ada@petrel.test', 'pw');
    expect(screen.getByRole('alert').textContent).toContain('Check your internet connection');
  });

  it('keeps no password after an attempt', async () => {
    dataMock.login.mockResolvedValue({ ok: false, code: 'invalid_credentials', message: '' });
    await signIn('ada@petrel.test', 'hunter2');
    const password = screen.getByLabelText<HTMLInputElement>('Password');
    expect(password.value).toBe('');
    expect(document.activeElement).toBe(password);
    expect(document.body.innerHTML).not.toContain('hunter2');
    expect(JSON.stringify({ ...localStorage })).not.toContain('hunter2');
  });

  it('checks the fields before sending', async () => {
    await signIn('not-an-email', 'pw');
    expect(screen.getByRole('alert').textContent).toBe('Enter a valid email address');
    cleanup();
    await signIn('ada@petrel.test', '');
    expect(screen.getByRole('alert').textContent).toBe('Enter your password');
    expect(dataMock.login).not.toHaveBeenCalled();
  });
});
