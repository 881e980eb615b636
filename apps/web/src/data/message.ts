import { decodeMessageId } from '@petrel/contract';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api/api.ts';
import { errorMessage } from '../api/errors.ts';
import type { BodyRow } from '../db/rows.ts';
import type { PetrelDb } from '../db/schema.ts';
import { missingMessageStatus, type MessageLookup } from './message-lookup.ts';
import { answerFor, peekBody, rememberBody, type BodyAnswer } from './recent-bodies.ts';
import { api, session, useRuntime } from './session.ts';
import type { CachedBody, CachedMessage } from './types.ts';

export type { MessageLookup } from './message-lookup.ts';

/** Opening a body more often than this does not rewrite its lastReadAt. */
const TOUCH_INTERVAL_MS = 60_000;

/** The cached header of a message, or undefined while loading or when it is gone. */
export function useMessage(id: string | null): CachedMessage | undefined {
  const lookup = useMessageLookup(id);
  return lookup.status === 'found' ? lookup.message : undefined;
}

/**
 * The cached header of a message, telling "not in the cache yet" (loading) apart from
 * "no longer exists" (gone: moved or expunged, here or on another device). A missing row
 * is gone when it was shown earlier in this lookup, or when the cache has listed its folder
 * completely under the same UIDVALIDITY; before that, it may simply not be synced yet.
 */
export function useMessageLookup(id: string | null): MessageLookup {
  const runtime = useRuntime();
  // The last id whose row was seen, so its disappearance reads as "gone".
  const seen = useRef<string | null>(null);
  const result = useLiveQuery(async (): Promise<{ id: string | null } & MessageLookup> => {
    if (!runtime || id === null) return { id, status: 'loading' };
    const row = await runtime.db.messages.get(id);
    if (row) {
      seen.current = id;
      return { id, status: 'found', message: row };
    }
    const ref = decodeMessageId(id);
    if (ref === null || seen.current === id) return { id, status: 'gone' };
    const [folder, sync] = await Promise.all([
      runtime.db.folders.get(ref.folder),
      runtime.db.syncState.get(ref.folder),
    ]);
    return { id, status: missingMessageStatus(ref, folder, sync) };
  }, [runtime, id]);
  if (result === undefined || result.id !== id) return { status: 'loading' };
  return result.status === 'found'
    ? { status: 'found', message: result.message }
    : { status: result.status };
}

/**
 * The body from the cache, fetched once when missing. Opening does NOT mark the message
 * read: that is the reader's decision (e.g. after a delay, or never in a preview), made
 * with applyAction('markRead', [id]).
 */
export function useMessageBody(id: string | null): {
  body: CachedBody | undefined;
  loading: boolean;
  error: string | null;
} {
  const runtime = useRuntime();
  const cached = useLiveQuery(async (): Promise<BodyAnswer> => {
    const row = runtime && id ? await runtime.db.bodies.get(id) : undefined;
    if (!runtime || !row) return { id, row: null, body: undefined };
    // A re-read of an unchanged body (lastReadAt touched, another tab's write) answers the
    // same object, so neither the reader nor the effect below run again.
    const previous = peekBody(runtime.db, row.id);
    if (previous?.row && sameContent(previous.row, row)) return previous;
    return rememberBody(runtime.db, answerFor(row));
  }, [runtime, id]);
  const [failure, setFailure] = useState<{ id: string; message: string } | null>(null);
  // Set when a fetched body arrives, to render it before it is stored and read back.
  const [, setArrived] = useState<BodyRow | null>(null);
  const queried = cached?.id === id ? cached : undefined;
  const recalled = runtime && id !== null ? peekBody(runtime.db, id) : undefined;
  const current = queried?.row ? queried : (recalled ?? queried);

  useEffect(() => {
    if (!runtime || id === null || current === undefined) return;
    if (current.row) {
      void touch(runtime.db, current.row, Date.now());
      return;
    }
    let active = true;
    fetchBody(api, runtime.db, id).then(
      (row) => {
        if (!active) return;
        rememberBody(runtime.db, answerFor(row));
        setFailure(null);
        setArrived(row);
      },
      (error: unknown) => active && setFailure({ id, message: errorMessage(error) }),
    );
    return () => {
      active = false;
    };
  }, [runtime, id, current]);

  const error = failure?.id === id ? failure.message : null;
  const body = current?.body;
  return { body, loading: id !== null && !body && error === null, error };
}

const inFlight = new Map<string, Promise<BodyRow>>();
/** Messages openingMessage is looking up or fetching right now. */
const opening = new Set<string>();

/**
 * Called as a message is opened, before the reader renders: looks its body up and, when it
 * is not stored, starts fetching it at once. The reader's own lookup answers only after
 * the shell and the reader have rendered (20–40 ms after the click, bench open-message
 * probe); it then finds this request in flight, or the body in memory.
 */
export function openingMessage(id: string): void {
  const runtime = session.get().runtime;
  // A mouse click announces the same message twice (the press, then the click that opens).
  if (!runtime || opening.has(id) || peekBody(runtime.db, id)) return;
  const { db } = runtime;
  opening.add(id);
  // Counted on the primary key, not read: a stored body is the reader's to read, once.
  void db.bodies
    .where(':id')
    .equals(id)
    .count()
    .then(async (stored) => {
      if (stored > 0) return;
      rememberBody(db, answerFor(await fetchBody(api, db, id)));
    })
    // The reader asks again and shows why if it fails.
    .catch(() => undefined)
    .finally(() => opening.delete(id));
}

/**
 * Fetches one body and stores it. Resolves as soon as the body arrived, so the reader can
 * show it while it is written; a failed write (storage full) only loses the offline copy.
 * Concurrent requests for the same id share one fetch until the write is done.
 */
export function fetchBody(
  client: Pick<Api, 'getMessage'>,
  db: PetrelDb,
  id: string,
): Promise<BodyRow> {
  const running = inFlight.get(id);
  if (running) return running;
  const request = client.getMessage(id).then((message) => {
    const now = Date.now();
    const row: BodyRow = {
      id,
      html: message.html,
      text: message.text,
      attachments: message.attachments,
      inline: message.inline,
      tooComplex: message.tooComplex ?? false,
      lastReadAt: now,
      fetchedAt: now,
    };
    void db.bodies
      .put(row)
      .catch(() => undefined)
      .finally(() => inFlight.delete(id));
    return row;
  });
  request.catch(() => inFlight.delete(id));
  inFlight.set(id, request);
  return request;
}

/** A body row is written whole by fetchBody; only lastReadAt changes in between. */
function sameContent(a: BodyRow, b: BodyRow): boolean {
  return a.id === b.id && a.fetchedAt === b.fetchedAt;
}

async function touch(db: PetrelDb, body: BodyRow, now: number): Promise<void> {
  if (now - body.lastReadAt < TOUCH_INTERVAL_MS) return;
  await db.bodies.update(body.id, { lastReadAt: now });
}
