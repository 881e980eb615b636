import { describe, expect, it } from 'vitest';
import { MAX_RECONNECT_MS, reconnectDelay } from './backoff.ts';

describe('reconnectDelay', () => {
  it('grows exponentially with jitter and stays under the cap', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 1)).toBe(1_000);
    expect(reconnectDelay(3, () => 1)).toBe(8_000);
    expect(reconnectDelay(50, () => 1)).toBe(MAX_RECONNECT_MS);
  });
});
