import type { ImapFlow } from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import type { EventSink } from './event-log.ts';
import { pollFolders } from './folder-poll.ts';
import { outsideQueues } from './outside-queues.ts';
import { fetchPushedHeaders, type NewMailFetcher } from './pushed-headers.ts';
import { SelectedFolderWatch } from './selected-folder.ts';
import { newWatchMemory, type WatchMemory } from './watch-memory.ts';

export interface WatchOptions {
  /** How the watcher runs its own commands, serialized with the user's requests. */
  access: ImapAccess;
  /** The folder the connection IDLEs on; its changes come as they happen. */
  folder?: string;
  /** Every other folder's changes come from a STATUS poll this often. */
  pollIntervalMs?: number;
  /** Builds pushed headers; null announces new mail by the poll alone (a hint). */
  fetchHeaders?: NewMailFetcher | null;
  /** Kept by the caller across connections of one user (see WatchMemory). */
  memory?: WatchMemory;
  /**
   * Whether a client listens (the user has an open stream). While not, the watcher sends
   * no IMAP commands; the memory diff reports what changed once one listens again.
   */
  isActive?: () => boolean;
  onError?: (error: unknown) => void;
}

export const DEFAULT_WATCHED_FOLDER = 'INBOX';
export const DEFAULT_POLL_INTERVAL_MS = 60_000;
/** How soon a poll follows a client starting to listen. */
const ACTIVITY_CHECK_MS = 5000;

/**
 * Turns every change in a user's mailbox, also those made by other IMAP clients, into
 * events for `sink`, while `client` lives. Keeping the connection SELECTed and IDLE on the
 * folder is the pool's part (`setIdleFolder`); this only listens, polls and fetches.
 * A poll also follows within seconds when a client starts listening, so changes made while
 * nobody did are reported early.
 * Returns the stop function; nothing reaches `sink` after it.
 */
export function watchConnection(
  client: ImapFlow,
  sink: EventSink,
  options: WatchOptions,
): () => void {
  // Its timers (and so its commands) must not inherit the context of a queue task that
  // announced the connection (outside-queues.ts).
  return outsideQueues(startWatching)(client, sink, options);
}

function startWatching(client: ImapFlow, sink: EventSink, options: WatchOptions): () => void {
  const folder = options.folder ?? DEFAULT_WATCHED_FOLDER;
  const memory = options.memory ?? newWatchMemory();
  const onError = options.onError ?? (() => {});
  const isActive = options.isActive ?? (() => true);
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  let stopped = false;
  const guardedSink: EventSink = (event) => {
    if (!stopped) sink(event);
  };

  let polling = false;
  let pollAgain = false;
  let lastPollAt = 0;
  const poll = (force = false): void => {
    if (stopped || (!force && !isActive())) return;
    lastPollAt = Date.now();
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    pollFolders({
      access: options.access,
      sink: guardedSink,
      memory,
      watched: { folder, reportedState: (s) => selected.reportedState(s) },
    })
      .catch(onError)
      .finally(() => {
        polling = false;
        if (pollAgain) {
          pollAgain = false;
          poll();
        }
      });
  };

  const selected = new SelectedFolderWatch({
    client,
    access: options.access,
    folder,
    sink: guardedSink,
    memory,
    fetchHeaders: options.fetchHeaders === undefined ? fetchPushedHeaders : options.fetchHeaders,
    isActive,
    requestPoll: () => poll(),
    onError,
  });
  // The first poll runs even with nobody listening: the connection is busy anyway (it was
  // just opened), and it is the baseline every later change is told against.
  poll(true);
  let wasActive = isActive();
  const tick = (): void => {
    const active = isActive();
    if (active && (!wasActive || Date.now() - lastPollAt >= pollIntervalMs)) poll();
    wasActive = active;
  };
  const interval = setInterval(tick, Math.min(pollIntervalMs, ACTIVITY_CHECK_MS));
  interval.unref();

  return () => {
    stopped = true;
    clearInterval(interval);
    selected.stop();
  };
}
