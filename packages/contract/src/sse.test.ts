import { describe, expect, it } from 'vitest';
import { compareEventIds, ServerEventSchema } from './events.ts';
import type { ServerEvent } from './events.ts';
import {
  EVENT_TYPES,
  HEARTBEAT_COMMENT,
  parseEventData,
  parseLastEventId,
  serializeEvent,
} from './sse.ts';
import { events, header } from './test-fixtures.ts';

/**
 * A minimal version of the WHATWG "interpret an event stream" algorithm (HTML §9.2.6), so
 * the tests read the wire format the way EventSource does.
 */
function readStream(stream: string): { id: string; type: string; data: string }[] {
  const out: { id: string; type: string; data: string }[] = [];
  let id = '';
  let type = '';
  let data: string[] = [];
  for (const line of stream.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) out.push({ id, type: type || 'message', data: data.join('\n') });
      type = '';
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  return out;
}

describe('SSE events', () => {
  it('has a fixture for every event type', () => {
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(EVENT_TYPES));
  });

  it.each(events.map((event) => [event.type, event] as const))(
    '%s round-trips through serializeEvent / parseEventData',
    (_, event) => {
      const wire = serializeEvent(event);
      expect(wire.endsWith('\n\n')).toBe(true);
      expect(wire.split('\n')).toHaveLength(5); // id, event, data, blank, ''
      const [received] = readStream(HEARTBEAT_COMMENT + wire + HEARTBEAT_COMMENT);
      expect(received).toEqual({ id: event.id, type: event.type, data: JSON.stringify(event) });
      expect(parseEventData(received!.type, received!.data)).toEqual({ ok: true, event });
    },
  );

  it('keeps line breaks and U+2028 inside data on one line', () => {
    const event: ServerEvent = {
      id: '1-1',
      type: 'messagesAdded',
      folder: 'Line\u2028Sep',
      prevState: null,
      state: null,
      headers: [{ ...header(), subject: 'a\r\nevent: hack\n\ndata: x' }],
    };
    const stream = readStream(serializeEvent(event));
    expect(stream).toHaveLength(1);
    expect(parseEventData(stream[0]!.type, stream[0]!.data)).toEqual({ ok: true, event });
  });

  it('heartbeats are comments, not events', () => {
    expect(HEARTBEAT_COMMENT.startsWith(':')).toBe(true);
    expect(readStream(HEARTBEAT_COMMENT.repeat(3))).toEqual([]);
  });

  it('refuses to serialise an invalid event', () => {
    const bad = { id: '1', type: 'foldersChanged' } as unknown as ServerEvent;
    expect(() => serializeEvent(bad)).toThrow();
  });

  it('reports bad data without throwing', () => {
    const hello = JSON.stringify(events[0]);
    expect(parseEventData('futureEvent', '{}')).toMatchObject({ ok: false, reason: 'unknownType' });
    expect(parseEventData('hello', '{not json')).toMatchObject({
      ok: false,
      reason: 'invalidJson',
    });
    expect(parseEventData('resync', hello)).toMatchObject({ ok: false, reason: 'typeMismatch' });
    expect(parseEventData('hello', 'null')).toMatchObject({ ok: false, reason: 'typeMismatch' });
    const noVersion = JSON.stringify({ ...events[0], protocolVersion: undefined });
    expect(parseEventData('hello', noVersion)).toMatchObject({ ok: false, reason: 'invalidEvent' });
  });

  it('ignores unknown fields (forward compatible)', () => {
    const data = JSON.stringify({ id: '1-2', type: 'foldersChanged', extra: true });
    expect(parseEventData('foldersChanged', data)).toEqual({
      ok: true,
      event: { id: '1-2', type: 'foldersChanged' },
    });
  });

  it('lists exactly the union members', () => {
    expect(EVENT_TYPES).toHaveLength(ServerEventSchema.options.length);
  });
});

describe('event ids', () => {
  it('orders by epoch, then sequence', () => {
    expect(compareEventIds('1700000000000-9', '1700000000000-10')).toBe(-1);
    expect(compareEventIds('1700000000001-0', '1700000000000-99')).toBe(1);
    expect(compareEventIds('5-5', '5-5')).toBe(0);
  });

  it('trusts only valid Last-Event-ID values', () => {
    expect(parseLastEventId('1700000000000-42')).toBe('1700000000000-42');
    expect(parseLastEventId([' 1-2 '])).toBe('1-2');
    for (const bad of [undefined, '', '42', '1-2-3', '01-2', 'abc', '1 -2', '-1-2']) {
      expect(parseLastEventId(bad)).toBeNull();
    }
  });
});
