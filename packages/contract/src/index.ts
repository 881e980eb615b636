/**
 * @petrel/contract: every request, response, SSE event and error code of the Petrel API as
 * zod schemas, with their inferred types and the pure helpers both sides need. The server
 * validates and documents with these schemas; the web app parses with them.
 *
 * Schemas have no transforms (query coercion aside), so fastify-type-provider-zod can both
 * encode responses with them and turn them into OpenAPI.
 */
export * from './protocol.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './state.ts';
export * from './flags.ts';
export * from './session.ts';
export * from './folders.ts';
export * from './messages.ts';
export * from './changes.ts';
export * from './bodies.ts';
export * from './actions.ts';
export * from './events.ts';
export * from './sse.ts';
export * from './define-route.ts';
export * from './routes.ts';
export * from './paths.ts';
