import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ERROR_CODES,
  ERROR_MESSAGES,
  ERROR_STATUS,
  ErrorResponseSchema,
  errorResponse,
  parseErrorResponse,
  toValidationIssues,
} from './errors.ts';

describe('error codes', () => {
  // Fails when a code is added without a status or message (tsc also refuses to compile).
  it.each(ERROR_CODES)('%s has an HTTP error status and an English message', (code) => {
    const status: number = ERROR_STATUS[code];
    expect(Number.isInteger(status) && status >= 400 && status <= 599).toBe(true);
    expect(ERROR_MESSAGES[code]).toMatch(/^[A-Z].*\.$/);
  });

  it('has no status or message for a code that does not exist', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('includes every code the product asked for', () => {
    for (const code of [
      'bad_request',
      'not_found',
      'unauthenticated',
      'invalid_credentials',
      'imap_unavailable',
      'too_many_connections',
      'rate_limited',
      'forbidden',
      'csrf_rejected',
      'folder_not_found',
      'folder_exists',
      'message_not_found',
      'part_not_found',
      'cannot_calculate_changes',
      'payload_too_large',
      'internal',
    ]) {
      expect(ERROR_CODES).toContain(code);
    }
  });
});

describe('error bodies', () => {
  it('builds status and body', () => {
    expect(errorResponse('folder_exists')).toEqual({
      status: 409,
      body: { code: 'folder_exists', message: ERROR_MESSAGES.folder_exists },
    });
    const issues = [{ path: ['ops', 0, 'opId'], message: 'Too short' }];
    const { body } = errorResponse('bad_request', 'Invalid body', issues);
    expect(ErrorResponseSchema.parse(body)).toEqual(body);
  });

  it('converts zod issues, symbols included', () => {
    const key = Symbol('k');
    const result = z.object({ a: z.array(z.number()) }).safeParse({ a: [1, 'x'] });
    expect(toValidationIssues(result.error!)).toEqual([
      { path: ['a', 1], message: expect.any(String) },
    ]);
    const custom = new z.ZodError([{ code: 'custom', path: [key], message: 'm', input: 1 }]);
    expect(toValidationIssues(custom)).toEqual([{ path: ['Symbol(k)'], message: 'm' }]);
  });

  it('reads any error body on the client', () => {
    expect(parseErrorResponse(404, { code: 'folder_not_found', message: 'Gone' })).toEqual({
      code: 'folder_not_found',
      message: 'Gone',
    });
    expect(parseErrorResponse(502, '<html>Bad Gateway</html>').code).toBe('imap_unavailable');
    expect(parseErrorResponse(401, null).code).toBe('unauthenticated');
    expect(parseErrorResponse(418, { code: 'teapot', message: 'x' }).code).toBe('bad_request');
    expect(parseErrorResponse(500, undefined)).toEqual({
      code: 'internal',
      message: ERROR_MESSAGES.internal,
    });
  });
});
