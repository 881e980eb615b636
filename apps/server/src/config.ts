import { z } from 'zod';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

const port = z.coerce.number().int().min(1).max(65535);
const count = z.coerce.number().int().min(1).max(1_000_000);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable Petrel reads. Each one is documented in the README; a wrong
 * value stops the server with a one-line message naming the variable.
 */
const EnvSchema = z.object({
  PETREL_MODE: z.enum(['production', 'demo']).default('production'),
  PETREL_LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  PETREL_LISTEN_PORT: port.default(8080),
  PETREL_IMAP_HOST: z.string().min(1),
  PETREL_IMAP_PORT: port.optional(),
  PETREL_IMAP_TLS: z.enum(['implicit', 'starttls', 'plain']).default('implicit'),
  PETREL_IMAP_CA_FILE: z.string().min(1).optional(),
  PETREL_SECRET: z.string().optional(),
  PETREL_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 30).default(60 * 24),
  PETREL_TRUST_PROXY: z.string().optional(),
  PETREL_WEB_DIST: z.string().min(1).optional(),
  PETREL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PETREL_SECURE_COOKIES: bool.optional(),
  PETREL_MAX_IMAP_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(500),
  PETREL_IMAP_IDLE_CLOSE_MINUTES: z.coerce.number().int().min(1).max(60 * 24).default(10),
  PETREL_IMAP_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  PETREL_IMAP_SOCKET_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(3600).default(180),
  PETREL_LOGIN_FAILURES_PER_IP: count.default(5),
  PETREL_LOGIN_FAILURES_PER_ACCOUNT: count.default(5),
  PETREL_LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(60),
  PETREL_LOGIN_ATTEMPTS_PER_MINUTE: count.default(30),
  PETREL_API_REQUESTS_PER_MINUTE: count.default(3000),
});

export interface Config {
  mode: 'production' | 'demo';
  listen: { host: string; port: number };
  imap: { host: string; port: number; tls: 'implicit' | 'starttls' | 'plain'; caFile: string | null };
  /** Key material for credential encryption and cookie signing (≥ 32 characters). */
  secret: string;
  sessionIdleMs: number;
  /** Passed to Fastify's trustProxy: an address, CIDR list or hop count; false when unset. */
  trustProxy: string | number | false;
  webDist: string | null;
  logLevel: string;
  /** Secure + __Host- cookies; only a loopback demo may turn them off. */
  secureCookies: boolean;
  pool: PoolConfig;
  limits: RateLimitConfig;
}

/**
 * Per client address (request.ip, which honours only the configured proxy) and per account
 * (plugins/rate-limits.ts, auth/login-throttle.ts).
 */
export interface RateLimitConfig {
  /** Failed sign-ins (refused passwords) per client address within `loginFailureWindowMs`. */
  loginFailuresPerIp: number;
  /** Failed sign-ins per account (lower-cased email), from all addresses together. */
  loginFailuresPerAccount: number;
  loginFailureWindowMs: number;
  /** Sign-in requests of any outcome per address and minute: each one opens an IMAP connection. */
  loginAttemptsPerMinute: number;
  /** Every /api request per address and minute; generous, against floods, not users. */
  apiRequestsPerMinute: number;
}

/** The IMAP session pool's limits and timers (src/imap/session-pool.ts). */
export interface PoolConfig {
  /** Open IMAP connections across all users; one more is refused with too_many_connections. */
  maxConnections: number;
  /** A user's connection closes after this long with no open tab (SSE stream) and no request. */
  idleCloseMs: number;
  /** TCP/TLS connect and greeting, each. */
  connectTimeoutMs: number;
  /**
   * Socket silence that ends a connection while a command waits for its answer (imapflow's
   * socketTimeout). Above Dovecot's 2-minute "Still here" during IDLE, so an idle connection
   * is not probed needlessly; a stalled command fails after this long.
   */
  socketTimeoutMs: number;
  /**
   * Reconnect backoff (src/imap/backoff.ts): the first delay, the cap, and how long a
   * connection must last to count as stable and reset the attempt counter.
   */
  reconnectBaseMs: number;
  reconnectCapMs: number;
  stableAfterMs: number;
}

export class ConfigError extends Error {}

export const MIN_SECRET_LENGTH = 32;

/** Reads and checks the environment; throws ConfigError with a one-line, named reason. */
export function loadConfig(env: NodeJS.ProcessEnv, generateSecret: () => string): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const value = env[name];
    if (value === undefined || value === '') throw new ConfigError(`${name} is missing: set it (see the README's Configuration).`);
    throw new ConfigError(`${name} has an invalid value: ${issue.message}`);
  }
  const e = parsed.data;
  const imapPort = e.PETREL_IMAP_PORT ?? (e.PETREL_IMAP_TLS === 'implicit' ? 993 : 143);
  if (e.PETREL_IMAP_TLS === 'plain' && !LOOPBACK.test(e.PETREL_IMAP_HOST)) {
    throw new ConfigError(
      'PETREL_IMAP_TLS has an invalid value: "plain" is only allowed to a loopback IMAP host; use "implicit" or "starttls".',
    );
  }
  let secret = e.PETREL_SECRET;
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`PETREL_SECRET has an invalid value: it must be at least ${MIN_SECRET_LENGTH} characters.`);
  }
  if (secret === undefined) {
    if (e.PETREL_MODE === 'production') {
      throw new ConfigError(
        `PETREL_SECRET is missing: production mode needs a random secret of at least ${MIN_SECRET_LENGTH} characters (e.g. "openssl rand -base64 48").`,
      );
    }
    secret = generateSecret();
  }
  const loopbackListen = LOOPBACK.test(e.PETREL_LISTEN_HOST);
  const secureCookies = e.PETREL_SECURE_COOKIES ?? !(e.PETREL_MODE === 'demo' && loopbackListen);
  if (!secureCookies && !loopbackListen) {
    throw new ConfigError('PETREL_SECURE_COOKIES has an invalid value: insecure cookies are only allowed when listening on loopback.');
  }
  return {
    mode: e.PETREL_MODE,
    listen: { host: e.PETREL_LISTEN_HOST, port: e.PETREL_LISTEN_PORT },
    imap: { host: e.PETREL_IMAP_HOST, port: imapPort, tls: e.PETREL_IMAP_TLS, caFile: e.PETREL_IMAP_CA_FILE ?? null },
    secret,
    sessionIdleMs: e.PETREL_SESSION_IDLE_MINUTES * 60_000,
    trustProxy: parseTrustProxy(e.PETREL_TRUST_PROXY),
    webDist: e.PETREL_WEB_DIST ?? null,
    logLevel: e.PETREL_LOG_LEVEL,
    secureCookies,
    pool: {
      maxConnections: e.PETREL_MAX_IMAP_CONNECTIONS,
      idleCloseMs: e.PETREL_IMAP_IDLE_CLOSE_MINUTES * 60_000,
      connectTimeoutMs: e.PETREL_IMAP_CONNECT_TIMEOUT_SECONDS * 1000,
      socketTimeoutMs: e.PETREL_IMAP_SOCKET_TIMEOUT_SECONDS * 1000,
      reconnectBaseMs: 1000,
      reconnectCapMs: 5 * 60_000,
      stableAfterMs: 60_000,
    },
    limits: {
      loginFailuresPerIp: e.PETREL_LOGIN_FAILURES_PER_IP,
      loginFailuresPerAccount: e.PETREL_LOGIN_FAILURES_PER_ACCOUNT,
      loginFailureWindowMs: e.PETREL_LOGIN_FAILURE_WINDOW_SECONDS * 1000,
      loginAttemptsPerMinute: e.PETREL_LOGIN_ATTEMPTS_PER_MINUTE,
      apiRequestsPerMinute: e.PETREL_API_REQUESTS_PER_MINUTE,
    },
  };
}

function parseTrustProxy(value: string | undefined): string | number | false {
  if (value === undefined || value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true') {
    throw new ConfigError('PETREL_TRUST_PROXY has an invalid value: name the proxy address(es) or a hop count, not "true" (any client could then spoof X-Forwarded-For).');
  }
  return value;
}
