import { liveQuery } from 'dexie';
import type { Api } from '../api/api.ts';
import { PetrelDb, databaseName } from '../db/schema.ts';
import { SyncEngine } from '../sync/engine.ts';
import type { OpenEventSource, Timers } from '../sync/event-stream.ts';
import { electLeader } from '../sync/leader.ts';
import type { LockManagerLike } from '../sync/leader.ts';
import { markForResync } from '../sync/listing.ts';
import { recoverOutbox } from '../sync/outbox.ts';
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
  /** Tells other tabs this account signed out. */
  announceSignOut(): void;
  close(): void;
}

export const INITIAL_STATUS: SyncStatus = {
  connection: 'connecting',
  progress: null,
  lastSyncAt: null,
  error: null,
};

export function createRuntime(email: string, env: RuntimeEnv): Runtime {
  const db = new PetrelDb(databaseName(email));
  const status = createStore<SyncStatus>(INITIAL_STATUS);
  const channel = createTabChannel(env.channel(`petrel:${email.toLowerCase()}`));
  let engine: SyncEngine | null = null;
  let resign: (() => void) | null = null;
  const cleanups: Array<() => void> = [];

  const onMessage = (message: TabMessage) => {
    if (message.type === 'signedOut') env.onSignedOutElsewhere();
    else if (engine && message.type === 'statusRequest')
      channel.post({ type: 'status', status: status.get() });
    else if (engine && message.type === 'syncRequest') void engine.syncAll();
    else if (!engine && message.type === 'status') status.set(message.status);
  };

  const lead = () => {
    const leader = new SyncEngine({
      api: env.api,
      db,
      status,
      openEventSource: env.openEventSource,
      timers: env.timers,
      onAuthLost: env.onAuthLost,
      onEvent: (event) => channel.post({ type: 'event', event }),
    });
    engine = leader;
    const stopMirroring = status.subscribe(() =>
      channel.post({ type: 'status', status: status.get() }),
    );
    const stopConnectivity = env.onConnectivity((online) => {
      if (online) leader.wake();
      else status.update({ connection: 'offline' });
    });
    void leader.start();
    void recoverOutbox({ api: env.api, db, now: Date.now }).catch(() => undefined);
    return () => {
      stopMirroring();
      stopConnectivity();
      leader.stop();
      engine = null;
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
