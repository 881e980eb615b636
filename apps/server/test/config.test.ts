import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const secret = 'x'.repeat(40);
const gen = () => 'generated-'.padEnd(48, 'g');

describe('loadConfig', () => {
  it('applies defaults for a minimal production environment', () => {
    const config = loadConfig({ PETREL_IMAP_HOST: 'imap.example.com', PETREL_SECRET: secret }, gen);
    expect(config).toMatchObject({
      mode: 'production',
      listen: { host: '127.0.0.1', port: 8080 },
      imap: { host: 'imap.example.com', port: 993, tls: 'implicit', caFile: null },
      secureCookies: true,
      trustProxy: false,
    });
  });

  it('defaults the IMAP pool limits and timers', () => {
    const config = loadConfig({ PETREL_IMAP_HOST: 'imap.example.com', PETREL_SECRET: secret, PETREL_MAX_IMAP_CONNECTIONS: '20' }, gen);
    expect(config.pool).toMatchObject({ maxConnections: 20, idleCloseMs: 600_000, connectTimeoutMs: 15_000, socketTimeoutMs: 180_000 });
  });

  it('defaults the rate limits, and reads them from the environment', () => {
    const base = { PETREL_IMAP_HOST: 'imap.example.com', PETREL_SECRET: secret };
    expect(loadConfig(base, gen).limits).toEqual({
      loginFailuresPerIp: 5,
      loginFailuresPerAccount: 5,
      loginFailureWindowMs: 60_000,
      loginAttemptsPerMinute: 30,
      apiRequestsPerMinute: 3000,
    });
    const custom = loadConfig({ ...base, PETREL_LOGIN_FAILURES_PER_IP: '10', PETREL_API_REQUESTS_PER_MINUTE: '100' }, gen);
    expect(custom.limits).toMatchObject({ loginFailuresPerIp: 10, apiRequestsPerMinute: 100 });
  });

  it('defaults STARTTLS to port 143', () => {
    const config = loadConfig({ PETREL_IMAP_HOST: 'imap.example.com', PETREL_IMAP_TLS: 'starttls', PETREL_SECRET: secret }, gen);
    expect(config.imap.port).toBe(143);
  });

  it.each([
    [{}, /^PETREL_IMAP_HOST is missing/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_LISTEN_PORT: 'eighty' }, /^PETREL_LISTEN_PORT has an invalid value/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_IMAP_TLS: 'maybe' }, /^PETREL_IMAP_TLS has an invalid value/],
    [{ PETREL_IMAP_HOST: 'h' }, /^PETREL_SECRET is missing/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: 'short' }, /^PETREL_SECRET has an invalid value/],
    [{ PETREL_IMAP_HOST: 'imap.example.com', PETREL_SECRET: secret, PETREL_IMAP_TLS: 'plain' }, /^PETREL_IMAP_TLS .*loopback/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_TRUST_PROXY: 'true' }, /^PETREL_TRUST_PROXY/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_LISTEN_HOST: '0.0.0.0', PETREL_SECURE_COOKIES: 'false' }, /^PETREL_SECURE_COOKIES/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_MAX_IMAP_CONNECTIONS: '0' }, /^PETREL_MAX_IMAP_CONNECTIONS has an invalid value/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_IMAP_IDLE_CLOSE_MINUTES: 'soon' }, /^PETREL_IMAP_IDLE_CLOSE_MINUTES has an invalid value/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_IMAP_SOCKET_TIMEOUT_SECONDS: '5' }, /^PETREL_IMAP_SOCKET_TIMEOUT_SECONDS has an invalid value/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_LOGIN_FAILURES_PER_IP: '0' }, /^PETREL_LOGIN_FAILURES_PER_IP has an invalid value/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_LOGIN_FAILURES_PER_ACCOUNT: 'many' }, /^PETREL_LOGIN_FAILURES_PER_ACCOUNT has an invalid value/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_LOGIN_FAILURE_WINDOW_SECONDS: '1.5' }, /^PETREL_LOGIN_FAILURE_WINDOW_SECONDS has an invalid value/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_LOGIN_ATTEMPTS_PER_MINUTE: '-1' }, /^PETREL_LOGIN_ATTEMPTS_PER_MINUTE has an invalid value/],
    [{ PETREL_IMAP_HOST: 'h', PETREL_SECRET: secret, PETREL_API_REQUESTS_PER_MINUTE: '1e9' }, /^PETREL_API_REQUESTS_PER_MINUTE has an invalid value/],
  ])('rejects %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env, gen)).toThrow(ConfigError);
    expect(() => loadConfig(env, gen)).toThrow(message);
  });

  it('generates a secret in demo mode and allows plain IMAP to loopback', () => {
    const config = loadConfig({ PETREL_MODE: 'demo', PETREL_IMAP_HOST: '127.0.0.1', PETREL_IMAP_TLS: 'plain' }, gen);
    expect(config.secret).toBe(gen());
    expect(config.secureCookies).toBe(false);
  });
});
