import 'fake-indexeddb/auto';
import { MAX_PAGE_SIZE } from '@petrel/contract';
import type { Api } from '../src/api/api.ts';
import type { ActionKind } from '../src/data/types.ts';
import { writeRows } from '../src/db/message-store.ts';
import { PetrelDb } from '../src/db/schema.ts';
import { toRow } from '../src/sync/merge.ts';
import { enqueueAction } from '../src/sync/outbox.ts';
import { Replayer } from '../src/sync/replay.ts';
import { sleep } from './stack.ts';

/** The web app's data layer in Node: a fake-indexeddb cache and the real replayer. */
export interface Client {
  db: PetrelDb;
  replayer: Replayer;
  act(kind: ActionKind, id: string, destination?: string): Promise<void>;
  /** Replays until nothing is queued (bounded); returns the number of kicks it took. */
  drain(maxKicks?: number): Promise<number>;
  statuses(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function openClient(
  api: Api,
  folders: readonly string[],
  batchSize: number,
): Promise<Client> {
  const db = new PetrelDb(`reliability-${crypto.randomUUID()}`);
  await db.folders.bulkPut((await api.listFolders()).folders);
  for (const folder of folders) {
    let cursor: string | undefined;
    do {
      const page = await api.listMessages(folder, {
        limit: MAX_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      await writeRows(db, { put: page.messages.map(toRow), delete: [] });
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }
  const replayer = new Replayer({
    api,
    db,
    // The test drives replay itself (kick), so backoff timers need not fire.
    timers: { setTimeout: () => 0, clearTimeout: () => undefined },
    batchSize,
    requestTimeoutMs: 15_000,
    resyncFolder: async () => undefined,
    onConnection: () => undefined,
    onAuthLost: () => {
      throw new Error('session lost');
    },
    onSynced: () => undefined,
  });
  return {
    db,
    replayer,
    async act(kind, id, destination) {
      const done = await enqueueAction(
        { db, now: Date.now, newOpId: () => crypto.randomUUID() },
        kind,
        [id],
        destination ? { destination } : {},
      );
      if (!done.ok) throw new Error(done.message);
    },
    async drain(maxKicks = 600) {
      for (let kick = 1; kick <= maxKicks; kick++) {
        await replayer.kick(true);
        const open = await db.outbox
          .filter((row) => row.status === 'pending' || row.status === 'sending')
          .count();
        if (open === 0) return kick;
        await sleep(100);
      }
      const open = await db.outbox
        .filter((row) => row.status === 'pending' || row.status === 'sending')
        .toArray();
      const described = open
        .slice(0, 5)
        .map((row) =>
          JSON.stringify({
            op: row.op,
            status: row.status,
            dependsOn: row.dependsOn,
            attempts: row.attempts,
            notBefore: row.notBefore - Date.now(),
            result: row.result,
          }),
        );
      throw new Error(
        `The queue did not drain in ${maxKicks} kicks: ${open.length} open, e.g. ${described.join('\n')}`,
      );
    },
    async statuses() {
      const counts: Record<string, number> = {};
      await db.outbox.each((row) => {
        counts[row.status] = (counts[row.status] ?? 0) + 1;
      });
      return counts;
    },
    async close() {
      replayer.stop();
      await db.delete();
    },
  };
}
