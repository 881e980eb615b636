import { ERROR_MESSAGES } from '@petrel/contract';

/** Words for what went wrong when signing in, by error code (contract codes plus `network`). */
const LOGIN_ERRORS: Partial<Record<string, string>> = {
  invalid_credentials: 'Wrong email address or password. Check both and try again.',
  imap_unavailable:
    'The mail server cannot be reached right now. Please try again in a few minutes.',
  too_many_connections: ERROR_MESSAGES.too_many_connections,
  rate_limited: 'Too many sign-in attempts. Wait a minute, then try again.',
  network: 'Petrel cannot be reached. Check your internet connection and try again.',
};

export function loginErrorText(code: string, message: string): string {
  return LOGIN_ERRORS[code] ?? (message || 'Signing in did not work. Please try again.');
}
