import { ActionsRequestSchema, ActionsResponseSchema } from './actions.ts';
import { MessageBodySchema, MessageParamsSchema, PartParamsSchema } from './bodies.ts';
import { ChangesQuerySchema, ChangesResponseSchema } from './changes.ts';
import { NoContentSchema, StreamSchema, defineRoute as route } from './define-route.ts';
import {
  CreateFolderRequestSchema,
  FolderListSchema,
  FolderParamsSchema,
  FolderSchema,
  RenameFolderRequestSchema,
} from './folders.ts';
import { ListMessagesQuerySchema, MessageListSchema } from './messages.ts';
import { HealthSchema, LoginRequestSchema, ReadySchema, SessionSchema } from './session.ts';

// Error lists shared by routes; used while `routes` is built, so they precede it.
const BASE = ['rate_limited', 'internal'] as const;
const AUTHED = [...BASE, 'unauthenticated'] as const;
const UNSAFE = [...BASE, 'bad_request', 'csrf_rejected'] as const;
const IMAP = ['imap_unavailable', 'too_many_connections'] as const;
const FOLDER_READ = [
  ...AUTHED,
  ...IMAP,
  'bad_request',
  'folder_not_found',
  'folder_not_selectable',
] as const;
const FOLDER_WRITE = [
  ...AUTHED,
  ...UNSAFE,
  ...IMAP,
  'folder_not_found',
  'forbidden',
  'imap_rejected',
] as const;

/**
 * Every route, in one object both sides build on:
 * - the server: `app.withTypeProvider<ZodTypeProvider>().route({ method, url, schema,
 *   handler })` with `schema` taken as is (it is a Fastify route schema, and its summary and
 *   tags feed @fastify/swagger);
 * - the web app: `buildPath(route.url, params)` (paths.ts) and `route.schema.response[200]`
 *   to parse.
 * `schema.response` holds the success schemas plus ErrorResponseSchema under the status of
 * every code in `errors`. `part` and `events` stream: their 200 is StreamSchema.
 * `auth: true` routes need the session cookie; unsafe methods need the CSRF header.
 */
export const routes = {
  health: route({
    method: 'GET',
    url: '/api/health',
    auth: false,
    errors: [],
    schema: { summary: 'Liveness', tags: ['ops'], response: { 200: HealthSchema } },
  }),
  ready: route({
    method: 'GET',
    url: '/api/ready',
    auth: false,
    errors: [],
    schema: {
      summary: 'Readiness: 503 while IMAP is unreachable',
      tags: ['ops'],
      response: { 200: ReadySchema, 503: ReadySchema },
    },
  }),
  login: route({
    method: 'POST',
    url: '/api/session',
    auth: false,
    errors: [...UNSAFE, ...IMAP, 'invalid_credentials', 'payload_too_large'],
    schema: {
      summary: 'Sign in with IMAP credentials',
      tags: ['session'],
      body: LoginRequestSchema,
      response: { 200: SessionSchema },
    },
  }),
  session: route({
    method: 'GET',
    url: '/api/session',
    auth: true,
    errors: [...BASE, 'unauthenticated'],
    schema: { summary: 'The current session', tags: ['session'], response: { 200: SessionSchema } },
  }),
  logout: route({
    method: 'DELETE',
    url: '/api/session',
    auth: false,
    errors: [...UNSAFE],
    schema: {
      summary: 'Sign out (idempotent)',
      tags: ['session'],
      response: { 204: NoContentSchema },
    },
  }),
  folders: route({
    method: 'GET',
    url: '/api/folders',
    auth: true,
    errors: [...AUTHED, ...IMAP],
    schema: { summary: 'List folders', tags: ['folders'], response: { 200: FolderListSchema } },
  }),
  createFolder: route({
    method: 'POST',
    url: '/api/folders',
    auth: true,
    errors: [...AUTHED, ...UNSAFE, ...IMAP, 'folder_exists', 'imap_rejected', 'quota_exceeded'],
    schema: {
      summary: 'Create a folder',
      tags: ['folders'],
      body: CreateFolderRequestSchema,
      response: { 201: FolderSchema },
    },
  }),
  renameFolder: route({
    method: 'PATCH',
    url: '/api/folders/:folder',
    auth: true,
    errors: [...FOLDER_WRITE, 'folder_exists', 'quota_exceeded'],
    schema: {
      summary: 'Rename a folder (children move with it)',
      tags: ['folders'],
      params: FolderParamsSchema,
      body: RenameFolderRequestSchema,
      response: { 200: FolderSchema },
    },
  }),
  deleteFolder: route({
    method: 'DELETE',
    url: '/api/folders/:folder',
    auth: true,
    errors: [...FOLDER_WRITE],
    schema: {
      summary: 'Delete a folder and its messages',
      tags: ['folders'],
      params: FolderParamsSchema,
      response: { 204: NoContentSchema },
    },
  }),
  messages: route({
    method: 'GET',
    url: '/api/folders/:folder/messages',
    auth: true,
    errors: [...FOLDER_READ, 'cannot_calculate_changes'],
    schema: {
      summary: 'Message headers, newest first, paged by cursor',
      tags: ['messages'],
      params: FolderParamsSchema,
      querystring: ListMessagesQuerySchema,
      response: { 200: MessageListSchema },
    },
  }),
  changes: route({
    method: 'GET',
    url: '/api/folders/:folder/changes',
    auth: true,
    errors: [...FOLDER_READ],
    schema: {
      summary: 'Changes since a state token (CONDSTORE/QRESYNC)',
      tags: ['messages'],
      params: FolderParamsSchema,
      querystring: ChangesQuerySchema,
      response: { 200: ChangesResponseSchema },
    },
  }),
  message: route({
    method: 'GET',
    url: '/api/messages/:id',
    auth: true,
    errors: [...AUTHED, ...IMAP, 'bad_request', 'message_not_found'],
    schema: {
      summary: 'A parsed message body',
      tags: ['messages'],
      params: MessageParamsSchema,
      response: { 200: MessageBodySchema },
    },
  }),
  part: route({
    method: 'GET',
    url: '/api/messages/:id/parts/:part',
    auth: true,
    errors: [...AUTHED, ...IMAP, 'bad_request', 'message_not_found', 'part_not_found'],
    schema: {
      summary: 'One MIME part, decoded, as a download',
      tags: ['messages'],
      description: 'Streams bytes; see PART_SECURITY_HEADERS and contentDisposition().',
      params: PartParamsSchema,
      response: { 200: StreamSchema('The decoded part, with its own Content-Type') },
    },
  }),
  raw: route({
    method: 'GET',
    url: '/api/messages/:id/raw',
    auth: true,
    errors: [...AUTHED, ...IMAP, 'bad_request', 'message_not_found'],
    schema: {
      summary: 'The whole message as an .eml download',
      tags: ['messages'],
      description:
        'Streams the RFC 5322 source (never sets \\Seen); for messages too complex to display.',
      params: MessageParamsSchema,
      response: { 200: StreamSchema('The message source, as message/rfc822') },
    },
  }),
  actions: route({
    method: 'POST',
    url: '/api/actions',
    auth: true,
    errors: [...AUTHED, ...UNSAFE, ...IMAP, 'payload_too_large'],
    schema: {
      summary: 'Apply queued ops (idempotent by opId)',
      tags: ['actions'],
      body: ActionsRequestSchema,
      response: { 200: ActionsResponseSchema },
    },
  }),
  events: route({
    method: 'GET',
    url: '/api/events',
    auth: true,
    errors: [...AUTHED],
    schema: {
      summary: 'Server-sent events (text/event-stream)',
      tags: ['events'],
      description: 'See sse.ts: ids, Last-Event-ID, resync, heartbeat comments.',
      response: { 200: StreamSchema('text/event-stream') },
    },
  }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
