import { useMemo, useSyncExternalStore } from 'react';
import { parseRoute, routeHref } from './route.ts';
import type { Route } from './route.ts';

/** The current route; re-renders on back/forward, link clicks and navigate(). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseRoute(hash), [hash]);
}

/** `replace` changes the URL without a history entry (e.g. closing a message that was moved). */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (href === window.location.hash) return;
  if (options.replace) {
    window.history.replaceState(window.history.state, '', href);
    // replaceState fires no hashchange.
    for (const listener of listeners) listener();
  } else {
    window.location.hash = href;
  }
}

const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('hashchange', onChange);
  };
}
