import { get, type IncomingHttpHeaders } from 'node:http';
import { PART_SECURITY_HEADERS, SSE_RESPONSE_HEADERS, encodeMessageId, type Folder } from '@petrel/contract';
import type { MailServer } from '@petrel/test-mailserver';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { signIn, testConfig } from '../support/harness.ts';
import { alice, richMessage, seed, startServer } from '../support/mail-fixtures.ts';

// The app-wide headers (test/security-headers.test.ts) against the routes that write their
// own: part downloads and the SSE stream, through the whole app.
let server: MailServer;
let app: FastifyInstance;
let cookie: string;
let partUrl: (part: string, query?: string) => string;

beforeAll(async () => {
  server = await startServer();
  await server.seed(alice, [seed('Rich', richMessage())]);
  app = await buildApp(testConfig(server), { logger: false });
  ({ cookie } = await signIn(app, alice));
  const folders = (await app.inject({ method: 'GET', url: '/api/folders', headers: { cookie } })).json().folders as Folder[];
  const uidValidity = folders.find((f) => f.path === 'Rich')?.uidValidity ?? 0;
  partUrl = (part, query = '') => `/api/messages/${encodeMessageId({ folder: 'Rich', uidValidity, uid: 1 })}/parts/${part}${query}`;
});
afterAll(async () => {
  await app?.close();
  await server?.stop();
});

describe('routes with headers of their own', () => {
  it('part downloads keep their stricter CSP and their caching; helmet does not replace them', async () => {
    for (const url of [partUrl('3'), partUrl('1.2', '?inline=1')]) {
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(response.statusCode).toBe(200);
      // Exactly the part's values: not the app's policy, not both joined by a comma.
      expect(response.headers).toMatchObject(PART_SECURITY_HEADERS);
      expect(response.headers).toMatchObject({ 'x-frame-options': 'DENY', 'cross-origin-resource-policy': 'same-origin' });
    }
  });

  it('the SSE stream, which writes its own head, still carries the security headers', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const headers = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      const request = get(`${address}/api/events`, { headers: { cookie } }, (response) => {
        resolve(response.headers);
        request.destroy();
      });
      request.on('error', reject);
    });
    expect(headers).toMatchObject({ ...SSE_RESPONSE_HEADERS, 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
    expect(headers['content-security-policy']).toMatch(/^default-src 'self';/);
  });
});
