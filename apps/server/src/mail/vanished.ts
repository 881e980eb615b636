import type { ExpungeEvent, ImapFlow } from 'imapflow';
import { existingUids } from './search.ts';
import { missingUids } from './uid-set.ts';

/**
 * Which UIDs below a token's uidNext were expunged since the token was made.
 *
 * With QRESYNC (RFC 7162 §3.2.6) the server says so itself: `UID FETCH … (CHANGEDSINCE m
 * VANISHED)` answers `* VANISHED (EARLIER) <uids>`. imapflow 2.10 sends the VANISHED modifier
 * when QRESYNC is enabled (constructor option `qresync: true`) but does not return those
 * UIDs from fetch(): it reports each one as an `expunge` event (`vanished: true, earlier:
 * true`). So we listen for the duration of the request. That only works when the client has
 * no `expungeHandler` option, which swallows the events.
 *
 * Without QRESYNC (or with such a handler) we compare instead: `UID SEARCH RETURN (ALL) UID
 * 1:<uidNext-1>` (ESEARCH, one compressed set on the wire) and report every UID missing from
 * it. That is a superset, since it also names UIDs expunged before the token, which the
 * contract allows (clients ignore unknown UIDs); it is bounded by `limit`.
 */
export interface VanishedRecorder {
  /** The expunged UIDs below `uidNext`, ascending; null when more than `limit`. */
  collect(): Promise<number[] | null>;
  stop(): void;
}

/**
 * Starts listening before the caller's first command (the NOOP of readSnapshot), so a
 * VANISHED the server sends with any of the request's answers is caught, EARLIER or live.
 */
export function recordVanished(
  client: ImapFlow,
  path: string,
  uidNext: number,
  limit: number,
): VanishedRecorder {
  if (!canUseQresync(client)) {
    return {
      async collect() {
        if (uidNext <= 1) return [];
        return missingUids(await existingUids(client, `1:${uidNext - 1}`), uidNext - 1, limit);
      },
      stop() {},
    };
  }
  // UIDs at or above uidNext were added and removed after the token, so the client never
  // had them. Counting stops past the limit: a server may name millions of UIDs in one range.
  const seen = new Set<number>();
  const listener = (event: ExpungeEvent): void => {
    const { uid } = event;
    if (event.path !== path || !event.vanished || uid === undefined || uid >= uidNext) return;
    if (seen.size <= limit) seen.add(uid);
  };
  client.on('expunge', listener);
  return {
    async collect() {
      return seen.size > limit ? null : [...seen].sort((a, b) => a - b);
    },
    stop: () => client.off('expunge', listener),
  };
}

function canUseQresync(client: ImapFlow): boolean {
  return client.enabled.has('QRESYNC') && typeof client.options.expungeHandler !== 'function';
}
