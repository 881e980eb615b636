import fp from 'fastify-plugin';
import type { SessionPool } from './session-pool.ts';

/**
 * Makes the pool available as `app.sessionPool` (typed in pool-events.ts) and ends it with
 * the app: `preClose` runs before the HTTP server stops, so open SSE streams are ended
 * (otherwise close would wait for them forever) and every IMAP connection is logged out.
 */
export const poolPlugin = fp<{ pool: SessionPool }>(async (app, { pool }) => {
  app.decorate('sessionPool', pool);
  app.addHook('preClose', async () => {
    await pool.closeAll();
  });
});
