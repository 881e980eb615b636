import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { CSRF, testConfig } from './support/harness.ts';

/** The policy the issue asks for, written out so that any change to it is a visible diff. */
const APP_CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: https: http:;" +
  "font-src 'self' https:;connect-src 'self';frame-src 'self';frame-ancestors 'none';object-src 'none';" +
  "base-uri 'none';form-action 'self';worker-src 'self';manifest-src 'self'";

const EVERY_RESPONSE = {
  'content-security-policy': APP_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const PROXY = '10.0.0.1';
let app: FastifyInstance;
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'petrel-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>built</title>');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'index-3f2a9c.js'), 'console.log(1)');
  // No IMAP server: nothing here gets that far (port 9 is discard).
  const config = testConfig({ host: '127.0.0.1', port: 9 }, { env: { PETREL_WEB_DIST: dist, PETREL_TRUST_PROXY: PROXY } });
  app = await buildApp(config, { logger: false });
});
afterAll(async () => {
  await app?.close();
});

const get = (url: string, options: { headers?: Record<string, string>; remoteAddress?: string } = {}) =>
  app.inject({ method: 'GET', url, ...options });

describe('security headers', () => {
  it('go on API answers, pages, files and errors alike', async () => {
    const responses: [string, LightMyRequestResponse][] = [
      ['api', await get('/api/health')],
      ['page', await get('/')],
      ['client route', await get('/folders/INBOX')],
      ['asset', await get('/assets/index-3f2a9c.js')],
      ['404', await get('/api/nope')],
      ['401', await get('/api/folders')],
      ['403 csrf', await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'a@b.c', password: 'x' } })],
      ['400', await app.inject({ method: 'POST', url: '/api/session', headers: CSRF, payload: { email: 'nope' } })],
    ];
    for (const [name, response] of responses) expect({ name, ...response.headers }).toMatchObject({ name, ...EVERY_RESPONSE });
  });

  it('sends HSTS only when the browser came over TLS, as the trusted proxy reports it', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const viaProxy = await get('/api/health', { remoteAddress: PROXY, headers: https });
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000');
    // Anyone but the proxy can send the header; it means nothing from them.
    const spoofed = await get('/api/health', { remoteAddress: '198.51.100.7', headers: https });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    const plain = await get('/', { remoteAddress: PROXY, headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('go on errors the router answers before any hook runs, whose bodies do not echo the URL', async () => {
    for (const [url, status] of [
      ['/api/folders/%E0%A4%3Cscript%3E/messages', 400],
      [`/api/folders/${'%3Cb%3E'.repeat(2000)}/messages`, 414],
    ] as const) {
      const response = await get(url);
      expect([url.slice(0, 30), response.statusCode, response.json().code]).toEqual([url.slice(0, 30), status, 'bad_request']);
      expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'cache-control': 'no-store' });
      expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'/);
      expect(response.body).not.toMatch(/script|<b>|%3C/i);
    }
  });

  it('keeps API answers out of caches', async () => {
    expect((await get('/api/health')).headers['cache-control']).toBe('no-store');
    expect((await get('/api/folders')).headers['cache-control']).toBe('no-store');
  });
});

describe('caching of the web app', () => {
  it('has the browser revalidate index.html, client routes and the service worker', async () => {
    for (const url of ['/', '/index.html', '/folders/INBOX', '/sw.js']) {
      const response = await get(url);
      expect([url, response.statusCode, response.headers['cache-control']]).toEqual([url, 200, 'no-cache']);
      expect(response.headers.etag, url).toBeDefined();
    }
  });

  it('lets hashed assets be cached for a year, and answers a missing one with 404, not HTML', async () => {
    const asset = await get('/assets/index-3f2a9c.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gone = await get('/assets/index-from-last-deploy.js');
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/^application\/json/);
  });

  it('has the browser revalidate the placeholder page too', async () => {
    const bare = await buildApp(testConfig({ host: '127.0.0.1', port: 9 }), { logger: false });
    const page = await bare.inject({ method: 'GET', url: '/' });
    expect(page.headers).toMatchObject({ 'cache-control': 'no-cache', ...EVERY_RESPONSE });
    await bare.close();
  });
});
