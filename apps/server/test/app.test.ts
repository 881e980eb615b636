import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

function config(extra: Record<string, string> = {}) {
  return loadConfig({ PETREL_MODE: 'demo', PETREL_IMAP_HOST: '127.0.0.1', PETREL_IMAP_TLS: 'plain', ...extra }, () => 's'.repeat(40));
}

describe('app shell', () => {
  it('answers /api/health', async () => {
    const app = await buildApp(config(), { logger: false });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
    await app.close();
  });

  it('serves a placeholder page until the web app is built, and JSON 404s under /api', async () => {
    const app = await buildApp(config({ PETREL_WEB_DIST: '/nonexistent' }), { logger: false });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Petrel</h1>');
    const missing = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
    await app.close();
  });

  it('serves the built app and falls back to index.html for client routes', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'petrel-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>built</title>');
    writeFileSync(join(dist, 'app.js'), 'console.log(1)');
    const app = await buildApp(config({ PETREL_WEB_DIST: dist }), { logger: false });
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('built');
    expect((await app.inject({ method: 'GET', url: '/folders/INBOX' })).body).toContain('built');
    const js = await app.inject({ method: 'GET', url: '/app.js' });
    expect(js.headers['content-type']).toMatch(/javascript/);
    await app.close();
  });
});
