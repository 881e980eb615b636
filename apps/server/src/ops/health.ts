import { routes } from '@petrel/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import { createImapProbe } from './imap-probe.ts';
import { VERSION } from './version.ts';

/** Liveness (never touches IMAP, so a mail outage does not restart Petrel) and readiness. */
export const healthRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const imapReady = createImapProbe(config.imap, { timeoutMs: 3000, cacheMs: 5000 });

  app.route({
    method: routes.health.method,
    url: routes.health.url,
    schema: routes.health.schema,
    handler: async () => ({ status: 'ok' as const, version: VERSION }),
  });

  app.route({
    method: routes.ready.method,
    url: routes.ready.url,
    schema: routes.ready.schema,
    handler: async (_request, reply) =>
      (await imapReady())
        ? reply.code(200).send({ status: 'ready', imap: true })
        : reply.code(503).send({ status: 'unavailable', imap: false }),
  });
};
