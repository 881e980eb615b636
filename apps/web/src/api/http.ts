import { CSRF_HEADER_VALUE, HEADERS, PROTOCOL_VERSION, parseErrorResponse } from '@petrel/contract';
import type { HttpMethod } from '@petrel/contract';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

export interface HttpOptions {
  fetch: typeof fetch;
  /** Prefix for every path; '' in the app (same origin, Vite proxies /api in dev). */
  baseUrl?: string;
  /** Called when a response announces a newer protocol than this build speaks. */
  onNewerProtocol?: (serverVersion: number) => void;
}

export type Send = <S extends z.ZodType>(
  request: { method: HttpMethod; path: string; body?: unknown; signal?: AbortSignal },
  schema: S,
) => Promise<z.output<S>>;

/**
 * One request → one parsed response or one ApiError. Every unsafe method carries the CSRF
 * header (the server answers csrf_rejected without it), and the session cookie goes along
 * because the app is served from the API's origin.
 */
export function createSend(options: HttpOptions): Send {
  const baseUrl = options.baseUrl ?? '';
  return async (request, schema) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.method !== 'GET') headers[HEADERS.csrf] = CSRF_HEADER_VALUE;
    if (request.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await options.fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers,
        credentials: 'same-origin',
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal,
      });
    } catch (error) {
      // An abort is the caller's decision, not a network failure to report.
      if (request.signal?.aborted) throw error;
      throw ApiError.of('network');
    }

    const version = Number(response.headers.get(HEADERS.protocolVersion));
    if (Number.isInteger(version) && version > PROTOCOL_VERSION) {
      options.onNewerProtocol?.(version);
    }

    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      const error = parseErrorResponse(response.status, body);
      throw new ApiError(error.code, error.message, response.status);
    }

    const body: unknown = response.status === 204 ? undefined : await readJson(response);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw ApiError.of('invalid_response', response.status);
    return parsed.data;
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw ApiError.of('invalid_response', response.status);
  }
}
