import { PROTOCOL_VERSION, routes } from '@petrel/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RateLimitConfig } from '../config.ts';
import { errorCode } from '../imap/imap-errors.ts';
import type { SessionPool } from '../imap/session-pool.ts';
import { loginRateLimit } from '../plugins/rate-limits.ts';
import { LoginThrottle } from './login-throttle.ts';
import { clearSessionCookie, readSessionToken, setSessionCookie, type SessionCookie } from './session-cookie.ts';
import type { SessionStore } from './session-store.ts';
import { newSessionToken, sessionKey } from './session-token.ts';

export interface SessionRoutesOptions {
  store: SessionStore;
  pool: SessionPool;
  cookie: SessionCookie;
  limits: RateLimitConfig;
}

/** Sign in, who am I, sign out (contract routes `login`, `session`, `logout`). */
export const sessionRoutes: FastifyPluginAsyncZod<SessionRoutesOptions> = async (app, { store, pool, cookie, limits }) => {
  const throttle = new LoginThrottle({
    failuresPerIp: limits.loginFailuresPerIp,
    failuresPerAccount: limits.loginFailuresPerAccount,
    windowMs: limits.loginFailureWindowMs,
  });

  app.route({
    method: routes.login.method,
    url: routes.login.url,
    schema: routes.login.schema,
    config: { rateLimit: loginRateLimit(limits) },
    handler: async (request, reply) => {
      const { email, password } = request.body;
      const attempt = throttle.begin(request.ip, email);
      let sealedPassword: string;
      try {
        // The IMAP server is the judge of the password; the pool keeps the connection.
        sealedPassword = await pool.login(email, password);
        attempt.end(false);
      } catch (error) {
        // Only a refused password is a guess; an unreachable server is not the user's doing.
        attempt.end(errorCode(error) === 'invalid_credentials');
        throw error;
      }
      // A new token on every sign-in, so a token planted before login is worth nothing
      // (session fixation); a session the browser had before is ended.
      const previous = readSessionToken(request, cookie);
      if (previous !== null) await store.delete(sessionKey(previous));
      const token = newSessionToken();
      await store.set({ id: sessionKey(token), email, sealedPassword, createdAt: Date.now() });
      setSessionCookie(reply, cookie, token);
      request.log.info({ user: email.toLowerCase() }, 'Signed in');
      return { user: { email }, protocolVersion: PROTOCOL_VERSION };
    },
  });

  app.route({
    method: routes.session.method,
    url: routes.session.url,
    schema: routes.session.schema,
    handler: async (request, reply) => {
      // The app asks this at start: renewing the cookie's browser lifetime here keeps a user
      // who comes back every day signed in, as the server-side idle time slides too.
      const token = readSessionToken(request, cookie);
      if (token !== null) setSessionCookie(reply, cookie, token);
      return { user: { email: request.session.email }, protocolVersion: PROTOCOL_VERSION };
    },
  });

  app.route({
    method: routes.logout.method,
    url: routes.logout.url,
    schema: routes.logout.schema,
    handler: async (request, reply) => {
      const token = readSessionToken(request, cookie);
      if (token !== null) {
        const id = sessionKey(token);
        const session = await store.get(id);
        await store.delete(id);
        if (session) await pool.sessionEnded(session, 'logout');
      }
      clearSessionCookie(reply, cookie);
      return reply.code(204).send();
    },
  });
};
