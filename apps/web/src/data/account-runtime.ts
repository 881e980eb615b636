import { liveQuery } from 'dexie';
import type { Api } from '../api/api.ts';
import { PetrelDb, databaseName } from '../db/schema.ts';
import { SyncEngine } from '../sync/engine.ts';
import type { HeadStart } from '../sync/head-start.ts';
import type { OpenEventSource, Timers } from '../sync/event-stream.ts';
import { electLeader } from '../sync/leader.ts';
import type { LockManagerLike } from '../sync/leader.ts';
import { markForResync } from '../sync/listing.ts';
import { Replayer } from '../sync/replay.ts';
import { createStore } from '../sync/store.ts';
import type { Store } from '../sync/store.ts';
import { createTabChannel } from '../sync/tab-channel.ts';
import type { BroadcastChannelLike, TabMessage } from '../sync/tab-channel.ts';
import type { SyncStatus } from './types.ts';

/** Browser facilities, passed in so the runtime can be built in tests. */
export interface RuntimeEnv {
  api: Api;
  locks: LockManagerLike | undefined;
  channel: (name: string) => BroadcastChannelLike | null;
  openEventSource: OpenEventSource;
  timers: Timers;
  /** Subscribes to the browser's online/offline events. */
  onConnectivity: (listener: (online: boolean) => void) => () => void;
  /** navigator.onLine: false means surely offline (true only means "maybe"). */
  isOnline: () => boolean;
  /** The server ended the session (sync saw 401). */
  onAuthLost: () => void;
  /** Another tab signed out of this account. */
  onSignedOutElsewhere: () => void;
}

/** Everything that lives as long as one signed-in account in this tab. */
export interface Runtime {
  email: string;
  db: PetrelDb;
  status: Store<SyncStatus>;
  /** Joins leader election; the leader runs the sync engine. Idempotent. */
  startSync(): void;
  resyncFolder(folder: string): Promise<void>;
  /** Sends the outbox now (in the leader tab, wherever this is called); `force` skips the backoff. */
  replay(force?: boolean): void;
  /** Tells other tabs this account signed out. */
  announceSignOut(): void;
  close(): void;
}

export const INITIAL_STATUS: SyncStatus = {
  connection: 'connecting',
  progress: null,
  lastSyncAt: null,
  error: null,
  synced: null,
};

/** What a sign-in through the form has already started (see session.ts login). */
export interface SignInStart {
  /** The account's database, opened during the sign-in request (db/early-open.ts). */
  db?: PetrelDb;
  /** The first sync's requests, sent when the sign-in succeeded (sync/head-start.ts). */
  headStart?: HeadStart;
}

export function createRuntime(email: string, env: RuntimeEnv, start: SignInStart = {}): Runtime {
  const db = start.db ?? new PetrelDb(databaseName(email));
  // Opened now, not at the first query after the shell rendered: reading or creating the
  // database then overlaps rendering and the first requests.
  db.open().catch(() => undefined);
  let firstSyncRequests = start.headStart ?? null;
  const status = createStore<SyncStatus>(
    env.isOnline() ? INITIAL_STATUS : { ...INITIAL_STATUS, connection: 'offline' },
  );
  const channel = createTabChannel(env.channel(`petrel:${email.toLowerCase()}`));
  let engine: SyncEngine | null = null;
  let replayer: Replayer | null = null;
  let resign: (() => void) | null = null;
  const cleanups: Array<() => void> = [];

  const onMessage = (message: TabMessage) => {
    if (message.type === 'signedOut') env.onSignedOutElsewhere();
    else if (engine && message.type === 'statusRequest')
      channel.post({ type: 'status', status: status.get() });
    else if (engine && message.type === 'syncRequest') void engine.syncAll();
    else if (message.type === 'replayRequest') void replayer?.kick(message.force);
    else if (!engine && message.type === 'status') {
      status.set(message.status);
      // The leader found the session over: this tab signs in again too, keeping the cache.
      if (message.status.connection === 'authLost') env.onAuthLost();
    }
  };

  const lead = () => {
    const leader = new SyncEngine({
      api: env.api,
      db,
      status,
      openEventSource: env.openEventSource,
      timers: env.timers,
      onAuthLost: env.onAuthLost,
      headStart: firstSyncRequests,
      onEvent: (event) => {
        channel.post({ type: 'event', event });
        // The stream (re)connected: the server is reachable, so is the action route.
        if (event.type === 'hello') void outbox.kick(true);
      },
    });
    const outbox = new Replayer({
      api: env.api,
      db,
      timers: env.timers,
      online: env.isOnline,
      resyncFolder: (folder) => leader.resyncFolder(folder),
      onConnection: (state) => {
        if (state === 'offline') status.update({ connection: 'offline' });
        else if (status.get().connection === 'offline') status.update({ connection: 'online' });
      },
      onAuthLost: () => {
        status.update({ connection: 'authLost', error: 'Please sign in again.' });
        leader.stop();
        env.onAuthLost();
      },
      onSynced: (count) => status.update({ synced: { count, at: Date.now() } }),
    });
    firstSyncRequests = null;
    engine = leader;
    replayer = outbox;
    const stopMirroring = status.subscribe(() =>
      channel.post({ type: 'status', status: status.get() }),
    );
    const stopConnectivity = env.onConnectivity((online) => {
      if (online) {
        leader.wake();
        void outbox.kick(true);
      } else {
        status.update({ connection: 'offline' });
        outbox.noteOffline();
      }
    });
    void leader.start();
    void outbox.start();
    return () => {
      stopMirroring();
      stopConnectivity();
      leader.stop();
      outbox.stop();
      engine = null;
      replayer = null;
    };
  };

  return {
    email,
    db,
    status,
    startSync() {
      if (resign) return;
      cleanups.push(channel.subscribe(onMessage));
      resign = electLeader(env.locks, lead);
      if (!engine) channel.post({ type: 'statusRequest' });
    },
    async resyncFolder(folder) {
      if (engine) return engine.resyncFolder(folder);
      // A follower marks the folder and lets the leader's pager list it; done when the
      // phase is back to idle (observed through the shared database).
      await markForResync(db, folder);
      channel.post({ type: 'syncRequest' });
      await waitUntilIdle(db, folder);
    },
    replay(force = false) {
      if (replayer) void replayer.kick(force);
      else channel.post({ type: 'replayRequest', force });
    },
    announceSignOut: () => channel.post({ type: 'signedOut' }),
    close() {
      resign?.();
      resign = null;
      for (const cleanup of cleanups.splice(0)) cleanup();
      channel.close();
      db.close();
    },
  };
}

function waitUntilIdle(db: PetrelDb, folder: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const subscription = liveQuery(() => db.syncState.get(folder)).subscribe({
      next: (sync) => {
        if (sync && sync.phase !== 'idle') return;
        queueMicrotask(() => subscription.unsubscribe());
        resolve();
      },
      error: reject,
    });
  });
}
