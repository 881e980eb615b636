import { LoginRequestSchema } from '@petrel/contract';
import { useSyncExternalStore } from 'react';
import { createApi } from '../api/api.ts';
import { openEarly } from '../db/early-open.ts';
import { errorMessage, isApiError } from '../api/errors.ts';
import { startHeadStart } from '../sync/head-start.ts';
import { createStore } from '../sync/store.ts';
import { createRuntime } from './account-runtime.ts';
import type { Runtime, RuntimeEnv, SignInStart } from './account-runtime.ts';
import type { Account } from './types.ts';

/**
 * Who is signed in, and the runtime (database, sync) of that account in this tab.
 *
 * Offline-first: the last account's email is remembered in localStorage (not a secret;
 * the session itself is an HttpOnly cookie), so a reload without network opens the cached
 * mail at once. The server is asked in the background; only a definite 401 signs the tab
 * out, and even then the cache stays until an explicit logout.
 */
interface SessionState {
  account: Account | null;
  loading: boolean;
  runtime: Runtime | null;
  /** Why the login form shows, when it is not a first sign-in (e.g. the session expired). */
  reason: string | null;
}

const ACCOUNT_KEY = 'petrel.account';
const PROTOCOL_MESSAGE = 'Petrel was updated. Reload the page to continue.';
const EXPIRED_MESSAGE =
  'Your session has ended. Sign in again: changes you made are kept and will be sent.';

export const session = createStore<SessionState>({
  account: null,
  loading: true,
  runtime: null,
  reason: null,
});

export const api = createApi({
  fetch: (input, init) => fetch(input, init),
  onNewerProtocol: () => session.get().runtime?.status.update({ error: PROTOCOL_MESSAGE }),
});

let booted = false;
/** The shell asked for sync; a runtime created later (re-login) starts syncing by itself. */
let syncWanted = false;

export function useAccount(): { account: Account | null; loading: boolean; reason: string | null } {
  boot();
  const state = useSyncExternalStore(session.subscribe, session.get);
  return { account: state.account, loading: state.loading, reason: state.reason };
}

export function useRuntime(): Runtime | null {
  boot();
  return useSyncExternalStore(session.subscribe, () => session.get().runtime);
}

export async function login(
  email: string,
  password: string,
): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  const request = LoginRequestSchema.safeParse({ email, password });
  if (!request.success) {
    return {
      ok: false,
      code: 'bad_request',
      message: request.error.issues[0]?.message ?? 'Check the form.',
    };
  }
  const early = openEarly(request.data.email);
  try {
    const { user } = await api.login(request.data);
    const opened = early.isFor(user.email);
    if (!opened) void early.discard();
    // Signed in through the form: sync starts now, not once the shell has read an empty
    // list (that wait is for a reload, whose cached rows come first).
    syncWanted = true;
    signIn(user.email, {
      headStart: startHeadStart(api),
      ...(opened ? { db: early.db } : {}),
    });
    return { ok: true };
  } catch (error) {
    void early.discard();
    return {
      ok: false,
      code: isApiError(error) ? error.code : 'internal',
      message: errorMessage(error),
    };
  }
}

const signOutListeners = new Set<() => void>();

/**
 * Calls `listener` whenever this tab signs out (logout, an ended session, another tab's
 * logout): for what the page holds of the account's mail outside the database.
 */
export function onSignOut(listener: () => void): () => void {
  signOutListeners.add(listener);
  return () => signOutListeners.delete(listener);
}

function announceSignOutHere(): void {
  for (const listener of signOutListeners) listener();
}

/**
 * Signs out here, then on the server (best effort: offline still signs out here), then deletes
 * the cache. Here first: the runtime is closed before the server ends the session, so no
 * request of its gets the 401 of that ending and reads it as an expired session.
 */
export async function logout(): Promise<void> {
  const { runtime } = session.get();
  syncWanted = false;
  localStorage.removeItem(ACCOUNT_KEY);
  session.set({ account: null, loading: false, runtime: null, reason: null });
  announceSignOutHere();
  runtime?.announceSignOut();
  runtime?.close();
  await api.logout().catch(() => undefined);
  await runtime?.db.delete();
}

/** Called by the app shell once signed in; idempotent. */
export function startSync(): void {
  syncWanted = true;
  session.get().runtime?.startSync();
}

function boot(): void {
  if (booted) return;
  booted = true;
  const remembered = localStorage.getItem(ACCOUNT_KEY);
  if (remembered) signIn(remembered);
  void api.getSession().then(
    ({ user }) => {
      if (session.get().account?.email !== user.email) signIn(user.email);
    },
    (error: unknown) => {
      // A definite 401: forget the account so the next load does not flash its mail;
      // the cache stays for when the same user signs in again.
      if (isApiError(error, 'unauthenticated')) {
        localStorage.removeItem(ACCOUNT_KEY);
        signOutLocally();
      } else if (!remembered) session.update({ loading: false });
    },
  );
}

function signIn(email: string, start: SignInStart = {}): void {
  // Also after an auth loss with the same email: the old runtime's engine has stopped.
  session.get().runtime?.close();
  localStorage.setItem(ACCOUNT_KEY, email);
  let runtime: Runtime | null = null;
  // A closed runtime can still report (a request answered after it closed): only the tab's
  // current one may sign the tab out, never a later sign-in's.
  const isCurrent = () => runtime !== null && session.get().runtime === runtime;
  runtime = createRuntime(email, browserEnv(isCurrent), start);
  session.set({ account: { email }, loading: false, runtime, reason: null });
  if (syncWanted) runtime.startSync();
}

/**
 * The session ended on the server: back to the login form, keeping the cache and the
 * outbox, which the same account's next sign-in picks up.
 */
function signOutLocally(reason: string | null = null): void {
  session.get().runtime?.close();
  session.set({ account: null, loading: false, runtime: null, reason });
  announceSignOutHere();
}

function browserEnv(isCurrent: () => boolean): RuntimeEnv {
  return {
    api,
    locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined,
    channel: (name) =>
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name),
    openEventSource: (url) => new EventSource(url),
    timers: {
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
    },
    onConnectivity: (listener) => {
      const online = () => listener(true);
      const offline = () => listener(false);
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
      };
    },
    isOnline: () => navigator.onLine,
    onAuthLost: () => {
      if (!isCurrent()) return;
      localStorage.removeItem(ACCOUNT_KEY);
      // Deferred: the runtime that reports the loss is closed by this.
      queueMicrotask(() => signOutLocally(EXPIRED_MESSAGE));
    },
    onSignedOutElsewhere: () => {
      if (!isCurrent()) return;
      localStorage.removeItem(ACCOUNT_KEY);
      signOutLocally();
    },
  };
}
