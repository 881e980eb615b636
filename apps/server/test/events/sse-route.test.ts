import type { AddressInfo } from 'node:net';
import { PROTOCOL_VERSION, encodeMessageId } from '@petrel/contract';
import type { MessageHeader } from '@petrel/contract';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/events/event-log.ts';
import { MemoryEventLog } from '../../src/events/memory-event-log.ts';
import { eventsRoutes, type EventsRoutesOptions } from '../../src/events/routes.ts';
import type { StreamEndReason, StreamRegistration } from '../../src/imap/pool-events.ts';
import { installErrorHandler } from '../../src/plugins/error-handler.ts';
import { openSse, type SseClient } from './support/sse-client.ts';
import { waitFor } from './support/wait-for.ts';

const USER = 'alice@petrel.test';
const counts = (n: number): EventInput => ({
  type: 'folderCounts',
  folder: 'INBOX',
  total: n,
  unread: 0,
  state: null,
});

interface TestApp {
  app: FastifyInstance;
  port: number;
  log: MemoryEventLog;
  registrations: Set<StreamRegistration>;
}

const apps: FastifyInstance[] = [];
const clients: SseClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** eventsRoutes alone, with a stub session hook and a stub stream registry for the pool. */
async function startApp(
  options: Partial<EventsRoutesOptions> & { signedIn?: boolean } = {},
): Promise<TestApp> {
  const log = options.eventLog instanceof MemoryEventLog ? options.eventLog : new MemoryEventLog();
  const registrations = new Set<StreamRegistration>();
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  app.addHook('onRequest', async (request) => {
    if (options.signedIn !== false)
      Object.assign(request, { session: { id: 'session-1', email: 'Alice@Petrel.test' } });
  });
  await app.register(eventsRoutes, {
    heartbeatMs: 60_000,
    ...options,
    eventLog: log,
    streams: {
      registerStream(registration) {
        registrations.add(registration);
        return () => registrations.delete(registration);
      },
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  apps.push(app);
  return { app, port: (app.server.address() as AddressInfo).port, log, registrations };
}

async function connect(port: number, headers: Record<string, string> = {}): Promise<SseClient> {
  const client = await openSse(port, headers);
  clients.push(client);
  return client;
}

const eventIds = (client: SseClient) => client.events().map((e) => e.id);

describe('GET /api/events', () => {
  it('answers 401 without a session', async () => {
    const { port } = await startApp({ signedIn: false });
    const client = await connect(port);
    expect(client.status).toBe(401);
  });

  it('starts with hello, then streams live events with the contract headers', async () => {
    const { port, log, registrations } = await startApp();
    await log.append(USER, counts(1));
    const client = await connect(port);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers['x-accel-buffering']).toBe('no');
    const [hello] = await waitFor(() => client.events().length === 1 && client.events());
    expect(hello).toEqual({
      id: await log.head(USER),
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      lastEventId: null,
    });
    // The stream counts as the user's open tab, keyed like the pool's connections.
    expect([...registrations].map((r) => [r.sessionId, r.email])).toEqual([['session-1', USER]]);

    const live = await log.append(USER, counts(2));
    await log.append('someone-else', counts(3));
    await waitFor(() => client.events().length === 2);
    expect(client.events()[1]).toEqual(live);
    expect(client.frames[1]).toMatchObject({ id: live.id, event: 'folderCounts' });
  });

  it('resumes after Last-Event-ID with exactly the missed events, none twice', async () => {
    const { port, log, registrations } = await startApp();
    const first = await connect(port);
    await log.append(USER, counts(1));
    const seen = await log.append(USER, counts(2));
    await waitFor(() => first.events().length === 3);
    first.close();
    await waitFor(() => registrations.size === 0, 2000, 'the closed stream to unregister');

    const missed = [await log.append(USER, counts(3)), await log.append(USER, counts(4))];
    const second = await connect(port, { 'Last-Event-ID': seen.id });
    await waitFor(() => second.events().length === 3);
    const live = await log.append(USER, counts(5));
    await waitFor(() => second.events().length === 4);
    expect(second.events()[0]).toMatchObject({ type: 'hello', id: seen.id, lastEventId: seen.id });
    expect(eventIds(second).slice(1)).toEqual([...missed, live].map((e) => e.id));
  });

  it('sends resync when Last-Event-ID is older than the log keeps, or from another process', async () => {
    const log = new MemoryEventLog({ maxEvents: 2 });
    const { port } = await startApp({ eventLog: log });
    const old = await log.append(USER, counts(1));
    for (let n = 2; n <= 4; n += 1) await log.append(USER, counts(n)); // keeps 3 and 4: 2 is gone
    const head = await log.head(USER);
    for (const lastEventId of [old.id, '1-5']) {
      const client = await connect(port, { 'Last-Event-ID': lastEventId });
      await waitFor(() => client.events().length === 2);
      expect(client.events()).toEqual([
        { id: head, type: 'hello', protocolVersion: PROTOCOL_VERSION, lastEventId: null },
        { id: head, type: 'resync', reason: 'lastEventIdTooOld' },
      ]);
    }
  });

  it('writes heartbeat comments between events', async () => {
    const { port } = await startApp({ heartbeatMs: 20 });
    const client = await connect(port);
    await waitFor(() => client.frames.filter((f) => f.comment === 'heartbeat').length >= 2);
    expect(client.events().map((e) => e.type)).toEqual(['hello']);
  });

  it('ends when the pool ends the stream (logout) and unregisters', async () => {
    const { port, registrations } = await startApp();
    const client = await connect(port);
    const registration = await waitFor(() => [...registrations][0]);
    registration.end('logout' satisfies StreamEndReason);
    await waitFor(() => client.ended() && registrations.size === 0);
  });

  it('tells a stream whose password was refused (authLost) before ending it', async () => {
    const { port, log, registrations } = await startApp();
    const client = await connect(port);
    await waitFor(() => client.events().length === 1);
    const registration = await waitFor(() => [...registrations][0]);
    registration.end('authLost');
    await waitFor(() => client.ended());
    const head = await log.head(USER);
    expect(client.events().slice(1)).toEqual([{ id: head, type: 'connection', state: 'authLost' }]);
  });

  it('drops a client that stops reading instead of buffering without bound', async () => {
    const { port, log, registrations } = await startApp({ maxBufferedBytes: 64 * 1024 });
    const client = await connect(port);
    await waitFor(() => client.events().length === 1);
    client.pause();
    const headers = Array.from({ length: 50 }, (_, i) => bulkyHeader(i + 1));
    // Kernel socket buffers take some megabytes first; stop as soon as the server gives up.
    for (let i = 0; i < 400 && registrations.size > 0; i += 1) {
      await log.append(USER, {
        type: 'messagesAdded',
        folder: 'INBOX',
        prevState: null,
        state: null,
        headers,
      });
    }
    await waitFor(() => registrations.size === 0, 2000, 'the stalled stream to be dropped');
  });

  it('ends open streams cleanly on app.close()', async () => {
    const { app, port, registrations } = await startApp();
    const client = await connect(port);
    await waitFor(() => client.events().length === 1);
    await app.close();
    await waitFor(() => client.ended() && registrations.size === 0);
  });
});

function bulkyHeader(uid: number): MessageHeader {
  return {
    id: encodeMessageId({ folder: 'INBOX', uidValidity: 1, uid }),
    folder: 'INBOX',
    uid,
    uidValidity: 1,
    modseq: null,
    flags: [],
    date: '2024-01-01T00:00:00.000Z',
    sentDate: null,
    from: [],
    to: [],
    cc: [],
    replyTo: [],
    subject: 'x'.repeat(4000),
    messageId: null,
    inReplyTo: null,
    references: [],
    size: 1,
    hasAttachments: false,
    preview: '',
  };
}
