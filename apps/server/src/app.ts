import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { healthRoutes } from './ops/health.ts';
import { webApp } from './plugins/web-app.ts';

export interface AppOptions {
  /** Pino logger options; tests pass false. */
  logger?: boolean | object;
}

/** Builds the Fastify app without listening, so tests can use app.inject(). */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    // Fastify takes a hop count as a number at run time; its types omit it.
    trustProxy: config.trustProxy as string | boolean,
    bodyLimit: 1024 * 1024,
  });
  await app.register(healthRoutes, { config });
  await app.register(webApp, { webDist: config.webDist });
  return app;
}
