import 'fake-indexeddb/auto';
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { writeRows } from '../db/message-store.ts';
import { toRow } from '../sync/merge.ts';
import { FakeServer } from '../testing/fake-server.ts';
import { header } from '../testing/fixtures.ts';
import { login, useAccount, useMessage, useMessageBody, useMessageList } from './index.ts';
import { session } from './session.ts';

const server = new FakeServer().addFolder('INBOX', 3, '\\Inbox');

beforeAll(() => {
  // A remembered account opens its cache at once, before the server answers.
  localStorage.setItem('petrel.account', 'demo@petrel.test');
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url === '/api/session') return Response.json(await server.getSession());
    const id = /^\/api\/messages\/([^/]+)$/.exec(url)?.[1];
    if (id) {
      return server.getMessage(id).then(
        (body) => Response.json(body),
        () => Response.json({ code: 'message_not_found', message: 'Gone.' }, { status: 404 }),
      );
    }
    return Response.json({ code: 'not_found', message: 'Not found.' }, { status: 404 });
  });
});

function db() {
  const runtime = session.get().runtime;
  if (!runtime) throw new Error('not signed in');
  return runtime.db;
}

describe('data hooks', () => {
  it('useAccount reports the remembered account without waiting for the network', () => {
    const { result } = renderHook(() => useAccount());
    expect(result.current).toEqual({
      account: { email: 'demo@petrel.test' },
      loading: false,
      reason: null,
    });
  });

  it('useMessageList counts the folder and loads rows by window, live', async () => {
    await writeRows(db(), {
      put: Array.from({ length: 1_000 }, (_, i) => toRow(header(i + 1, 'Big'))),
      delete: [],
    });
    const { result } = renderHook(() => useMessageList('Big'));
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.count).toBe(1_000);
    expect(result.current.rowAt(0)?.uid).toBe(1_000);
    expect(result.current.rowAt(600)).toBeUndefined();

    act(() => result.current.setWindow(600, 620));
    await waitFor(() => expect(result.current.rowAt(600)?.uid).toBe(400));
    expect(result.current.rowAt(0)).toBeUndefined();

    await writeRows(db(), { put: [toRow(header(1_001, 'Big'))], delete: [] });
    await waitFor(() => expect(result.current.count).toBe(1_001));
  });

  it('useMessageList never shows another folder’s rows after a switch', async () => {
    await writeRows(db(), {
      put: [toRow(header(1, 'A')), toRow(header(1, 'B', { subject: 'in B' }))],
      delete: [],
    });
    const { result, rerender } = renderHook(({ folder }) => useMessageList(folder), {
      initialProps: { folder: 'A' },
    });
    await waitFor(() => expect(result.current.ready).toBe(true));
    rerender({ folder: 'B' });
    expect(result.current.rowAt(0)?.folder ?? 'B').toBe('B');
    await waitFor(() => expect(result.current.rowAt(0)?.subject).toBe('in B'));
  });

  it('useMessageBody fetches a missing body once and serves it from the cache', async () => {
    const id = header(2).id;
    await writeRows(db(), { put: [toRow(server.message('INBOX', 2) ?? header(2))], delete: [] });
    const { result } = renderHook(() => ({ body: useMessageBody(id), message: useMessage(id) }));
    expect(result.current.body.loading).toBe(true);
    await waitFor(() => expect(result.current.body.body?.text).toBe('Message 2'));
    expect(result.current.body).toMatchObject({ loading: false, error: null });
    expect(result.current.message?.uid).toBe(2);
    expect(await db().bodies.get(id)).toMatchObject({ id, text: 'Message 2' });
  });

  it('useMessageBody reports a failure in words', async () => {
    const id = header(99).id;
    const { result } = renderHook(() => useMessageBody(id));
    await waitFor(() => expect(result.current.error).toBe('Gone.'));
    expect(result.current.loading).toBe(false);
  });

  it('login validates before calling the server', async () => {
    expect(await login('not an email', 'x')).toMatchObject({ ok: false, code: 'bad_request' });
  });
});
