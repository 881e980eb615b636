/**
 * Wire-level constants shared by the server and the web app.
 *
 * PROTOCOL_VERSION is bumped on any change an already-deployed client cannot parse:
 * removing or renaming a field, changing a format (ids, state tokens), or adding a value
 * to an enum the client parses strictly (error codes, op statuses, reasons). Adding an
 * optional field or a new SSE event type is not breaking: objects are parsed with zod's
 * default "strip" mode and clients ignore unknown event types (see sse.ts). A client that
 * sees a higher version than its own must reload, because the service worker may be
 * serving it a stale app shell.
 */
export const PROTOCOL_VERSION = 1;

/** Header names, lower-case as Node and fetch report them. */
export const HEADERS = {
  /** Sent by the server on every response so a stale app shell notices a new API. */
  protocolVersion: 'x-petrel-protocol',
  /**
   * Required (value "1") on every unsafe request (POST, PATCH, DELETE). A cross-site form or
   * `fetch` cannot set a custom header without a CORS preflight the server never grants, so
   * together with SameSite cookies and an Origin check this is the CSRF guard; a missing
   * header is answered with `csrf_rejected`. Proposed here; the server enforces it.
   */
  csrf: 'x-petrel-csrf',
  /** Standard SSE resume header (WHATWG HTML §9.2), sent by EventSource on reconnect. */
  lastEventId: 'last-event-id',
} as const;

/** The value the client sends in {@link HEADERS.csrf}. */
export const CSRF_HEADER_VALUE = '1';

/**
 * Fastify's router answers 414 (FST_ERR_MAX_PARAM_LENGTH) for a path parameter longer than
 * `maxParamLength` (default 100), which would make long folder paths and message ids
 * unreachable. The server sets `routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH }`.
 * Derivation: a folder path is at most 1,000 UTF-16 units; the router sees the parameter
 * after `decodeURI`, where only the reserved characters (`#$%&+,/:;=?@`) stay
 * percent-encoded (3 chars each) → ≤ 3,000. A message id is base64url of ≤ 3,024 UTF-8
 * bytes → ≤ 4,032 chars.
 */
export const MAX_PATH_PARAM_LENGTH = 4096;
