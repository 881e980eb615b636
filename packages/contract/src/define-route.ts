import { z } from 'zod';
import { ERROR_STATUS, ErrorResponseSchema } from './errors.ts';
import type { ErrorCode } from './errors.ts';

/**
 * How routes.ts declares a route. The `schema` part is a Fastify route schema as
 * fastify-type-provider-zod expects it; `defineRoute` adds ErrorResponseSchema under the
 * HTTP status of each listed error code, so error bodies are validated and documented too.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The input of {@link defineRoute}; also what tests iterate over. */
export interface RouteDefinition {
  method: HttpMethod;
  url: string;
  auth: boolean;
  errors: readonly ErrorCode[];
  schema: {
    summary: string;
    description?: string;
    tags: readonly string[];
    params?: z.ZodType;
    querystring?: z.ZodType;
    body?: z.ZodType;
    response: Record<number, z.ZodType>;
  };
}

export type ErrorResponses<C extends ErrorCode> = {
  [K in C as (typeof ERROR_STATUS)[K]]: typeof ErrorResponseSchema;
};

export type Route<R extends RouteDefinition> = Omit<R, 'schema'> & {
  schema: Omit<R['schema'], 'response'> & {
    response: R['schema']['response'] & ErrorResponses<R['errors'][number]>;
  };
};

export function defineRoute<const R extends RouteDefinition>(definition: R): Route<R> {
  const errors: Record<number, z.ZodType> = {};
  for (const code of definition.errors) errors[ERROR_STATUS[code]] = ErrorResponseSchema;
  // The mapped types cannot be checked against a runtime loop; the test suite checks that
  // every listed code's status is present.
  const built: unknown = {
    ...definition,
    // The shared lists overlap; each code once reads better in docs and tests.
    errors: [...new Set(definition.errors)],
    schema: { ...definition.schema, response: { ...definition.schema.response, ...errors } },
  };
  return built as Route<R>;
}

/**
 * A 204 sends no body. fastify-type-provider-zod documents `undefined` as `type: 'null'`,
 * which @fastify/swagger renders as a response without content.
 */
export const NoContentSchema = z.undefined().describe('No Content');

/**
 * The 200 of a route that streams (a part's bytes, the SSE stream): any payload, so the
 * server may send a Buffer or stream, which Fastify passes through without serialising.
 */
export const StreamSchema = (description: string) => z.unknown().describe(description);
