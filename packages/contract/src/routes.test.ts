import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChangesQuerySchema } from './changes.ts';
import { NoContentSchema } from './define-route.ts';
import type { RouteDefinition } from './define-route.ts';
import { ERROR_STATUS, ErrorResponseSchema } from './errors.ts';
import { ListMessagesQuerySchema } from './messages.ts';
import { buildPath, withQuery } from './paths.ts';
import { MAX_PATH_PARAM_LENGTH, PROTOCOL_VERSION } from './protocol.ts';
import { routes } from './routes.ts';
import { STATE, UNICODE_FOLDER, body, folder, header } from './test-fixtures.ts';

const all = Object.entries(routes) as [string, RouteDefinition][];

describe('routes', () => {
  it.each(all)('%s documents an ErrorResponse for each of its error codes', (_, route) => {
    for (const code of route.errors) {
      expect(route.schema.response[ERROR_STATUS[code]]).toBe(ErrorResponseSchema);
    }
  });

  it('has one route per method and URL', () => {
    const keys = all.map(([, route]) => `${route.method} ${route.url}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(all)('%s converts to OpenAPI 3.0 and JSON Schema', (_, route) => {
    const { params, querystring, body: request, response } = route.schema;
    for (const target of ['openapi-3.0', 'draft-2020-12'] as const) {
      for (const schema of [params, querystring, request]) {
        if (schema) z.toJSONSchema(schema, { io: 'input', target, unrepresentable: 'throw' });
      }
      for (const schema of Object.values(response)) {
        if (schema !== NoContentSchema) {
          z.toJSONSchema(schema, { io: 'output', target, unrepresentable: 'throw' });
        }
      }
    }
  });

  // fastify-type-provider-zod 7 serialises replies with z.encode, which throws on
  // one-way transforms; these must stay encodable.
  it.each([
    ['health', routes.health.schema.response[200], { status: 'ok', version: '0.1.0' }],
    ['ready', routes.ready.schema.response[503], { status: 'unavailable', imap: false }],
    [
      'session',
      routes.session.schema.response[200],
      { user: { email: 'demo@petrel.test' }, protocolVersion: PROTOCOL_VERSION },
    ],
    ['folders', routes.folders.schema.response[200], { folders: [folder] }],
    ['createFolder', routes.createFolder.schema.response[201], folder],
    [
      'messages',
      routes.messages.schema.response[200],
      { messages: [header()], nextCursor: '1700000000-41', state: STATE },
    ],
    [
      'changes',
      routes.changes.schema.response[200],
      {
        kind: 'changes',
        state: STATE,
        added: [header()],
        updated: [{ uid: 3, flags: [], modseq: '5' }],
        vanished: [4, 5],
        hasMore: false,
      },
    ],
    [
      'cannotCalculateChanges',
      routes.changes.schema.response[200],
      { kind: 'cannotCalculateChanges', state: null, reason: 'uidValidityChanged' },
    ],
    ['message', routes.message.schema.response[200], body],
    [
      'actions',
      routes.actions.schema.response[200],
      { results: [{ opId: 'abcdefgh', status: 'gone' }] },
    ],
    ['error', routes.login.schema.response[401], { code: 'invalid_credentials', message: 'No' }],
  ] as const)('%s response encodes as the server will send it', (_, schema, value) => {
    expect(z.encode(schema as z.ZodType, value)).toEqual(value);
    expect((schema as z.ZodType).parse(JSON.parse(JSON.stringify(value)))).toEqual(value);
  });

  it('parses query strings with defaults and bounds', () => {
    expect(ListMessagesQuerySchema.parse({})).toEqual({ limit: 100 });
    expect(ListMessagesQuerySchema.parse({ limit: '500', cursor: '7-9' })).toEqual({
      limit: 500,
      cursor: '7-9',
    });
    for (const limit of ['0', '501', 'ten', '', '1.5']) {
      expect(ListMessagesQuerySchema.safeParse({ limit }).success).toBe(false);
    }
    expect(ChangesQuerySchema.parse({ since: STATE })).toEqual({ since: STATE, limit: 200 });
    expect(ChangesQuerySchema.safeParse({}).success).toBe(false);
  });
});

describe('buildPath', () => {
  it('encodes a folder path as one segment', () => {
    const path = buildPath(routes.messages.url, { folder: UNICODE_FOLDER });
    const segment = path.split('/')[3]!;
    expect(path).toBe(`/api/folders/${segment}/messages`);
    expect(decodeURIComponent(segment)).toBe(UNICODE_FOLDER);
    expect(buildPath(routes.renameFolder.url, { folder: 'a/b c%' })).toBe(
      '/api/folders/a%2Fb%20c%25',
    );
  });

  it('fills several parameters and needs none for plain URLs', () => {
    expect(buildPath(routes.part.url, { id: 'abc', part: '1.2' })).toBe(
      '/api/messages/abc/parts/1.2',
    );
    expect(buildPath(routes.folders.url)).toBe('/api/folders');
  });

  it('fits the longest folder within MAX_PATH_PARAM_LENGTH after the router decodeURI', () => {
    const worst = '/'.repeat(1000);
    const segment = buildPath(routes.deleteFolder.url, { folder: worst }).split('/')[3]!;
    expect(decodeURI(segment).length).toBeLessThanOrEqual(MAX_PATH_PARAM_LENGTH);
  });

  it('appends queries', () => {
    expect(withQuery('/x', { since: STATE, limit: 5, cursor: undefined })).toBe(
      '/x?since=1700000000%3A18446744073%3A42&limit=5',
    );
    expect(withQuery('/x', {})).toBe('/x');
  });
});
