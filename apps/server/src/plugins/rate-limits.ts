import fastifyRateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { RateLimitConfig } from '../config.ts';
import { isApiPath } from './api-contract.ts';
import { ApiError } from './api-error.ts';

/**
 * Request floods, per client address: a generous limit on every /api request, and a tighter
 * one on sign-in (see `loginRateLimit`). The key is `request.ip`, which follows
 * X-Forwarded-For only from the proxy PETREL_TRUST_PROXY names: anyone else who sends that
 * header is still counted by the address they connect from. Failed passwords have their own
 * limits per address and per account (auth/login-throttle.ts). Counters live in this
 * process, like the sessions.
 */
export const rateLimits = fp<{ limits: RateLimitConfig }>(async (app, { limits }) => {
  await app.register(fastifyRateLimit, {
    max: limits.apiRequestsPerMinute,
    timeWindow: 60_000,
    // The web app's static files are cheap, and a reload must never be refused.
    allowList: (request) => !isApiPath(request.url),
    // An ErrorResponse like every other error; the error handler sends Retry-After.
    errorResponseBuilder: (_request, context) =>
      new ApiError('rate_limited', undefined, { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
});

/**
 * Route config for `POST /api/session`: every attempt counts, whatever its outcome, since
 * each one opens an IMAP connection; this also bounds bursts of parallel guesses.
 */
export function loginRateLimit(limits: RateLimitConfig): RateLimitOptions {
  return { max: limits.loginAttemptsPerMinute, timeWindow: 60_000 };
}
