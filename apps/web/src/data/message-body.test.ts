import 'fake-indexeddb/auto';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { MessageBody } from '@petrel/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PetrelDb } from '../db/schema.ts';
import { header } from '../testing/fixtures.ts';
import { openingMessage, useMessageBody } from './message.ts';
import { rememberBody, answerFor, peekBody } from './recent-bodies.ts';

const runtime = vi.hoisted(() => ({ current: null as { db: unknown } | null }));
const api = vi.hoisted(() => ({ getMessage: vi.fn() }));
vi.mock('./session.ts', () => ({
  useRuntime: () => runtime.current,
  session: { get: () => ({ runtime: runtime.current }) },
  api,
}));

let db: PetrelDb;

beforeEach(() => {
  db = new PetrelDb(`test-${crypto.randomUUID()}`);
  runtime.current = { db };
});

afterEach(async () => {
  vi.restoreAllMocks();
  api.getMessage.mockReset();
  await db.delete();
});

function serverBody(uid: number, html: string): MessageBody {
  const head = header(uid);
  return { id: head.id, header: head, html, text: null, attachments: [], inline: [], headers: [] };
}

function stored(uid: number, html: string) {
  const now = Date.now();
  return { ...serverBody(uid, html), tooComplex: false, lastReadAt: now, fetchedAt: now };
}

describe('useMessageBody', () => {
  it('shows a fetched body at once, without waiting for it to be stored', async () => {
    const answer = serverBody(1, '<p>Fresh</p>');
    api.getMessage.mockResolvedValue(answer);
    // A write that never finishes (a busy or full disk).
    vi.spyOn(db.bodies, 'put').mockReturnValue(new Promise(() => {}) as never);
    const { result } = renderHook(() => useMessageBody(answer.id));
    await waitFor(() => expect(result.current.body?.html).toBe('<p>Fresh</p>'));
    expect(result.current).toMatchObject({ loading: false, error: null });
    expect(api.getMessage).toHaveBeenCalledTimes(1);
  });

  it('renders a body read before on the first render, before the database answers', async () => {
    const row = stored(2, '<p>Again</p>');
    await db.bodies.put(row);
    const first = renderHook(() => useMessageBody(row.id));
    await waitFor(() => expect(first.result.current.body?.html).toBe('<p>Again</p>'));
    first.unmount();
    const again = renderHook(() => useMessageBody(row.id));
    expect(again.result.current.body?.html).toBe('<p>Again</p>');
    expect(api.getMessage).not.toHaveBeenCalled();
  });

  it('keeps the same body object when only lastReadAt changes', async () => {
    const row = stored(3, '<p>Stable</p>');
    await db.bodies.put(row);
    const { result } = renderHook(() => useMessageBody(row.id));
    await waitFor(() => expect(result.current.body).toBeDefined());
    const shown = result.current.body;
    const read = db.bodies.get.bind(db.bodies);
    const reread = new Promise<void>((done) => {
      vi.spyOn(db.bodies, 'get').mockImplementation(((key: string) =>
        read(key).finally(() => setTimeout(done))) as typeof db.bodies.get);
    });
    await db.bodies.update(row.id, { lastReadAt: row.lastReadAt + 120_000 });
    await act(() => reread);
    expect(result.current.body).toBe(shown);
  });
});

describe('recent bodies', () => {
  it('forgets the oldest bodies beyond eight', () => {
    for (let uid = 1; uid <= 9; uid++) rememberBody(db, answerFor(stored(uid, `<p>${uid}</p>`)));
    expect(peekBody(db, header(1).id)).toBeUndefined();
    expect(peekBody(db, header(2).id)?.body?.html).toBe('<p>2</p>');
    expect(peekBody(db, header(9).id)?.body?.html).toBe('<p>9</p>');
  });

  it('forgets older bodies when the kept text grows too large, never the newest', () => {
    rememberBody(db, answerFor(stored(1, 'x'.repeat(3_000_000))));
    rememberBody(db, answerFor(stored(2, 'y'.repeat(3_000_000))));
    expect(peekBody(db, header(1).id)).toBeUndefined();
    rememberBody(db, answerFor(stored(3, 'z'.repeat(5_000_000))));
    expect(peekBody(db, header(2).id)).toBeUndefined();
    expect(peekBody(db, header(3).id)).toBeDefined();
  });

  it('starts fetching an unstored body as the message is opened, and the reader shares that fetch', async () => {
    const answer = serverBody(7, '<p>Early</p>');
    api.getMessage.mockResolvedValue(answer);
    openingMessage(answer.id);
    await waitFor(() => expect(api.getMessage).toHaveBeenCalledTimes(1));
    const { result } = renderHook(() => useMessageBody(answer.id));
    await waitFor(() => expect(result.current.body?.html).toBe('<p>Early</p>'));
    expect(api.getMessage).toHaveBeenCalledTimes(1);
  });

  it('fetches nothing when the opened message has its body stored', async () => {
    const row = stored(8, '<p>Prefetched</p>');
    await db.bodies.put(row);
    openingMessage(row.id);
    const { result } = renderHook(() => useMessageBody(row.id));
    await waitFor(() => expect(result.current.body?.html).toBe('<p>Prefetched</p>'));
    expect(api.getMessage).not.toHaveBeenCalled();
  });
});
