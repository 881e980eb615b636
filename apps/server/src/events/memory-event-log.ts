import type { EventId } from '@petrel/contract';
import type { EventInput, EventLog, LoggedEvent } from './event-log.ts';

export interface MemoryEventLogOptions {
  /** Events kept per user; older ones are dropped (a client that far behind gets `resync`). */
  maxEvents?: number;
  /** Events older than this are dropped. */
  maxAgeMs?: number;
  /**
   * The id epoch. Defaults to the creation time in ms: a restarted process has a later
   * epoch, so every Last-Event-ID from before the restart is recognised as unknown.
   */
  epoch?: number;
  now?: () => number;
}

export const DEFAULT_MAX_EVENTS = 1000;
export const DEFAULT_MAX_AGE_MS = 10 * 60_000;

/**
 * The single-process EventLog. Each user has a counter and a window of recent events; the
 * counter outlives the window (it is a few bytes per user), because restarting it within
 * one epoch would hand out an id a client may already hold and make it skip events.
 */
export class MemoryEventLog implements EventLog {
  private readonly users = new Map<string, UserLog>();
  private readonly maxEvents: number;
  private readonly maxAgeMs: number;
  private readonly epoch: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(options: MemoryEventLogOptions = {}) {
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
    this.epoch = options.epoch ?? this.now();
    this.lastSweep = this.now();
  }

  async append(user: string, input: EventInput): Promise<LoggedEvent> {
    const log = this.userLog(user);
    log.seq += 1;
    // The union member is kept by construction: only the id is added.
    const event = { ...input, id: this.id(log.seq) } as LoggedEvent;
    log.events.push({ seq: log.seq, at: this.now(), event });
    if (log.events.length > this.maxEvents) log.events.shift();
    this.sweepIfDue();
    for (const listener of [...log.listeners]) listener(event);
    return event;
  }

  async head(user: string): Promise<EventId> {
    return this.id(this.users.get(user)?.seq ?? 0);
  }

  async since(user: string, lastEventId: EventId): Promise<readonly LoggedEvent[] | 'gone'> {
    const parsed = parseId(lastEventId);
    const log = this.users.get(user);
    const head = log?.seq ?? 0;
    if (parsed === null || parsed.epoch !== this.epoch || parsed.seq > head) return 'gone';
    if (parsed.seq === head) return [];
    if (log === undefined) return 'gone';
    this.expire(log);
    // Retained events are the contiguous run ending at head, so the first one says
    // whether the event right after lastEventId is still here.
    const first = log.events[0];
    if (first === undefined || first.seq > parsed.seq + 1) return 'gone';
    return log.events.slice(parsed.seq + 1 - first.seq).map((entry) => entry.event);
  }

  subscribe(user: string, listener: (event: LoggedEvent) => void): () => void {
    const listeners = this.userLog(user).listeners;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  private id(seq: number): EventId {
    return `${this.epoch}-${seq}`;
  }

  private userLog(user: string): UserLog {
    let log = this.users.get(user);
    if (log === undefined) {
      log = { seq: 0, events: [], listeners: new Set() };
      this.users.set(user, log);
    }
    return log;
  }

  private expire(log: UserLog): void {
    const cutoff = this.now() - this.maxAgeMs;
    let drop = 0;
    while (drop < log.events.length && log.events[drop]!.at < cutoff) drop += 1;
    if (drop > 0) log.events.splice(0, drop);
  }

  /** Ages out the windows of users who went quiet, at most a few times per window. */
  private sweepIfDue(): void {
    if (this.now() - this.lastSweep < this.maxAgeMs / 10) return;
    this.lastSweep = this.now();
    for (const log of this.users.values()) this.expire(log);
  }
}

interface UserLog {
  seq: number;
  events: { seq: number; at: number; event: LoggedEvent }[];
  listeners: Set<(event: LoggedEvent) => void>;
}

function parseId(id: string): { epoch: number; seq: number } | null {
  const match = /^(\d+)-(\d+)$/.exec(id);
  if (!match) return null;
  return { epoch: Number(match[1]), seq: Number(match[2]) };
}
