import { useSyncExternalStore } from 'react';

/**
 * The current time, updated every half minute: enough for "today" vs "yesterday" and
 * "last synced" labels, without re-rendering lists every second.
 */
export function useClock(): number {
  return useSyncExternalStore(subscribe, snapshot);
}

const TICK_MS = 30_000;
let now = Date.now();

function subscribe(onChange: () => void): () => void {
  now = Date.now();
  const timer = window.setInterval(() => {
    now = Date.now();
    onChange();
  }, TICK_MS);
  return () => window.clearInterval(timer);
}

function snapshot(): number {
  return now;
}
