import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { LoginRequestSchema } from '@petrel/contract';
import { login } from '../../data/index.ts';
import { whenIdle } from '../../app/when-idle.ts';
import { prepareFormatters } from '../ui/format.ts';
import { loginErrorText } from './login-errors.ts';

/**
 * The password is read from the field only when the form is sent and the field is cleared
 * after every attempt: no state, storage or variable keeps it beyond the request.
 */
export function LoginScreen({ notice = null }: { notice?: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  // While the user types: the mail list's formatters then cost nothing after sign-in.
  useEffect(() => whenIdle(prepareFormatters), []);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const request = LoginRequestSchema.safeParse({
      email: String(data.get('email') ?? '').trim(),
      password: String(data.get('password') ?? ''),
    });
    if (!request.success) {
      setError(request.error.issues[0]?.message ?? 'Enter your email address and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await login(request.data.email, request.data.password);
      if (!result.ok) setError(loginErrorText(result.code, result.message));
    } catch {
      setError(loginErrorText('network', ''));
    } finally {
      setBusy(false);
      if (passwordRef.current !== null) {
        passwordRef.current.value = '';
        passwordRef.current.focus();
      }
    }
  };

  return (
    <main className="login">
      <h1 className="brand">Petrel</h1>
      <form
        className="login-form"
        noValidate
        onSubmit={(event) => void onSubmit(event)}
        aria-describedby={error ? errorId : undefined}
      >
        <h2>Sign in to your mail</h2>
        {notice !== null && <p className="login-notice">{notice}</p>}
        <label htmlFor="login-email">Email</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
        />
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {error !== null && (
          <p id={errorId} role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
