import type { FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import {
  HEADERS,
  HEARTBEAT_INTERVAL_MS,
  PROTOCOL_VERSION,
  SSE_RESPONSE_HEADERS,
  compareEventIds,
  parseLastEventId,
  routes,
} from '@petrel/contract';
import type { EventId, ServerEvent } from '@petrel/contract';
import type { RequestSession } from '../auth/auth-plugin.ts';
import type { SessionPoolHooks, StreamEndReason } from '../imap/pool-events.ts';
import { ApiError } from '../plugins/api-error.ts';
import type { EventLog, LoggedEvent } from './event-log.ts';
import { SseStream } from './sse-stream.ts';

export interface EventsRoutesOptions {
  eventLog: EventLog;
  /**
   * Where each open stream is counted, so the pool keeps the user's IMAP connection (and its
   * watcher) alive while a tab listens, and ends streams on logout. Defaults to
   * `app.sessionPool` when that is registered.
   */
  streams?: Pick<SessionPoolHooks, 'registerStream'>;
  heartbeatMs?: number;
  maxBufferedBytes?: number;
}

/** Generous for bursts (50 full headers are ~100 KB), small enough to bound memory per tab. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * `GET /api/events`: the user's event log as server-sent events (docs/api.md, "Server-sent
 * events"). A stream opens with `hello`; with a Last-Event-ID it replays exactly the events
 * after it, or sends `resync` when the log cannot prove none are missing; then it streams
 * live events, with heartbeat comments in between.
 */
export const eventsRoutes: FastifyPluginAsync<EventsRoutesOptions> = async (app, options) => {
  // The contract's schemas are zod; set here too so the plugin also works on its own.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const log = options.eventLog;
  const streams = options.streams ?? (app.hasDecorator('sessionPool') ? app.sessionPool : null);
  const streamOptions = {
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
  };
  const open = new Set<SseStream>();
  // preClose, not onClose: the HTTP server's close waits for open responses, and a stream
  // never ends by itself.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });

  app.get(routes.events.url, { schema: routes.events.schema }, async (request, reply) => {
    // The auth plugin sets it on every `auth: true` route; checked again so the route never
    // streams without one, whatever the plugin order.
    const session: RequestSession | null = request.session ?? null;
    if (session === null) throw new ApiError('unauthenticated');
    const user = session.email.toLowerCase();
    const lastEventId = parseLastEventId(request.headers[HEADERS.lastEventId]);

    // Hijacked: Fastify would otherwise wait for the handler's payload. Headers that hooks
    // set on the reply (protocol version, security headers) are carried over by hand.
    reply.hijack();
    reply.raw.writeHead(200, { ...definedHeaders(reply.getHeaders()), ...SSE_RESPONSE_HEADERS });
    const stream = new SseStream(reply.raw, streamOptions);
    open.add(stream);

    // Subscribe before reading the log, holding live events until the replay is out, so
    // an event appended meanwhile is neither lost nor sent twice.
    let held: LoggedEvent[] | null = [];
    let position: EventId | null = null;
    const sendAfterPosition = (event: LoggedEvent) => {
      if (position !== null && compareEventIds(event.id, position) <= 0) return;
      position = event.id;
      try {
        stream.send(event);
      } catch (error) {
        // serializeEvent refuses an event outside the contract; skip it, keep the stream.
        request.log.error({ err: error, type: event.type }, 'Could not send an event');
      }
    };
    const unsubscribe = log.subscribe(user, (event) =>
      held ? held.push(event) : sendAfterPosition(event),
    );
    const end = (reason: StreamEndReason) => {
      // This session's stored password was refused: say so before ending, so the client asks
      // to sign in instead of reconnecting. Not logged: other sessions of the user go on.
      if (reason === 'authLost' && position !== null) {
        stream.send({ id: position, type: 'connection', state: 'authLost' });
      }
      stream.end();
    };
    const unregister =
      streams?.registerStream({ sessionId: session.id, email: user, end }) ?? (() => {});
    void stream.closed.then(() => {
      open.delete(stream);
      unsubscribe();
      unregister();
    });

    try {
      const opening = await openingEvents(log, user, lastEventId);
      for (const event of opening) stream.send(event);
      position = opening[opening.length - 1]!.id;
      for (const event of held) sendAfterPosition(event);
      held = null;
    } catch (error) {
      request.log.error({ err: error }, 'Could not start the event stream');
      stream.end();
    }
    return reply;
  });
};

/** `hello`, then the replay, or `resync` when the replay is gone (docs/api.md, "Resume"). */
async function openingEvents(
  log: EventLog,
  user: string,
  lastEventId: EventId | null,
): Promise<ServerEvent[]> {
  const replay = lastEventId === null ? null : await log.since(user, lastEventId);
  if (lastEventId !== null && replay !== null && replay !== 'gone') {
    return [
      { id: lastEventId, type: 'hello', protocolVersion: PROTOCOL_VERSION, lastEventId },
      ...replay,
    ];
  }
  const head = await log.head(user);
  const hello: ServerEvent = {
    id: head,
    type: 'hello',
    protocolVersion: PROTOCOL_VERSION,
    lastEventId: null,
  };
  // Same id as hello: a resync is no log entry, and resuming after it must skip nothing.
  return replay === 'gone'
    ? [hello, { id: head, type: 'resync', reason: 'lastEventIdTooOld' }]
    : [hello];
}

function definedHeaders(headers: Record<string, string | number | string[] | undefined>) {
  return Object.fromEntries(
    Object.entries(headers).filter(([, value]) => value !== undefined),
  ) as Record<string, string | number | string[]>;
}
