import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useState } from 'react';
import { messageCount } from '../db/message-counts.ts';
import { folderRange } from '../db/message-store.ts';
import type { PetrelDb } from '../db/schema.ts';
import { useRuntime } from './session.ts';
import type { CachedMessage, MessageListView } from './types.ts';

/** Rows loaded beyond each edge of the visible range, so scrolling rarely waits. */
export const OVERSCAN = 100;
const INITIAL_WINDOW = { start: 0, end: 2 * OVERSCAN };

/**
 * A folder's messages, newest first, for a virtualized list of any length. One live query
 * reads the folder's running count (a single row, see db/message-counts.ts) and the rows
 * of the current window, in one transaction so they agree; a folder of 100,000 messages
 * never sits in memory and is never counted. New mail, flag changes and other tabs' writes
 * show up without a reload.
 */
export function useMessageList(folder: string): MessageListView {
  const runtime = useRuntime();
  const [windowState, setWindowState] = useState({ folder, ...INITIAL_WINDOW });
  // A new folder starts at the top (state derived from props, reset during render).
  const range = windowState.folder === folder ? windowState : { folder, ...INITIAL_WINDOW };
  if (windowState !== range) setWindowState(range);

  const loaded = useLiveQuery(
    async () => (runtime ? loadWindow(runtime.db, folder, range.start, range.end) : undefined),
    [runtime, folder, range.start, range.end],
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

  return useMemo(
    () => ({ count: rows?.total ?? 0, rowAt, setWindow, allIds, ready: rows !== undefined }),
    [rowAt, setWindow, allIds, rows],
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
