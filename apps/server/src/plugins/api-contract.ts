import fastifySwagger from '@fastify/swagger';
import { HEADERS, PROTOCOL_VERSION } from '@petrel/contract';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler } from 'fastify-type-provider-zod';
import { VERSION } from '../ops/version.ts';
import { validatorCompiler } from './validation.ts';

/**
 * Wires the contract's zod schemas into Fastify: validation and serialisation of every route
 * (responses go through `z.encode`, so extra properties are stripped), the OpenAPI document
 * generated from the same schemas at `GET /api/openapi.json`, and the protocol version header
 * on every API response.
 */
export const apiContract = fp(async (app) => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRequest', async (request, reply) => {
    // On the raw response, so it survives a route that hijacks the reply (the SSE stream
    // writes its own head); Node merges it into writeHead.
    if (isApiPath(request.url)) reply.raw.setHeader(HEADERS.protocolVersion, String(PROTOCOL_VERSION));
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Petrel API',
        version: VERSION,
        description: `Protocol version ${PROTOCOL_VERSION}; see docs/api.md.`,
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
