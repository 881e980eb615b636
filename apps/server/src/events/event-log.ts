import type { EventId, HelloEvent, ServerEvent } from '@petrel/contract';

/**
 * The per-user event log behind `GET /api/events` (see docs/api.md, "Server-sent events").
 * One interface so the in-memory log can be swapped for Redis streams when Petrel runs on
 * several instances: a Redis stream id is already `<ms>-<seq>`, the contract's id shape.
 *
 * Invariants every implementation keeps:
 * - ids are `<epoch>-<seq>` and strictly increase per user (contract `compareEventIds`);
 * - `since(user, id)` returns every retained event after `id`, in order, or `'gone'` when
 *   it cannot prove that nothing after `id` was dropped (evicted, another epoch, an id it
 *   never issued): the caller then sends `resync` instead of silently skipping changes;
 * - listeners see each appended event once, in append order.
 *
 * Users are keyed by lower-cased email, as the session pool keys its connections.
 */
export interface EventLog {
  /** Appends an event and hands it, with its new id, to the user's listeners. */
  append(user: string, event: EventInput): Promise<LoggedEvent>;
  /** The id of the user's latest event, or `<epoch>-0` when there is none yet. */
  head(user: string): Promise<EventId>;
  since(user: string, lastEventId: EventId): Promise<readonly LoggedEvent[] | 'gone'>;
  /** Returns the unsubscribe function. */
  subscribe(user: string, listener: (event: LoggedEvent) => void): () => void;
}

/** `hello` describes a stream, not a change, so it is never logged. */
export type LoggedEvent = Exclude<ServerEvent, HelloEvent>;

/** What producers append; the log assigns the id. */
export type EventInput = OmitEach<LoggedEvent, 'id'>;

/** Where the change watcher puts its events. */
export type EventSink = (event: EventInput) => void;

/** Omit applied to each member of a union (plain Omit would merge the members). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
