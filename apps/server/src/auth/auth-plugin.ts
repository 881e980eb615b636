import fastifyCookie from '@fastify/cookie';
import { routes } from '@petrel/contract';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { ImapAccess } from '../imap/imap-access.ts';
import type { SessionPool } from '../imap/session-pool.ts';
import { ApiError } from '../plugins/api-error.ts';
import { clearSessionCookie, readSessionToken, type SessionCookie } from './session-cookie.ts';
import type { SessionStore } from './session-store.ts';
import { sessionKey } from './session-token.ts';

/** The signed-in user of a request; `id` is the store key, safe to log (not the cookie). */
export interface RequestSession {
  id: string;
  email: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on routes that need a session (contract `auth: true` or `config.auth`). */
    session: RequestSession;
    /** The signed-in user's IMAP connection; set together with `session`. */
    imap: ImapAccess;
  }
  interface FastifyContextConfig {
    /** Require a session on a route the contract does not list (tests, internal routes). */
    auth?: boolean;
  }
}

export interface AuthPluginOptions {
  store: SessionStore;
  pool: SessionPool;
  cookie: SessionCookie;
}

/**
 * Cookie parsing and the session check. Every route whose contract entry says `auth: true`
 * gets the check as its first onRequest hook automatically, so a route author cannot forget
 * it, and unauthenticated requests are refused before their body is read.
 */
export const authPlugin = fp<AuthPluginOptions>(async (app, { store, pool, cookie }) => {
  await app.register(fastifyCookie);
  app.decorateRequest('session', null as unknown as RequestSession);
  app.decorateRequest('imap', null as unknown as ImapAccess);

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = readSessionToken(request, cookie);
    const record = token === null ? null : await store.get(sessionKey(token));
    if (record === null) {
      if (token !== null) clearSessionCookie(reply, cookie);
      throw new ApiError('unauthenticated');
    }
    await store.touch(record.id);
    request.session = { id: record.id, email: record.email };
    request.imap = pool.accessFor(record);
  }

  app.addHook('onRoute', (route) => {
    if (!needsSession(route)) return;
    const existing = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [authenticate, ...existing];
  });
});

const AUTH_ROUTES = new Set(
  Object.values(routes)
    .filter((r) => r.auth)
    .map((r) => `${r.method} ${r.url}`),
);

function needsSession(route: RouteOptions): boolean {
  if (route.config?.auth === true) return true;
  // Fastify adds a HEAD route for every GET; it runs the GET handler, so it needs the same check.
  return [route.method].flat().some((method) => AUTH_ROUTES.has(`${method === 'HEAD' ? 'GET' : method} ${route.url}`));
}
