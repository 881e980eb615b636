import { liveQuery } from 'dexie';
import type { Api } from '../api/api.ts';
import type { SyncStatus } from '../data/types.ts';
import type { PetrelDb } from '../db/schema.ts';
import { electLeader } from './leader.ts';
import type { LockManagerLike } from './leader.ts';
import { inboxNewestFirst } from './prefetch-inventory.ts';
import { Prefetcher } from './prefetch-runner.ts';
import { readOfflineSettings, subscribeOfflineSettings } from './prefetch-settings.ts';
import type { Store } from './store.ts';

/** The user counts as acting for this long after a key, click, touch or wheel. */
export const QUIET_MS = 4_000;
/** Pause between two background requests, so they never queue up before the user's. */
export const GAP_MS = 300;
const FIRST_PASS_DELAY_MS = 5_000;
const TRIGGER_DELAY_MS = 2_000;
/** Eviction after reading, and anything a trigger missed, waits at most this long. */
const PERIODIC_PASS_MS = 10 * 60_000;

export interface PrefetchEnv {
  email: string;
  db: PetrelDb;
  status: Store<SyncStatus>;
  api: Pick<Api, 'getMessage'>;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  locks: LockManagerLike | undefined;
}

/**
 * Keeps the offline cache in the background while signed in, in one tab at a time: the
 * tab holding `petrel-prefetch:<email>` (the leader election of leader.ts, under a lock of
 * its own, so prefetching never holds up the sync leader's hand-over). Passes run after
 * start, when sync goes quiet or back online, when new mail tops the Inbox, when the
 * settings change, and every few minutes. Returns the function that stops it.
 */
export function startPrefetch(env: PrefetchEnv): () => void {
  const lock = `petrel-prefetch:${env.email.toLowerCase()}`;
  const browserLocks = env.locks;
  const locks: LockManagerLike | undefined = browserLocks && {
    request: (_name, options, callback) => browserLocks.request(lock, options, callback),
  };
  return electLeader(locks, () => runPrefetcher(env));
}

/**
 * Waits until a background request is welcome: online, the user idle for QUIET_MS, sync
 * not listing and no action of the user on its way to the server. Resolves false when it never will be
 * in this pass (offline, stopped): the next trigger starts a new pass.
 */
export function politeGate(deps: {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  lastActivity: () => number;
  online: () => boolean;
  busy: () => Promise<boolean>;
  stopped: () => boolean;
}): () => Promise<boolean> {
  return async () => {
    for (;;) {
      if (deps.stopped() || !deps.online()) return false;
      const quiet = deps.now() - deps.lastActivity();
      if (quiet >= QUIET_MS && !(await deps.busy())) {
        await deps.sleep(GAP_MS);
        return !deps.stopped() && deps.online();
      }
      await deps.sleep(Math.max(QUIET_MS - quiet, 1_000));
    }
  };
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

function runPrefetcher(env: PrefetchEnv): () => void {
  let stopped = false;
  let lastActivity = Date.now();
  const onActivity = () => {
    lastActivity = Date.now();
  };
  const mayProceed = politeGate({
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => window.setTimeout(resolve, ms)),
    lastActivity: () => lastActivity,
    online: () => navigator.onLine && env.status.get().connection === 'online',
    busy: async () =>
      env.status.get().progress !== null ||
      (await env.db.outbox.where('status').equals('sending').count()) > 0,
    stopped: () => stopped,
  });
  const prefetcher = new Prefetcher({
    db: env.db,
    api: env.api,
    fetch: env.fetch,
    now: Date.now,
    settings: () => readOfflineSettings(env.email),
    mayProceed,
  });

  let timer: number | null = null;
  let running = false;
  let again = false;
  const schedule = (delay: number) => {
    if (stopped || timer !== null) return;
    timer = window.setTimeout(() => {
      timer = null;
      void runPass();
    }, delay);
  };
  const runPass = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await prefetcher.pass();
    } catch {
      // A local failure (e.g. the database closed on sign-out); the next trigger retries.
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule(TRIGGER_DELAY_MS);
      }
    }
  };

  for (const type of ACTIVITY_EVENTS) {
    window.addEventListener(type, onActivity, { capture: true, passive: true });
  }
  let previous = env.status.get();
  const stopStatus = env.status.subscribe(() => {
    const status = env.status.get();
    const cameOnline = status.connection === 'online' && previous.connection !== 'online';
    const syncQuiet = status.progress === null && previous.progress !== null;
    previous = status;
    if (cameOnline || syncQuiet) schedule(TRIGGER_DELAY_MS);
  });
  const stopSettings = subscribeOfflineSettings(() => schedule(TRIGGER_DELAY_MS));
  let newest: string | undefined;
  const newMail = liveQuery(() => inboxNewestFirst(env.db, 1)).subscribe({
    next: ([row]) => {
      if (row?.id !== newest) schedule(TRIGGER_DELAY_MS);
      newest = row?.id;
    },
  });
  const periodic = window.setInterval(() => schedule(0), PERIODIC_PASS_MS);
  schedule(FIRST_PASS_DELAY_MS);

  return () => {
    stopped = true;
    if (timer !== null) window.clearTimeout(timer);
    window.clearInterval(periodic);
    newMail.unsubscribe();
    stopSettings();
    stopStatus();
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, true);
  };
}
