/**
 * Reconnect timing as pure functions; the timers that use them live in user-connection.ts.
 *
 * Delays grow exponentially with "equal jitter": half the step is fixed and half random, so
 * the users of a restarted IMAP server do not all reconnect in the same instant, while no
 * delay is shorter than half its step (pure "full jitter" could retry at once, again and
 * again).
 */

export interface BackoffOptions {
  /** The step of attempt 1. */
  base: number;
  /** No delay exceeds this. */
  cap: number;
  /** A number in [0, 1), e.g. Math.random. */
  random: () => number;
}

/** The delay before reconnect attempt `attempt` (1-based), in ms: in [step/2, step]. */
export function backoffDelay(attempt: number, { base, cap, random }: BackoffOptions): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** exponent overflows to Infinity after ~1000 attempts; min() keeps that harmless.
  const step = Math.min(cap, base * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * The attempt number after a connection ends. A connection that lasted less than
 * `stableAfterMs` was only half a success (e.g. the server accepts the login, then drops it
 * at once): it keeps counting up, or a flapping server would be retried at the base delay
 * forever. A connection that lasted longer starts again at 1.
 */
export function attemptAfterDrop(previousAttempt: number, connectedForMs: number, stableAfterMs: number): number {
  return connectedForMs >= stableAfterMs ? 1 : previousAttempt + 1;
}
