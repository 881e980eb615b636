import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { Api } from '../api/api.ts';
import { errorMessage } from '../api/errors.ts';
import type { BodyRow } from '../db/rows.ts';
import type { PetrelDb } from '../db/schema.ts';
import { api, useRuntime } from './session.ts';
import type { CachedBody, CachedMessage } from './types.ts';

/** Opening a body more often than this does not rewrite its lastReadAt. */
const TOUCH_INTERVAL_MS = 60_000;

export function useMessage(id: string | null): CachedMessage | undefined {
  const runtime = useRuntime();
  const row = useLiveQuery(
    async () => (runtime && id ? await runtime.db.messages.get(id) : undefined),
    [runtime, id],
  );
  return row?.id === id ? row : undefined;
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
  const cached = useLiveQuery(
    async () => ({ id, body: runtime && id ? ((await runtime.db.bodies.get(id)) ?? null) : null }),
    [runtime, id],
  );
  const [failure, setFailure] = useState<{ id: string; message: string } | null>(null);
  const current = cached?.id === id ? cached : undefined;

  useEffect(() => {
    if (!runtime || id === null || current === undefined) return;
    if (current.body) {
      void touch(runtime.db, current.body, Date.now());
      return;
    }
    let active = true;
    fetchBody(api, runtime.db, id).then(
      () => active && setFailure(null),
      (error: unknown) => active && setFailure({ id, message: errorMessage(error) }),
    );
    return () => {
      active = false;
    };
  }, [runtime, id, current]);

  const error = failure?.id === id ? failure.message : null;
  const row = current?.body ?? null;
  // Keep the object stable while the row is, so a reader re-renders only on real changes.
  const body = useMemo(() => (row ? toCachedBody(row) : undefined), [row]);
  return { body, loading: id !== null && !body && error === null, error };
}

const inFlight = new Map<string, Promise<void>>();

/** Fetches and stores one body; concurrent requests for the same id share one fetch. */
export function fetchBody(
  client: Pick<Api, 'getMessage'>,
  db: PetrelDb,
  id: string,
): Promise<void> {
  const running = inFlight.get(id);
  if (running) return running;
  const request = (async () => {
    const message = await client.getMessage(id);
    const now = Date.now();
    await db.bodies.put({
      id,
      html: message.html,
      text: message.text,
      attachments: message.attachments,
      inline: message.inline,
      tooComplex: message.tooComplex ?? false,
      lastReadAt: now,
      fetchedAt: now,
    });
  })().finally(() => inFlight.delete(id));
  inFlight.set(id, request);
  return request;
}

async function touch(db: PetrelDb, body: BodyRow, now: number): Promise<void> {
  if (now - body.lastReadAt < TOUCH_INTERVAL_MS) return;
  await db.bodies.update(body.id, { lastReadAt: now });
}

function toCachedBody(row: BodyRow): CachedBody {
  const { id, html, text, attachments, inline, tooComplex } = row;
  return { id, html, text, attachments, inline, tooComplex };
}
