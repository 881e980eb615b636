import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { errorResponse } from '@petrel/contract';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Petrel</title></head>
<body><main><h1>Petrel</h1><p>The server is running; the web app has not been built yet.</p></main></body></html>`;

/** Vite's output folder for files with a content hash in their name. */
const HASHED_DIR = 'assets';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Everything without a hash in its name: index.html, the service worker, the manifest. The
 * browser may keep them but must ask first (a cheap 304 with the ETag), so a deploy is
 * picked up on the next load; a stale service worker would keep serving the old app.
 */
const REVALIDATE = 'no-cache';

/**
 * Serves the built single-page app, with index.html for every non-API path so client
 * routes survive a reload; a placeholder page until the app is built. Unknown /api paths
 * stay JSON 404s, and so do unknown /assets/ files: a tab still running the previous deploy
 * that asks for one of its chunks must get an error it can react to (reload), not HTML.
 */
export const webApp = fp<{ webDist: string | null }>(async (app, { webDist }) => {
  const hasBuild = webDist !== null && existsSync(join(webDist, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: 'index.html',
      // Replaced by setHeaders; @fastify/send would otherwise send `public, max-age=0`.
      cacheControl: false,
      setHeaders: (reply: FastifyReply, path: string) => {
        const hashed = relative(webDist, path).startsWith(HASHED_DIR + sep);
        void reply.header('cache-control', hashed ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || isUnder(path, '/api') || isUnder(path, `/${HASHED_DIR}`)) {
      const { status, body } = errorResponse('not_found', `No route for ${request.method} ${path}`);
      return reply.code(status).send(body);
    }
    if (hasBuild) return reply.type('text/html').sendFile('index.html');
    return reply.type('text/html').header('cache-control', REVALIDATE).send(PLACEHOLDER);
  });
});

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}
