import { errorResponse } from '@petrel/contract';
import type { FastifyError, FastifyReply } from 'fastify';

/**
 * Headers for the few answers Fastify gives before any hook runs (so before helmet): the
 * body is JSON, so nothing in it may load or run, and nothing may frame or cache it.
 */
const HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Fastify's `frameworkErrors`: a URL that cannot be decoded, or a path parameter longer than
 * the router allows (414), answered as an ErrorResponse like every other error. Fastify's own
 * body would echo the whole URL, which is the attacker's text.
 */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const { body } = errorResponse('bad_request', tooLong ? 'A part of the URL is too long.' : 'The URL is not valid.');
  void reply.code(tooLong ? 414 : 400).headers(HEADERS).send(body);
}
