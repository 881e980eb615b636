import { lazy } from 'react';

/**
 * Parts of the signed-in app that the first rows of a reload never show: the reader (with
 * DOMPurify and the frame machinery) and the dialogs. Each is its own chunk, so a reload
 * parses and runs only what the list needs; {@link preloadDeferredParts} fetches them once
 * the list has painted, so opening a message or a dialog does not wait for a chunk. The
 * service worker precaches every chunk (vite.config.ts), so this works offline too.
 */
const loaders = {
  readingPane: () => import('../features/reader/reading-pane.tsx'),
  moveDialog: () => import('../features/actions/move-dialog.tsx'),
  pendingDialog: () => import('../features/outbox/pending-dialog.tsx'),
  shortcutsDialog: () => import('./shortcuts-dialog.tsx'),
  settingsDialog: () => import('../features/settings/settings-dialog.tsx'),
};

export const LazyReadingPane = lazy(() =>
  loaders.readingPane().then((m) => ({ default: m.ReadingPane })),
);
export const LazyMoveDialog = lazy(() =>
  loaders.moveDialog().then((m) => ({ default: m.MoveDialog })),
);
export const LazyPendingDialog = lazy(() =>
  loaders.pendingDialog().then((m) => ({ default: m.PendingDialog })),
);
export const LazyShortcutsDialog = lazy(() =>
  loaders.shortcutsDialog().then((m) => ({ default: m.ShortcutsDialog })),
);
export const LazySettingsDialog = lazy(() =>
  loaders.settingsDialog().then((m) => ({ default: m.SettingsDialog })),
);

/** Loads every deferred chunk (module loading is cached, so React.lazy then renders at once). */
export function preloadDeferredParts(): Promise<void> {
  return Promise.all(Object.values(loaders).map((load) => load())).then(() => undefined);
}
