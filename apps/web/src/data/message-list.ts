import { useLiveQuery } from 'dexie-react-hooks';
import { Dexie } from 'dexie';
import { useCallback, useMemo, useRef, useState } from 'react';
import { messageCount } from '../db/message-counts.ts';
import { folderRange } from '../db/message-store.ts';
import type { PetrelDb } from '../db/schema.ts';
import { useRuntime } from './session.ts';
import type { CachedMessage, MessageListView } from './types.ts';

/** Rows loaded beyond each edge of the visible range, so scrolling rarely waits. */
export const OVERSCAN = 100;
const INITIAL_WINDOW = { start: 0, end: 2 * OVERSCAN };

/**
 * A folder's messages, newest first, for a virtualized list of any length. Two live queries:
 * the folder's running count (a single row, see db/message-counts.ts) and the rows of the
 * current window; a folder of 100,000 messages never sits in memory and is never counted.
 * New mail, flag changes and other tabs' writes show up without a reload. The count changes
 * with every page a sync stores, the rows of the top window only when mail arrives at the
 * top (see loadTopWindow), so a sync of older pages does not re-read them each time.
 */
export function useMessageList(folder: string): MessageListView {
  const runtime = useRuntime();
  const [windowState, setWindowState] = useState({ folder, ...INITIAL_WINDOW });
  // A new folder starts at the top (state derived from props, reset during render).
  const range = windowState.folder === folder ? windowState : { folder, ...INITIAL_WINDOW };
  if (windowState !== range) setWindowState(range);

  // The oldest date of the top window last read: narrows what the next read watches.
  const topFloor = useRef<{ folder: string; date: string } | null>(null);
  const loaded = useLiveQuery(async () => {
    if (!runtime) return undefined;
    if (range.start > 0) return loadWindow(runtime.db, folder, range.start, range.end);
    const floor = topFloor.current?.folder === folder ? topFloor.current.date : null;
    const top = await loadTopWindow(runtime.db, folder, range.end, floor);
    const oldest = top.rows.at(-1);
    topFloor.current = oldest ? { folder, date: oldest.date } : null;
    return top;
  }, [runtime, folder, range.start, range.end]);
  const count = useLiveQuery(
    async () => (runtime ? { folder, total: await messageCount(runtime.db, folder) } : undefined),
    [runtime, folder],
  );

  // Live queries keep their previous result while a new one runs: never show another folder's.
  const rows = loaded?.folder === folder ? loaded : undefined;

  const rowAt = useCallback(
    (index: number): CachedMessage | undefined =>
      rows && index >= rows.start ? rows.rows[index - rows.start] : undefined,
    [rows],
  );
  const setWindow = useCallback(
    (start: number, end: number) =>
      setWindowState((current) => {
        if (current.folder === folder && start >= current.start && end <= current.end)
          return current;
        return { folder, start: Math.max(0, start - OVERSCAN), end: end + OVERSCAN };
      }),
    [folder],
  );

  const allIds = useCallback(
    async () => (runtime ? folderIds(runtime.db, folder) : []),
    [runtime, folder],
  );

  // Rows and count are separate queries: while they disagree for a moment, the list shows
  // placeholders for rows not read yet.
  const total = count?.folder === folder ? count.total : (rows?.total ?? 0);
  return useMemo(
    () => ({ count: total, rowAt, setWindow, allIds, ready: rows !== undefined }),
    [total, rowAt, setWindow, allIds, rows],
  );
}

/**
 * Every message id of a folder, newest first, from the [folder+date] index's primary keys:
 * 100,000 ids without reading a row.
 */
export async function folderIds(db: PetrelDb, folder: string): Promise<string[]> {
  return folderRange(db, folder).reverse().primaryKeys();
}

/**
 * Rows [start, end) of a folder, newest first, straight off the index, with the folder's
 * count. IndexedDB skips `offset` entries one by one, so a window in the older half is
 * read from the oldest end instead: scrolling to the bottom of 100,000 messages costs no
 * more than the top.
 */
export function loadWindow(db: PetrelDb, folder: string, start: number, end: number) {
  return db.transaction('r', [db.messages, db.messageCounts], async () => {
    const total = await messageCount(db, folder);
    const from = Math.min(start, total);
    const to = Math.min(end, total);
    if (from >= to) return { folder, start, total, rows: [] };
    const rows =
      from > total - to
        ? (
            await folderRange(db, folder)
              .offset(total - to)
              .limit(to - from)
              .toArray()
          ).reverse()
        : await folderRange(db, folder)
            .reverse()
            .offset(from)
            .limit(to - from)
            .toArray();
    return { folder, start, total, rows };
  });
}

/**
 * The first `end` rows of a folder, newest first. A live query watches the key range it
 * reads, and a folder-wide range would re-run on every page a sync stores below the window.
 * With `floor` (the oldest date of the previous read) the range is [floor, newest]; if that
 * no longer holds `end` rows (rows above it were deleted or moved), it reads the whole
 * folder once, which gives the next floor. `total` is what was read, not the folder's count.
 */
export function loadTopWindow(db: PetrelDb, folder: string, end: number, floor: string | null) {
  return db.transaction('r', [db.messages], async () => {
    if (floor !== null) {
      const rows = await db.messages
        .where('[folder+date]')
        .between([folder, floor], [folder, Dexie.maxKey], true, true)
        .reverse()
        .limit(end)
        .toArray();
      if (rows.length === end) return { folder, start: 0, total: rows.length, rows };
    }
    const rows = await folderRange(db, folder).reverse().limit(end).toArray();
    return { folder, start: 0, total: rows.length, rows };
  });
}
