import { HEADERS, CSRF_HEADER_VALUE } from '@petrel/contract';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config, type PoolConfig } from '../../src/config.ts';

/** A demo-mode config for a loopback IMAP server (plain IMAP), with pool timings to override. */
export function testConfig(
  imap: { host: string; port: number },
  overrides: { env?: Record<string, string>; pool?: Partial<PoolConfig>; sessionIdleMs?: number } = {},
): Config {
  const config = loadConfig(
    {
      PETREL_MODE: 'demo',
      PETREL_IMAP_HOST: imap.host,
      PETREL_IMAP_PORT: String(imap.port),
      PETREL_IMAP_TLS: 'plain',
      ...overrides.env,
    },
    () => 'test-secret-'.padEnd(48, 's'),
  );
  return {
    ...config,
    sessionIdleMs: overrides.sessionIdleMs ?? config.sessionIdleMs,
    pool: {
      ...config.pool,
      connectTimeoutMs: 2000,
      socketTimeoutMs: 3000,
      reconnectBaseMs: 50,
      reconnectCapMs: 500,
      ...overrides.pool,
    },
  };
}

/** Headers every unsafe request of the web app carries. */
export const CSRF = { [HEADERS.csrf]: CSRF_HEADER_VALUE };

export interface SignedIn {
  cookie: string;
  response: LightMyRequestResponse;
}

/** Signs in through the API and returns the session cookie as a Cookie header value. */
export async function signIn(app: FastifyInstance, user: { email: string; password: string }): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/session', headers: CSRF, payload: user });
  const setCookie = [response.headers['set-cookie'] ?? []].flat()[0] ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', response };
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
