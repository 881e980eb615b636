import { EventIdSchema, ServerEventSchema } from './events.ts';
import type { ServerEvent, ServerEventType } from './events.ts';

/**
 * The SSE wire format (WHATWG HTML §9.2). One event is
 *
 *     id: <event id>
 *     event: <type>
 *     data: <the whole event as JSON, on one line>
 *
 * followed by a blank line. JSON.stringify never emits a raw CR or LF (it escapes them in
 * strings), so one `data:` line always suffices and nothing else needs escaping. The data
 * repeats `id` and `type`, so the parsed object is self-contained: the leader tab forwards
 * it to other tabs over BroadcastChannel as is.
 */

export const HEARTBEAT_INTERVAL_MS = 25_000;

/**
 * A comment line: EventSource ignores it, but it keeps proxies from closing an idle stream
 * (many cut at 30–60 s) and lets the server notice a dead socket.
 */
export const HEARTBEAT_COMMENT = ': heartbeat\n\n';

/** `X-Accel-Buffering: no` stops nginx from buffering the stream until it closes. */
export const SSE_RESPONSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;

/** Every event type, for `EventSource#addEventListener` (named events need one each). */
export const EVENT_TYPES: readonly ServerEventType[] = ServerEventSchema.options.map(
  (option) => option.shape.type.value,
);

export type ParseEventResult =
  | { ok: true; event: ServerEvent }
  | {
      ok: false;
      /** `unknownType`: from a newer server; clients ignore it (adding a type is not breaking). */
      reason: 'unknownType' | 'invalidJson' | 'typeMismatch' | 'invalidEvent';
      message: string;
    };

/** Throws a ZodError for an invalid event: the server must never send one. */
export function serializeEvent(event: ServerEvent): string {
  const valid = ServerEventSchema.parse(event);
  return `id: ${valid.id}\nevent: ${valid.type}\ndata: ${JSON.stringify(valid)}\n\n`;
}

/**
 * Client side: `type` is MessageEvent's event name (the `event:` field), `data` its data.
 * Never throws.
 */
export function parseEventData(type: string, data: string): ParseEventResult {
  if (!(EVENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, reason: 'unknownType', message: `Unknown event type "${type}"` };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'invalidJson', message: `"${type}" event data is not JSON` };
  }
  if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== type) {
    return { ok: false, reason: 'typeMismatch', message: `"${type}" event data has another type` };
  }
  const parsed = ServerEventSchema.safeParse(json);
  return parsed.success
    ? { ok: true, event: parsed.data }
    : { ok: false, reason: 'invalidEvent', message: parsed.error.message };
}

/** The value to trust from a Last-Event-ID header: a valid event id, or null. */
export function parseLastEventId(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && EventIdSchema.safeParse(value.trim()).success ? value.trim() : null;
}
