/**
 * Runs `callback` once the browser has painted the next frame: a requestAnimationFrame
 * callback runs just before the paint, and a task queued from it runs just after. Work
 * that should not delay what the user is waiting to see goes here. Returns a function that
 * cancels the call if it has not run yet (a component that unmounts calls it).
 */
export function afterNextPaint(callback: () => void): () => void {
  let cancelled = false;
  const run = () => {
    if (!cancelled) callback();
  };
  // jsdom (unit tests) has no requestAnimationFrame unless asked to pretend to be visual.
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run));
  else setTimeout(run);
  return () => {
    cancelled = true;
  };
}
