import { MAX_PATH_PARAM_LENGTH } from '@petrel/contract';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { authPlugin } from './auth/auth-plugin.ts';
import { CredentialVault } from './auth/credential-vault.ts';
import { sessionCookie } from './auth/session-cookie.ts';
import { sessionRoutes } from './auth/session-routes.ts';
import { MemorySessionStore } from './auth/session-store.ts';
import type { Config } from './config.ts';
import { MemoryEventLog } from './events/memory-event-log.ts';
import { changeWatchers } from './events/pool-binding.ts';
import { eventsRoutes } from './events/routes.ts';
import { poolPlugin } from './imap/pool-plugin.ts';
import { SessionPool } from './imap/session-pool.ts';
import { mailRoutes } from './mail/routes.ts';
import { healthRoutes } from './ops/health.ts';
import { apiContract } from './plugins/api-contract.ts';
import { csrfGuard } from './plugins/csrf.ts';
import { installErrorHandler } from './plugins/error-handler.ts';
import { frameworkErrors } from './plugins/framework-errors.ts';
import { rateLimits } from './plugins/rate-limits.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { webApp } from './plugins/web-app.ts';

export interface AppOptions {
  /** Pino logger options (merged over the level and redaction); tests pass false. */
  logger?: false | Record<string, unknown>;
}

/**
 * Secrets never reach the log: request bodies are not logged at all (Fastify logs method
 * and URL only), and these paths are censored wherever a log call puts them.
 */
const REDACT = [
  'password',
  '*.password',
  '*.*.password',
  'pass',
  '*.pass',
  '*.auth.pass',
  'sealedPassword',
  '*.sealedPassword',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/** Builds the Fastify app without listening, so tests can use app.inject(). */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logger),
    // Fastify takes a hop count as a number at run time; its types omit it.
    trustProxy: config.trustProxy as string | boolean,
    bodyLimit: 1024 * 1024,
    // Long folder paths and message ids are path parameters (contract protocol.ts).
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    frameworkErrors,
  });
  installErrorHandler(app);
  // First, so that every response carries the headers, also those refused by later hooks.
  await app.register(securityHeaders);
  await app.register(rateLimits, { limits: config.limits });
  await app.register(apiContract);
  await app.register(csrfGuard);

  // In memory: one instance. Several instances need a shared SessionStore (e.g. Redis).
  const store = new MemorySessionStore(config.sessionIdleMs);
  const pool = new SessionPool({
    server: config.imap,
    config: config.pool,
    vault: new CredentialVault(config.secret),
    store,
    log: app.log.child({ component: 'pool' }),
    expiryCheckMs: Math.min(config.sessionIdleMs, 60_000),
  });
  const cookie = sessionCookie(config.secureCookies, config.sessionIdleMs);
  await app.register(poolPlugin, { pool });
  await app.register(authPlugin, { store, pool, cookie });
  app.addHook('onClose', async () => store.close());

  await app.register(healthRoutes, { config });
  await app.register(sessionRoutes, { store, pool, cookie, limits: config.limits });
  // The session check reaches these by itself (contract `auth: true`): they get
  // `request.session` and `request.imap`.
  await app.register(mailRoutes);
  // The change watchers write what IMAP reports into the log; the SSE route streams it.
  const eventLog = new MemoryEventLog();
  await app.register(changeWatchers, { eventLog });
  await app.register(eventsRoutes, { eventLog });
  await app.register(webApp, { webDist: config.webDist });
  return app;
}

function loggerOptions(config: Config, logger: AppOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === false) return false;
  return { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' }, ...logger };
}
