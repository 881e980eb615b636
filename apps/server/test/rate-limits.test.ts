import { startMailServer, type MailServer } from '@petrel/test-mailserver';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { CSRF, testConfig } from './support/harness.ts';

const alice = { email: 'alice@petrel.test', password: 'alice-password' };
const PROXY = '10.0.0.1';

let server: MailServer;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  server = await startMailServer({ users: [alice] });
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});
afterAll(async () => {
  await server?.stop();
});

async function app(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const built = await buildApp(testConfig(server, { env }), { logger: false });
  apps.push(built);
  return built;
}

interface From {
  remoteAddress?: string;
  forwardedFor?: string;
}

function login(target: FastifyInstance, user: { email: string; password: string }, from: From = {}) {
  const headers: Record<string, string> = { ...CSRF };
  if (from.forwardedFor !== undefined) headers['x-forwarded-for'] = from.forwardedFor;
  return target.inject({ method: 'POST', url: '/api/session', headers, payload: user, remoteAddress: from.remoteAddress ?? '203.0.113.1' });
}

/** A wrong password for an account of its own, so that only the per-address limit is at work. */
const guess = (i: number) => ({ email: `victim${i}@petrel.test`, password: 'guess' });

/** In parallel: Dovecot answers a wrong password after half a second. */
async function failFiveTimes(target: FastifyInstance, from: From): Promise<void> {
  const responses = await Promise.all([0, 1, 2, 3, 4].map((i) => login(target, guess(i), from)));
  expect(responses.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
}

function expectRateLimited(response: Awaited<ReturnType<typeof login>>): void {
  expect(response.statusCode).toBe(429);
  expect(response.json()).toMatchObject({ code: 'rate_limited' });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('failed sign-ins per client address', () => {
  it('refuses the sixth attempt after five failures, even with the right password, with Retry-After', async () => {
    const target = await app();
    await failFiveTimes(target, {});
    expectRateLimited(await login(target, guess(5)));
    expectRateLimited(await login(target, alice));
    // Another address is not affected.
    expect((await login(target, alice, { remoteAddress: '203.0.113.2' })).statusCode).toBe(200);
  });

  it('is not reset by a spoofed X-Forwarded-For when no proxy is trusted', async () => {
    const target = await app();
    await failFiveTimes(target, { forwardedFor: '198.51.100.1' });
    expectRateLimited(await login(target, guess(6), { forwardedFor: '198.51.100.2' }));
  });

  it('follows X-Forwarded-For from the configured proxy, and only from it', async () => {
    const target = await app({ PETREL_TRUST_PROXY: PROXY });
    await failFiveTimes(target, { remoteAddress: PROXY, forwardedFor: '198.51.100.1' });
    expectRateLimited(await login(target, guess(6), { remoteAddress: PROXY, forwardedFor: '198.51.100.1' }));
    // Another client behind the same proxy is another address.
    expect((await login(target, alice, { remoteAddress: PROXY, forwardedFor: '198.51.100.2' })).statusCode).toBe(200);
    // A host that is not the proxy is counted by its own address, whatever it claims.
    await failFiveTimes(target, { remoteAddress: '10.0.0.2', forwardedFor: '198.51.100.3' });
    expectRateLimited(await login(target, guess(6), { remoteAddress: '10.0.0.2', forwardedFor: '198.51.100.4' }));
  });

  it('lets no more guesses through a parallel burst than the limit', async () => {
    const target = await app();
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(target, guess(i))));
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('does not count successful sign-ins', async () => {
    const target = await app();
    for (let i = 0; i < 8; i++) expect((await login(target, alice)).statusCode).toBe(200);
    expect((await login(target, guess(0))).statusCode).toBe(401);
  });
});

describe('failed sign-ins per account', () => {
  it('refuses an account after five failures from different addresses, whatever the case of its email', async () => {
    const target = await app();
    const wrong = (email: string) => ({ email, password: 'guess' });
    const spellings = ['alice@petrel.test', 'Alice@petrel.test', 'ALICE@PETREL.TEST', 'alice@Petrel.Test', 'aLiCe@petrel.test'];
    const responses = await Promise.all(spellings.map((email, i) => login(target, wrong(email), { remoteAddress: `203.0.113.${10 + i}` })));
    expect(responses.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    expectRateLimited(await login(target, alice, { remoteAddress: '203.0.113.99' }));
    // Other accounts sign in as usual from that address.
    expect((await login(target, guess(1), { remoteAddress: '203.0.113.99' })).statusCode).toBe(401);
  });

  it('takes its limits from the environment', async () => {
    const target = await app({ PETREL_LOGIN_FAILURES_PER_ACCOUNT: '2', PETREL_LOGIN_FAILURE_WINDOW_SECONDS: '30' });
    const wrong = { ...alice, password: 'guess' };
    await Promise.all([login(target, wrong, { remoteAddress: '203.0.113.1' }), login(target, wrong, { remoteAddress: '203.0.113.2' })]);
    const refused = await login(target, alice, { remoteAddress: '203.0.113.3' });
    expectRateLimited(refused);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(30);
  });
});

describe('request floods', () => {
  it('limits sign-in requests of any outcome per address', async () => {
    const target = await app({ PETREL_LOGIN_ATTEMPTS_PER_MINUTE: '3' });
    // Invalid bodies never reach IMAP, but every request counts.
    for (let i = 0; i < 3; i++) expect((await login(target, { email: 'nope', password: 'x' })).statusCode).toBe(400);
    expectRateLimited(await login(target, alice));
    expect((await login(target, alice, { remoteAddress: '203.0.113.2' })).statusCode).toBe(200);
  });

  it('limits every API request per address, generously, and never the web app itself', async () => {
    const target = await app({ PETREL_API_REQUESTS_PER_MINUTE: '5' });
    const health = (remoteAddress: string) => target.inject({ method: 'GET', url: '/api/health', remoteAddress });
    for (let i = 0; i < 5; i++) expect((await health('203.0.113.1')).statusCode).toBe(200);
    const refused = await health('203.0.113.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'rate_limited' });
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect((await health('203.0.113.2')).statusCode).toBe(200);
    const page = await target.inject({ method: 'GET', url: '/', remoteAddress: '203.0.113.1' });
    expect(page.statusCode).toBe(200);
  });
});
