import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { errorResponse } from '@petrel/contract';
import fp from 'fastify-plugin';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Petrel</title></head>
<body><main><h1>Petrel</h1><p>The server is running; the web app has not been built yet.</p></main></body></html>`;

/**
 * Serves the built single-page app, with index.html for every non-API path so client
 * routes survive a reload; a placeholder page until the app is built. Unknown /api
 * paths stay JSON 404s.
 */
export const webApp = fp<{ webDist: string | null }>(async (app, { webDist }) => {
  const hasBuild = webDist !== null && existsSync(join(webDist, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || path.startsWith('/api/') || path === '/api') {
      const { status, body } = errorResponse('not_found', `No route for ${request.method} ${path}`);
      return reply.code(status).send(body);
    }
    if (hasBuild) return reply.type('text/html').sendFile('index.html');
    return reply.type('text/html').send(PLACEHOLDER);
  });
});
