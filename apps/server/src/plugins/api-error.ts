import { ERROR_MESSAGES, type ErrorCode } from '@petrel/contract';

/**
 * An error with a contract code, thrown anywhere in a request and turned into an
 * ErrorResponse by the error handler. The message reaches the client, so it must not carry
 * internal details; the `cause` is only logged.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.retryAfterSeconds = options?.retryAfterSeconds ?? null;
  }

  /** Sent as Retry-After (503, 429), so clients and proxies do not retry at once. */
  readonly retryAfterSeconds: number | null;
}
