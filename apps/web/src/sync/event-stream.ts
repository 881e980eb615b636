import { EVENT_TYPES, parseEventData } from '@petrel/contract';
import type { ServerEvent } from '@petrel/contract';
import { reconnectDelay } from './backoff.ts';

/** The part of EventSource this module uses, so tests can pass a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export type OpenEventSource = (url: string) => EventSourceLike;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type StreamState = 'connecting' | 'open' | 'reconnecting';

export interface EventStreamOptions {
  url: string;
  open: OpenEventSource;
  timers: Timers;
  onEvent(event: ServerEvent): void;
  /** An event failed validation: something was lost, so the caller catches up. */
  onInvalidEvent(message: string): void;
  onState(state: StreamState): void;
  /**
   * The browser gave up on the stream (a non-200 answer such as 401, which EventSource
   * cannot read). The caller finds out why (GET /api/session) and says whether to retry.
   */
  onGaveUp(): Promise<'retry' | 'stop'>;
  random?: () => number;
}

const CLOSED = 2;

/**
 * One SSE connection with recovery. While the browser reconnects by itself it sends
 * Last-Event-ID and the server replays what was missed; when it gives up, a new
 * EventSource is opened after an exponential backoff (then without Last-Event-ID, so the
 * server's fresh `hello` makes the engine catch up through `changes`).
 */
export function connectEventStream(options: EventStreamOptions): {
  close(): void;
  reconnectNow(): void;
} {
  let source: EventSourceLike | null = null;
  let attempt = 0;
  let timer: unknown = null;
  let closed = false;

  const connect = () => {
    timer = null;
    if (closed) return;
    options.onState(attempt === 0 ? 'connecting' : 'reconnecting');
    const current = options.open(options.url);
    source = current;
    for (const type of EVENT_TYPES) {
      current.addEventListener(type, (message) => {
        if (closed || source !== current) return;
        const parsed = parseEventData(type, message.data);
        if (parsed.ok) {
          if (parsed.event.type === 'hello') {
            attempt = 0;
            options.onState('open');
          }
          options.onEvent(parsed.event);
        } else if (parsed.reason !== 'unknownType') {
          options.onInvalidEvent(parsed.message);
        }
      });
    }
    current.onerror = () => {
      if (closed || source !== current) return;
      options.onState('reconnecting');
      if (current.readyState !== CLOSED) return;
      current.close();
      source = null;
      void options.onGaveUp().then((decision) => {
        if (decision === 'retry' && !closed) {
          timer = options.timers.setTimeout(connect, reconnectDelay(attempt++, options.random));
        }
      });
    };
  };

  connect();
  return {
    close() {
      closed = true;
      if (timer !== null) options.timers.clearTimeout(timer);
      source?.close();
      source = null;
    },
    /** E.g. on the browser's `online` event: skip the remaining backoff. */
    reconnectNow() {
      if (closed || source !== null) return;
      if (timer !== null) options.timers.clearTimeout(timer);
      attempt = 0;
      connect();
    },
  };
}
