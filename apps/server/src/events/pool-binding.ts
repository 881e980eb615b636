import { ServerEventSchema } from '@petrel/contract';
import type { ConnectionState } from '@petrel/contract';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { PoolEvent, SessionPoolHooks } from '../imap/pool-events.ts';
import type { EventInput, EventLog } from './event-log.ts';
import type { NewMailFetcher } from './pushed-headers.ts';
import { DEFAULT_WATCHED_FOLDER, watchConnection } from './watch-connection.ts';
import { newWatchMemory, type WatchMemory } from './watch-memory.ts';

export interface ChangeWatcherOptions {
  eventLog: EventLog;
  folder?: string;
  pollIntervalMs?: number;
  fetchHeaders?: NewMailFetcher | null;
}

/**
 * Runs a change watcher on every pooled connection: started on `connected` with the new
 * client, stopped when the connection goes. Connection drops and returns become
 * `connection` events.
 * Returns the function that detaches from the pool and stops every watcher.
 */
export function bindChangeWatchers(
  pool: SessionPoolHooks,
  options: ChangeWatcherOptions,
  logger: FastifyBaseLogger,
): () => void {
  const folder = options.folder ?? DEFAULT_WATCHED_FOLDER;
  const watchers = new Map<string, () => void>();
  // Outlives connections, so a reconnect or reopen reports what changed in between.
  const memories = new Map<string, WatchMemory>();

  const append = (user: string, event: EventInput): void => {
    // Mail-derived values (folder names, headers) could break the schema; one bad event
    // must not end every stream that would fail to serialize it. The id is a placeholder.
    const checked = ServerEventSchema.safeParse({ ...event, id: '0-0' });
    if (!checked.success) {
      logger.error({ err: checked.error, type: event.type }, 'Dropped an invalid event');
      return;
    }
    options.eventLog
      .append(user, event)
      .catch((error: unknown) => logger.error({ err: error }, 'Event log append failed'));
  };
  const stop = (user: string): void => {
    watchers.get(user)?.();
    watchers.delete(user);
  };
  const connection = (user: string, state: ConnectionState) =>
    append(user, { type: 'connection', state });

  const onPoolEvent = (event: PoolEvent): void => {
    const user = event.email.toLowerCase();
    switch (event.type) {
      case 'connected': {
        stop(user);
        let memory = memories.get(user);
        if (memory === undefined) {
          memory = newWatchMemory();
          memories.set(user, memory);
          markGap(options.eventLog, user, append).catch((error: unknown) =>
            logger.error({ err: error }, 'Event log read failed'),
          );
        }
        pool.setIdleFolder(user, folder);
        const stopWatcher = watchConnection(event.client, (e) => append(user, e), {
          access: pool.access(user),
          folder,
          memory,
          fetchHeaders: options.fetchHeaders,
          pollIntervalMs: options.pollIntervalMs,
          isActive: () => pool.streamCount(user) > 0,
          onError: (error) => logger.warn({ err: error }, 'Change watcher command failed'),
        });
        watchers.set(user, stopWatcher);
        connection(user, 'connected');
        break;
      }
      case 'disconnected':
        stop(user);
        connection(user, event.retryInMs === null ? 'unavailable' : 'reconnecting');
        break;
      case 'authLost':
        // Not logged: only the sessions holding the refused password are over, and the
        // route tells exactly their streams as the pool ends them (routes.ts).
        stop(user);
        memories.delete(user);
        break;
      case 'closed':
        stop(user);
        if (event.reason === 'logout') memories.delete(user);
        break;
    }
  };
  const off = pool.on(onPoolEvent);
  return () => {
    off();
    for (const user of [...watchers.keys()]) stop(user);
  };
}

/**
 * Binds the watchers to `app.sessionPool` for the app's lifetime. Register it after the
 * pool plugin, with the same EventLog as `eventsRoutes`.
 */
export const changeWatchers: FastifyPluginAsync<ChangeWatcherOptions> = async (app, options) => {
  const unbind = bindChangeWatchers(app.sessionPool, options, app.log);
  app.addHook('onClose', async () => unbind());
};

/**
 * Without memory of a user the first poll has nothing to compare with. If this process
 * already logged events for them, a client could resume from before the gap and miss what
 * changed in it, so it is told to re-sync instead.
 */
async function markGap(
  log: EventLog,
  user: string,
  append: (user: string, event: EventInput) => void,
): Promise<void> {
  const head = await log.head(user);
  if (!head.endsWith('-0')) append(user, { type: 'resync', reason: 'unknown' });
}
