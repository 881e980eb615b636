import { Dexie } from 'dexie';
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import type { MessageCountRow } from './rows.ts';
import type { PetrelDb } from './schema.ts';

/**
 * Per-folder running totals of cached headers, so nothing on a hot path counts the
 * `[folder+date]` index (a walk of every row: 380 ms at 100,000 messages).
 *
 * The totals are kept by a DBCore middleware, not by the callers: every write to `messages`
 * — listing pages, events, optimistic moves, settles, resyncs, folder deletions — adjusts
 * `messageCounts` in the same IndexedDB transaction, from the rows it replaces or deletes.
 * A code path cannot forget it, and another tab's write is counted by that tab. Puts read
 * the rows they overwrite first (by primary key, a point lookup per row), because only the
 * previous row says whether the put adds a message to a folder or moves one between folders;
 * rows the same transaction already read by primary key (`bulkGet`, as the listing does)
 * are not read again.
 */

const MESSAGES = 'messages';
export const MESSAGE_COUNTS = 'messageCounts';

/** Header rows cached for `folder` (0 before anything was stored). */
export async function messageCount(
  db: Pick<PetrelDb, 'messageCounts'>,
  folder: string,
): Promise<number> {
  return (await db.messageCounts.get(folder))?.count ?? 0;
}

export const messageCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'MessageCounts',
  create: (down) => ({
    ...down,
    // Any read-write transaction over `messages` also covers the counters, whichever tables
    // the caller named, so the middleware can write them atomically with the rows.
    transaction: (stores, mode, options) =>
      down.transaction(
        mode === 'readwrite' && stores.includes(MESSAGES) && !stores.includes(MESSAGE_COUNTS)
          ? [...stores, MESSAGE_COUNTS]
          : stores,
        mode,
        options,
      ),
    table: (name) => {
      const table = down.table(name);
      if (name !== MESSAGES) return table;
      return {
        ...table,
        getMany: (req) =>
          table.getMany(req).then((rows) => {
            const known = knownRows(req.trans);
            req.keys.forEach((key, index) => known.set(key, rows[index] as Known));
            return rows;
          }),
        // Looked up per write: while older schema versions upgrade, the table does not exist.
        mutate: (req) =>
          serialized(req.trans, () => countedMutate(table, down.table(MESSAGE_COUNTS), req)),
      };
    },
  }),
};

type Known = { folder: string } | undefined;

/**
 * Rows of `messages` as this transaction last read or wrote them, by primary key. Nothing
 * else can write the table while a read-write transaction holds it, so they stay true
 * until the transaction's own next write, which updates them.
 */
const known = new WeakMap<DBCoreTransaction, Map<unknown, Known>>();

function knownRows(trans: DBCoreTransaction): Map<unknown, Known> {
  let rows = known.get(trans);
  if (!rows) {
    rows = new Map();
    known.set(trans, rows);
  }
  return rows;
}

/**
 * Mutations of one transaction run one after another here: each reads the rows it will
 * replace and then read-modify-writes the counters, which must not interleave with another.
 */
const tails = new WeakMap<DBCoreTransaction, Promise<unknown>>();

function serialized<T>(trans: DBCoreTransaction, work: () => Promise<T>): Promise<T> {
  const before = tails.get(trans);
  // Dexie's own promise keeps the IndexedDB transaction alive across the chain.
  const next = before ? before.then(work, work) : work();
  tails.set(trans, next);
  return next;
}

function countedMutate(
  table: DBCoreTable,
  counts: DBCoreTable,
  req: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  return previousFolders(table, req).then((before) =>
    table.mutate(req).then((response) => {
      remember(req, before, response);
      const deltas = folderDeltas(req, before, response);
      if (deltas.size === 0) return response;
      const folders = [...deltas.keys()];
      return counts
        .getMany({ trans, keys: folders })
        .then((rows: Array<MessageCountRow | undefined>) =>
          counts.mutate({
            trans,
            type: 'put',
            values: folders.map((folder, index) => ({
              folder,
              count: Math.max(0, (rows[index]?.count ?? 0) + (deltas.get(folder) ?? 0)),
            })),
          }),
        )
        .then(() => response);
    }),
  );
}

type Before = { keys: unknown[]; folders: Array<string | undefined> };

/** What the transaction's rows are after a write (a failed write leaves them unknown). */
function remember(req: DBCoreMutateRequest, before: Before, response: DBCoreMutateResponse): void {
  const rows = knownRows(req.trans);
  if (req.type === 'deleteRange') {
    rows.clear();
    return;
  }
  before.keys.forEach((key, index) => {
    if (response.failures[index] !== undefined) rows.delete(key);
    else if (req.type === 'delete') rows.set(key, undefined);
    else rows.set(key, req.values[index] as Known);
  });
}

/** The folder of each row the mutation will overwrite or delete (undefined: no such row). */
function previousFolders(table: DBCoreTable, req: DBCoreMutateRequest): Promise<Before> {
  if (req.type === 'deleteRange') {
    return table
      .query({
        trans: req.trans,
        values: true,
        query: { index: table.schema.primaryKey, range: req.range },
      })
      .then(({ result }) => ({
        keys: result.map((row: { id: string }) => row.id),
        folders: result.map((row: { folder: string }) => row.folder),
      }));
  }
  const keys =
    req.type === 'delete'
      ? req.keys
      : (req.keys ?? req.values.map((row: { id: string }) => row.id));
  const rows = knownRows(req.trans);
  if (keys.every((key) => rows.has(key))) {
    return Dexie.Promise.resolve({ keys, folders: keys.map((key) => rows.get(key)?.folder) });
  }
  return table
    .getMany({ trans: req.trans, keys })
    .then((rows: Array<{ folder: string } | undefined>) => ({
      keys,
      folders: rows.map((row) => row?.folder),
    }));
}

/**
 * Net change per folder. Rows are replayed in order, so a key written twice in one request
 * counts once; failed writes (`response.failures`) change nothing.
 */
function folderDeltas(
  req: DBCoreMutateRequest,
  before: Before,
  response: DBCoreMutateResponse,
): Map<string, number> {
  const deltas = new Map<string, number>();
  const add = (folder: string | undefined, sign: 1 | -1) => {
    if (folder !== undefined) deltas.set(folder, (deltas.get(folder) ?? 0) + sign);
  };
  const current = new Map<unknown, string | undefined>();
  const folderOf = (index: number) => {
    const key = before.keys[index];
    return current.has(key) ? current.get(key) : before.folders[index];
  };
  const failed = (index: number) => response.failures[index] !== undefined;
  before.keys.forEach((key, index) => {
    if (req.type !== 'deleteRange' && failed(index)) return;
    const previous = folderOf(index);
    const next =
      req.type === 'put' || req.type === 'add'
        ? (req.values[index] as { folder: string }).folder
        : undefined;
    if (previous === next) return;
    add(previous, -1);
    add(next, 1);
    current.set(key, next);
  });
  for (const [folder, delta] of deltas) if (delta === 0) deltas.delete(folder);
  return deltas;
}

/** Counts every folder's rows once, from the index keys (schema upgrade, repairs). */
export async function countAllFolders(
  messages: Dexie.Table<unknown, string>,
): Promise<MessageCountRow[]> {
  const tally = new Map<string, number>();
  await messages.orderBy('[folder+date]').eachKey((key) => {
    const folder = (key as [string, string])[0];
    tally.set(folder, (tally.get(folder) ?? 0) + 1);
  });
  return [...tally].map(([folder, count]) => ({ folder, count }));
}
