import { ERROR_STATUS, errorResponse, toValidationIssues, type ErrorCode, type ErrorResponse, type ValidationIssue } from '@petrel/contract';
import type { FastifyError, FastifyInstance } from 'fastify';
import { errorCode } from '../imap/imap-errors.ts';
import { ApiError } from './api-error.ts';
import { RequestValidationError } from './validation.ts';

/**
 * Every error becomes an ErrorResponse (the routes declare that schema for their error
 * statuses, so Fastify's own error body would fail serialisation). 4xx messages are meant
 * for the client; 5xx answers carry only the code's default text, the details go to the log.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { body, retryAfterSeconds } = describe(error);
    const status = ERROR_STATUS[body.code];
    if (status >= 500 && body.code === 'internal') request.log.error({ err: error }, 'Request failed');
    else if (status >= 500) request.log.warn({ err: error, code: body.code }, 'Request failed');
    else request.log.info({ code: body.code }, body.message);
    if (retryAfterSeconds !== null) void reply.header('retry-after', String(retryAfterSeconds));
    return reply.code(status).send(body);
  });
}

interface Described {
  body: ErrorResponse;
  retryAfterSeconds: number | null;
}

function describe(error: FastifyError): Described {
  if (error instanceof RequestValidationError) {
    return plain('bad_request', 'The request was not valid.', toValidationIssues(error.zodError).map((issue) => prefixed(issue, error.validationContext)));
  }
  if (error instanceof ApiError) {
    // 5xx ApiErrors keep their message: they are written for the client (e.g. "too many
    // connections"), and internal details travel in `cause`, which is only logged.
    return { body: errorResponse(error.code, error.message).body, retryAfterSeconds: error.retryAfterSeconds };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return plain('payload_too_large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return plain('bad_request', error.message);
    case 'FST_ERR_VALIDATION':
      // A plugin with fastify-type-provider-zod's own validatorCompiler: its issues carry
      // the path only as an instancePath string.
      return plain('bad_request', 'The request was not valid.', (error.validation ?? []).map((v) => fromInstancePath(v, error.validationContext)));
  }
  const code = errorCode(error);
  if (code !== 'internal') return { body: errorResponse(code).body, retryAfterSeconds: code === 'imap_unavailable' ? 5 : null };
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) return plain(codeForStatus(status), error.message);
  return plain('internal');
}

function plain(code: ErrorCode, message?: string, issues?: ValidationIssue[]): Described {
  return { body: errorResponse(code, message, issues).body, retryAfterSeconds: null };
}

/** Issues name where they are: ['body', 'email'], ['params', 'folder']. */
function prefixed(issue: ValidationIssue, context: string | undefined): ValidationIssue {
  return context === undefined ? issue : { ...issue, path: [context, ...issue.path] };
}

function fromInstancePath(
  issue: { instancePath: string; message?: string | undefined },
  context: string | undefined,
): ValidationIssue {
  const path = issue.instancePath.split('/').filter((segment) => segment !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return prefixed({ path, message: issue.message ?? 'Invalid value' }, context);
}

/** Fastify's own 4xx errors (e.g. 414, 415, 406) in the nearest contract code. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  return 'bad_request';
}
