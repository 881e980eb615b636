/**
 * Runs `callback` once the browser has painted the next frame: a requestAnimationFrame
 * callback runs just before the paint, and a task queued from it runs just after. Work
 * that should not delay what the user is waiting to see goes here.
 */
export function afterNextPaint(callback: () => void): void {
  // jsdom (unit tests) has no requestAnimationFrame unless asked to pretend to be visual.
  if (typeof requestAnimationFrame === 'function')
    requestAnimationFrame(() => setTimeout(callback));
  else setTimeout(callback);
}
