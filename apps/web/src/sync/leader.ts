/**
 * One tab per browser holds the SSE stream and runs the sync engine (a stream per tab
 * would use up HTTP/1.1's six connections per origin). Web Locks hand leadership to the
 * next tab when the leader closes. Without Web Locks every tab leads, which is correct
 * (all writes are idempotent), only wasteful.
 */
export interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: () => Promise<void>,
  ): Promise<unknown>;
}

export const LEADER_LOCK = 'petrel-leader';

/**
 * Calls `lead` once this tab holds the lock; `lead` returns the function that stops
 * leading. Returns a function that gives up leadership (or stops waiting for it).
 */
export function electLeader(
  locks: LockManagerLike | undefined,
  lead: () => () => void,
): () => void {
  if (!locks) {
    const stop = lead();
    return stop;
  }
  const waiting = new AbortController();
  let release: (() => void) | null = null;
  let resigned = false;
  locks
    .request(LEADER_LOCK, { signal: waiting.signal }, () => {
      if (resigned) return Promise.resolve();
      const stop = lead();
      return new Promise<void>((resolve) => {
        release = () => {
          stop();
          resolve();
        };
      });
    })
    // Aborting the wait rejects the request; that is the expected end, not an error.
    .catch(() => undefined);
  return () => {
    resigned = true;
    if (release) release();
    else waiting.abort();
  };
}
