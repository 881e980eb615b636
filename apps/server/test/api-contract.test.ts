import { HEADERS, PROTOCOL_VERSION, routes } from '@petrel/contract';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { CSRF, testConfig } from './support/harness.ts';

// No IMAP server: every request here is decided before the pool is asked (port 9 is discard).
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp(testConfig({ host: '127.0.0.1', port: 9 }), { logger: false });
});
afterAll(async () => {
  await app.close();
});

const login = { email: 'alice@petrel.test', password: 'x' };

describe('CSRF guard', () => {
  it('refuses an unsafe API request without the header', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: login });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_rejected' });
    const del = await app.inject({ method: 'DELETE', url: '/api/session' });
    expect(del.statusCode).toBe(403);
  });

  it('refuses a cross-site request even with the header', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { ...CSRF, 'sec-fetch-site': 'cross-site' },
      payload: login,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_rejected' });
  });

  it('refuses a foreign Origin and accepts a matching one', async () => {
    const foreign = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { ...CSRF, host: 'mail.example.com', origin: 'https://evil.example.com' },
    });
    expect(foreign.statusCode).toBe(403);
    const same = await app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { ...CSRF, host: 'mail.example.com', origin: 'https://mail.example.com', 'sec-fetch-site': 'same-origin' },
    });
    expect(same.statusCode).toBe(204);
  });

  it('refuses what a cross-site HTML form can send, before the body is read or the session checked', async () => {
    // A form cannot add headers; the browser adds Origin and Sec-Fetch-Site, and would attach
    // a cookie only if SameSite allowed it (Strict does not): sent here anyway.
    const forged = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', cookie: 'petrel=stolen-or-not' };
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', 'email=alice%40petrel.test&password=x'],
      ['text/plain', '{"ops":[]}'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="ops"\r\n\r\n[]\r\n--b--\r\n'],
    ];
    for (const url of ['/api/actions', '/api/session', '/api/folders']) {
      for (const [type, payload] of bodies) {
        const res = await app.inject({ method: 'POST', url, headers: { ...forged, 'content-type': type }, payload });
        expect([url, type, res.statusCode, res.json().code]).toEqual([url, type, 403, 'csrf_rejected']);
      }
    }
    // The header itself needs a CORS preflight from another site, which is never granted.
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/actions',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-petrel-csrf' },
    });
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('leaves safe methods alone', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
  });
});

describe('errors in the contract shape', () => {
  it('answers validation failures with 400 and issues naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: CSRF,
      payload: { email: 'not an address', password: '' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('bad_request');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['body', 'email'] }),
        expect.objectContaining({ path: ['body', 'password'] }),
      ]),
    );
  });

  it('answers malformed JSON with 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { ...CSRF, 'content-type': 'application/json' },
      payload: '{"email": "a@b.c",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'bad_request' });
  });

  it('answers a 2 MB body with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { ...CSRF, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('answers an unknown API route with 404 not_found', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });

  it('answers 401 unauthenticated without a session, and for an unknown cookie', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/session' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'unauthenticated' });
    const unknown = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: 'petrel=forged' } });
    expect(unknown.statusCode).toBe(401);
    expect(String(unknown.headers['set-cookie'])).toMatch(/^petrel=;/);
  });

  it('answers 503 imap_unavailable when the IMAP server cannot be reached', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/session', headers: CSRF, payload: login });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'imap_unavailable' });
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', imap: false });
  });

  it('sends the protocol version on API responses, errors included', async () => {
    for (const url of ['/api/health', '/api/nope', '/api/session']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers[HEADERS.protocolVersion]).toBe(String(PROTOCOL_VERSION));
    }
  });
});

describe('OpenAPI', () => {
  it('serves a document with a path for every contract route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of Object.values(routes)) {
      // OpenAPI writes path parameters as {name}.
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
  });
});
