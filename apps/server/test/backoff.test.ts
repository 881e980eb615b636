import { describe, expect, it } from 'vitest';
import { attemptAfterDrop, backoffDelay } from '../src/imap/backoff.ts';

const options = { base: 1000, cap: 60_000 };

describe('backoffDelay', () => {
  it('doubles the step per attempt, with the delay between half the step and the step', () => {
    expect(backoffDelay(1, { ...options, random: () => 0 })).toBe(500);
    expect(backoffDelay(1, { ...options, random: () => 0.999999 })).toBe(1000);
    expect(backoffDelay(2, { ...options, random: () => 0 })).toBe(1000);
    expect(backoffDelay(4, { ...options, random: () => 0.5 })).toBe(6000);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (const attempt of [7, 8, 20, 1000, 1e9]) {
      const delay = backoffDelay(attempt, { ...options, random: () => 0.999999 });
      expect(delay).toBeLessThanOrEqual(60_000);
      expect(delay).toBeGreaterThanOrEqual(59_000);
    }
  });

  it('keeps jitter within bounds for random values', () => {
    for (let i = 0; i < 200; i++) {
      const attempt = 1 + (i % 10);
      const step = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      const delay = backoffDelay(attempt, { ...options, random: Math.random });
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
    }
  });

  it('treats attempt 0 or less like the first attempt', () => {
    expect(backoffDelay(0, { ...options, random: () => 0 })).toBe(500);
  });
});

describe('attemptAfterDrop', () => {
  it('keeps counting when the connection dropped within the stability window', () => {
    expect(attemptAfterDrop(3, 2_000, 60_000)).toBe(4);
    // A flapping server: login succeeds, the connection drops at once, again and again.
    let attempt = 0;
    for (let i = 0; i < 5; i++) attempt = attemptAfterDrop(attempt, 100, 60_000);
    expect(attempt).toBe(5);
  });

  it('starts again at 1 after a stable connection', () => {
    expect(attemptAfterDrop(6, 60_000, 60_000)).toBe(1);
    expect(attemptAfterDrop(0, 3_600_000, 60_000)).toBe(1);
  });
});
