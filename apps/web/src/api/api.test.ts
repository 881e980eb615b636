import { describe, expect, it, vi } from 'vitest';
import { header } from '../testing/fixtures.ts';
import { createApi, partPath } from './api.ts';
import { ApiError } from './errors.ts';

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function apiWith(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const fetch = vi.fn((input: RequestInfo | URL, init?: RequestInit) =>
    Promise.resolve(answer(String(input), init ?? {})),
  );
  const onNewerProtocol = vi.fn();
  return { api: createApi({ fetch, onNewerProtocol }), fetch, onNewerProtocol };
}

const headersOf = (init: RequestInit | undefined) => new Headers(init?.headers);

describe('api client', () => {
  it('builds URLs from the contract, one encoded segment per folder, and parses the answer', async () => {
    const page = { messages: [header(1, 'Projects/2024 50%')], nextCursor: null, state: '1:2:3' };
    const { api, fetch } = apiWith(() => json(page));
    await expect(api.listMessages('Projects/2024 50%', { limit: 500 })).resolves.toEqual(page);
    expect(fetch.mock.calls[0]?.[0]).toBe(
      '/api/folders/Projects%2F2024%2050%25/messages?limit=500',
    );
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ method: 'GET', credentials: 'same-origin' });
    expect(headersOf(fetch.mock.calls[0]?.[1]).has('x-petrel-csrf')).toBe(false);
  });

  it('sends the CSRF header and a JSON body on unsafe methods', async () => {
    const { api, fetch } = apiWith(() => json({ results: [] }));
    await api.postActions([]);
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(headersOf(init).get('x-petrel-csrf')).toBe('1');
    expect(headersOf(init).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ ops: [] });
  });

  it('accepts 204 without a body (logout)', async () => {
    const { api, fetch } = apiWith(() => new Response(null, { status: 204 }));
    await expect(api.logout()).resolves.toBeUndefined();
    expect(headersOf(fetch.mock.calls[0]?.[1]).get('x-petrel-csrf')).toBe('1');
  });

  it('turns an error body into a typed ApiError', async () => {
    const { api } = apiWith(() =>
      json({ code: 'folder_not_found', message: 'No such folder.' }, 404),
    );
    const error = await api.listFolders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'folder_not_found',
      message: 'No such folder.',
      status: 404,
    });
  });

  it('maps a non-Petrel error page by its status', async () => {
    const { api } = apiWith(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.listFolders()).rejects.toMatchObject({
      code: 'imap_unavailable',
      status: 502,
    });
  });

  it('reports a network failure as code network', async () => {
    const { api } = apiWith(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.getSession()).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('refuses a 200 body that does not match the route schema', async () => {
    const { api } = apiWith(() => json({ folders: [{ path: '' }] }));
    await expect(api.listFolders()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it.each([
    ['an id that is not one', { id: 'abc' }],
    ['the id of another message', { id: header(2).id }],
    ['an id of another folder', { id: header(1, 'Archive').id }],
    ['an invalid folder path', { folder: '..' }],
    ['a missing field', { subject: undefined }],
  ])('refuses a message page with %s', async (_, patch) => {
    const page = {
      messages: [header(3), { ...header(1), ...patch }],
      nextCursor: null,
      state: null,
    };
    const { api } = apiWith(() => json(page));
    await expect(api.listMessages('INBOX', {})).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });

  it('notices a newer protocol version', async () => {
    const { api, onNewerProtocol } = apiWith(() =>
      json({ folders: [] }, 200, { 'x-petrel-protocol': '2' }),
    );
    await api.listFolders();
    expect(onNewerProtocol).toHaveBeenCalledWith(2);
    const same = apiWith(() => json({ folders: [] }, 200, { 'x-petrel-protocol': '1' }));
    await same.api.listFolders();
    expect(same.onNewerProtocol).not.toHaveBeenCalled();
  });

  it('builds part URLs from the contract', () => {
    expect(partPath('abc_-', '1.2')).toBe('/api/messages/abc_-/parts/1.2');
  });
});
