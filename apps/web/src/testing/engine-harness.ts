import { vi } from 'vitest';
import { INITIAL_STATUS } from '../data/account-runtime.ts';
import type { SyncStatus } from '../data/types.ts';
import { folderRange } from '../db/message-store.ts';
import { PetrelDb } from '../db/schema.ts';
import { SyncEngine } from '../sync/engine.ts';
import type { HeadStart } from '../sync/head-start.ts';
import { createStore } from '../sync/store.ts';
import { FakeEventSource, ManualTimers } from './fake-browser.ts';
import type { FakeServer } from './fake-server.ts';

/** A sync engine over a fake server, fake-indexeddb, a fake EventSource and manual timers. */
export function engineHarness(server: FakeServer, options: { headStart?: HeadStart } = {}) {
  const db = new PetrelDb(`test-${crypto.randomUUID()}`);
  const status = createStore<SyncStatus>(INITIAL_STATUS);
  const sources: FakeEventSource[] = [];
  const timers = new ManualTimers();
  const onAuthLost = vi.fn();
  const engine = new SyncEngine({
    api: server,
    db,
    status,
    timers,
    openEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    onAuthLost,
    random: () => 0.5,
    headStart: options.headStart ?? null,
  });
  return {
    db,
    status,
    sources,
    timers,
    engine,
    onAuthLost,
    source: () => {
      const source = sources.at(-1);
      if (!source) throw new Error('no EventSource opened');
      return source;
    },
    /** Waits until every folder's listing is complete and reported as such. */
    idle: () =>
      vi.waitFor(
        async () => {
          const states = await db.syncState.toArray();
          if (states.some((state) => state.phase !== 'idle')) throw new Error('still listing');
          if (status.get().progress !== null) throw new Error('progress still shown');
        },
        { timeout: 10_000, interval: 20 },
      ),
    uidsOf: async (folder: string) =>
      (await folderRange(db, folder).toArray()).map((row) => row.uid).sort((a, b) => a - b),
    close: async () => {
      engine.stop();
      await db.delete();
    },
  };
}
