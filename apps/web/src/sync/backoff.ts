export const BASE_RECONNECT_MS = 1_000;
export const MAX_RECONNECT_MS = 60_000;

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential with full jitter, so a
 * server restart is not met by every client at the same instant. Pure: timers live in the
 * caller.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RECONNECT_MS, BASE_RECONNECT_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
