import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';

/**
 * A request part (body, params, querystring, headers) failed its contract schema. Keeps the
 * ZodError itself, so issue paths stay arrays (['ops', 0, 'opId']) instead of the
 * '/ops/0/opId' strings fastify-type-provider-zod's validator flattens them to.
 */
export class RequestValidationError extends Error {
  /** Set by Fastify: which part of the request failed. */
  validationContext: string | undefined;
  readonly statusCode = 400;

  constructor(readonly zodError: z.ZodError) {
    super('The request was not valid.');
    this.name = 'RequestValidationError';
  }
}

/** fastify-type-provider-zod's validatorCompiler, with the ZodError kept (see above). */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = z.safeParse(schema, data);
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error) };
  };
