import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';

export const VERSION = '0.1.0';

export const healthRoutes: FastifyPluginAsync<{ config: Config }> = async (app) => {
  app.get('/api/health', async () => ({ status: 'ok', version: VERSION }));
};
