import { z } from 'zod';

/**
 * Every error the API reports carries one of these codes, end to end: the server picks the
 * code, the HTTP status follows from it (ERROR_STATUS), and the UI shows ERROR_MESSAGES or
 * its own text for it. Codes that mirror IMAP outcomes follow RFC 5530 response codes:
 * NONEXISTENT → folder_not_found, ALREADYEXISTS → folder_exists, NOPERM → forbidden,
 * OVERQUOTA → quota_exceeded, any other NO → imap_rejected.
 * Adding a code is a breaking change for strict clients: bump PROTOCOL_VERSION.
 */
export const ERROR_CODES = [
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
  'folder_not_selectable',
  'message_not_found',
  'part_not_found',
  'cannot_calculate_changes',
  'imap_rejected',
  'quota_exceeded',
  'payload_too_large',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * HTTP status per code. Typed as a total record, so adding a code without a status fails
 * to compile (and errors.test.ts checks it at run time too).
 */
export const ERROR_STATUS = {
  bad_request: 400,
  not_found: 404,
  unauthenticated: 401,
  invalid_credentials: 401,
  // The IMAP server is down or unreachable: the request may succeed later (Retry-After).
  imap_unavailable: 503,
  // The IMAP server refused another connection (Dovecot mail_max_userip_connections):
  // not the client's request rate, so 503 rather than 429.
  too_many_connections: 503,
  rate_limited: 429,
  forbidden: 403,
  csrf_rejected: 403,
  folder_not_found: 404,
  folder_exists: 409,
  // A \Noselect folder (RFC 3501 §7.2.2) exists but holds no messages.
  folder_not_selectable: 409,
  message_not_found: 404,
  part_not_found: 404,
  // The client's view (state token or list cursor) is from an older UIDVALIDITY.
  cannot_calculate_changes: 409,
  // The IMAP server said NO for a reason with no better code (e.g. RFC 5530 CANNOT).
  imap_rejected: 422,
  // RFC 4918 §11.5 Insufficient Storage, for RFC 5530 OVERQUOTA.
  quota_exceeded: 507,
  payload_too_large: 413,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

/** Default English text per code; the server may send a more specific `message`. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  bad_request: 'The request was not valid.',
  not_found: 'Not found.',
  unauthenticated: 'Please sign in.',
  invalid_credentials: 'The email address or password is incorrect.',
  imap_unavailable: 'The mail server cannot be reached right now. Please try again shortly.',
  too_many_connections:
    'The mail server has too many open connections for this account. Close other mail apps or try again later.',
  rate_limited: 'Too many requests. Please wait a moment and try again.',
  forbidden: 'You are not allowed to do that.',
  csrf_rejected: 'The request was blocked for your security. Reload the page and try again.',
  folder_not_found: 'That folder does not exist.',
  folder_exists: 'A folder with that name already exists.',
  folder_not_selectable: 'That folder cannot hold messages.',
  message_not_found: 'That message no longer exists. It may have been moved or deleted.',
  part_not_found: 'That attachment could not be found in the message.',
  cannot_calculate_changes: 'The folder changed on the server and has to be loaded again.',
  imap_rejected: 'The mail server refused the operation.',
  quota_exceeded: 'Your mailbox is full.',
  payload_too_large: 'The request is too large.',
  internal: 'Something went wrong on the server.',
};

export const ValidationIssueSchema = z.object({
  /** Zod paths may hold symbols; they are sent as strings. */
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});

export const ErrorResponseSchema = z
  .object({
    code: ErrorCodeSchema,
    message: z.string(),
    /** Only for `bad_request` from schema validation. */
    issues: z.array(ValidationIssueSchema).optional(),
  })
  .meta({ id: 'ErrorResponse' });

export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/**
 * Builds the status and body for a code; the message defaults to ERROR_MESSAGES. The status
 * keeps its literal type, so Fastify's typed `reply.code()` accepts it.
 */
export function errorResponse<C extends ErrorCode>(
  code: C,
  message: string = ERROR_MESSAGES[code],
  issues?: ValidationIssue[],
): { status: (typeof ERROR_STATUS)[C]; body: ErrorResponse & { code: C } } {
  return {
    status: ERROR_STATUS[code],
    body: issues ? { code, message, issues } : { code, message },
  };
}

/** Zod issues in the wire shape (symbols in paths become strings). */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    message: issue.message,
  }));
}

/**
 * Client side: reads any error body. A body that is not an ErrorResponse (a proxy's HTML
 * page, a code from a newer server) becomes the code its HTTP status suggests, so the UI
 * can always show words.
 */
export function parseErrorResponse(status: number, body: unknown): ErrorResponse {
  const parsed = ErrorResponseSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const code =
    STATUS_FALLBACK[status] ?? (status >= 400 && status < 500 ? 'bad_request' : 'internal');
  return { code, message: ERROR_MESSAGES[code] };
}

const STATUS_FALLBACK: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  429: 'rate_limited',
  502: 'imap_unavailable',
  503: 'imap_unavailable',
  504: 'imap_unavailable',
};
