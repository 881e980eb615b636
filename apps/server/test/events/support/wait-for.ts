/**
 * Polls `probe` until it returns something other than undefined/false, or fails after
 * `timeoutMs`. Tests wait on outcomes with this, never with fixed sleeps.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false,
  timeoutMs = 2000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
