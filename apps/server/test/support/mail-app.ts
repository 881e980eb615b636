import { MAX_PATH_PARAM_LENGTH, errorResponse } from '@petrel/contract';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { ImapAccess } from '../../src/imap/imap-access.ts';
import { mailRoutes, type MailRoutesOptions } from '../../src/mail/routes.ts';
import { installErrorHandler } from '../../src/plugins/error-handler.ts';
import { validatorCompiler } from '../../src/plugins/validation.ts';

/**
 * A tiny app around mailRoutes for route tests, without the platform's sessions and pool: a
 * hook sets `request.imap` and `request.session` as the auth plugin does. Validation and
 * the error handler are the app's own, so error bodies are what clients will see.
 */
export async function buildMailApp(
  access: ImapAccess,
  email: string,
  options: MailRoutesOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH } });
  installErrorHandler(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setNotFoundHandler((_request, reply) => {
    const { status, body } = errorResponse('not_found');
    return reply.code(status).send(body);
  });
  app.addHook('onRequest', async (request) => {
    Object.assign(request, { imap: access, session: { id: 'test-session', email } });
  });
  await app.register(mailRoutes, options);
  await app.ready();
  return app;
}
