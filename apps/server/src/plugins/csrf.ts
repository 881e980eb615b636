import { CSRF_HEADER_VALUE, errorResponse, HEADERS } from '@petrel/contract';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isApiPath } from './api-contract.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Fetch Metadata (W3C): `none` is a user-initiated request, e.g. typed in the address bar. */
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * CSRF guard for unsafe API requests (contract protocol.ts). The custom header is the core:
 * a cross-site page cannot send it without a CORS preflight, which this server never grants.
 * Sec-Fetch-Site and Origin are checked when the browser sends them, as defence in depth
 * against a misconfigured proxy adding CORS headers. Runs before body parsing and auth.
 */
export const csrfGuard = fp(async (app) => {
  app.addHook('onRequest', async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method) || !isApiPath(request.url)) return;
    const reason = rejection(request);
    if (reason === null) return;
    request.log.info({ reason }, 'CSRF check refused a request');
    const { status, body } = errorResponse('csrf_rejected');
    return reply.code(status).send(body);
  });
});

function rejection(request: FastifyRequest): string | null {
  if (request.headers[HEADERS.csrf] !== CSRF_HEADER_VALUE) return 'missing CSRF header';
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && !ALLOWED_FETCH_SITES.has(String(site))) return `Sec-Fetch-Site ${String(site)}`;
  const origin = request.headers.origin;
  if (origin !== undefined && !sameHost(origin, request.host)) return 'foreign Origin';
  return null;
}

/** Origin's host (with port) against the Host the request was sent to (X-Forwarded-Host behind a trusted proxy). */
function sameHost(origin: string, host: string): boolean {
  try {
    const parsed = new URL(origin);
    // Normalise Host through the same parser, so default ports and case compare equal.
    return parsed.host === new URL(`${parsed.protocol}//${host}`).host;
  } catch {
    // "null" (opaque origins: sandboxed frames, data: URLs) and garbage.
    return false;
  }
}
