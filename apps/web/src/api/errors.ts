import { ERROR_MESSAGES } from '@petrel/contract';
import type { ErrorCode } from '@petrel/contract';

/**
 * Codes the client adds to the contract's: `network` (no response at all),
 * `invalid_response` (a 2xx body that does not match the route's schema, e.g. from a newer
 * server) and `protocol_mismatch` (the server speaks a newer protocol; reload).
 */
export type ApiErrorCode = ErrorCode | 'network' | 'invalid_response' | 'protocol_mismatch';

const CLIENT_MESSAGES: Record<Exclude<ApiErrorCode, ErrorCode>, string> = {
  network: 'Cannot reach Petrel. Check your connection.',
  invalid_response: 'The server sent something this version of Petrel does not understand.',
  protocol_mismatch: 'Petrel was updated. Reload the page to continue.',
};

/** Every failed request surfaces as this, with a stable code and words for the UI. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;

  constructor(code: ApiErrorCode, message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }

  static of(code: ApiErrorCode, status = 0): ApiError {
    const message =
      code in CLIENT_MESSAGES
        ? CLIENT_MESSAGES[code as keyof typeof CLIENT_MESSAGES]
        : ERROR_MESSAGES[code as ErrorCode];
    return new ApiError(code, message, status);
  }
}

/** Words for any thrown value, for status lines and action results. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message !== '') return error.message;
  return 'Something went wrong.';
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
