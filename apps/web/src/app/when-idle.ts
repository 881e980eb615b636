/**
 * Runs `task` after the next frame has been painted, in the first idle period (at most 2 s
 * later on a busy page): for work that must not delay the first rows of a reload, such as
 * chunk preloads and service worker registration. Returns a cancel function.
 */
export function whenIdle(task: () => void): () => void {
  let cancelled = false;
  const run = () => {
    if (!cancelled) task();
  };
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
      else run();
    }, 0),
  );
  return () => {
    cancelled = true;
  };
}
