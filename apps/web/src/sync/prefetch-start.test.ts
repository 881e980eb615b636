import { describe, expect, it } from 'vitest';
import { GAP_MS, QUIET_MS, politeGate } from './prefetch-start.ts';

function gate(overrides: { online?: () => boolean; busy?: () => Promise<boolean> } = {}) {
  const clock = { now: 100_000, lastActivity: 100_000 - QUIET_MS, stopped: false };
  const sleeps: number[] = [];
  const mayProceed = politeGate({
    now: () => clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
    lastActivity: () => clock.lastActivity,
    online: overrides.online ?? (() => true),
    busy: overrides.busy ?? (async () => false),
    stopped: () => clock.stopped,
  });
  return { clock, sleeps, mayProceed };
}

describe('politeGate', () => {
  it('lets a request go after a short gap when all is quiet', async () => {
    const { mayProceed, sleeps } = gate();
    expect(await mayProceed()).toBe(true);
    expect(sleeps).toEqual([GAP_MS]);
  });

  it('waits until the user has been idle for a while', async () => {
    const { mayProceed, sleeps, clock } = gate();
    clock.lastActivity = clock.now - 1_000;
    expect(await mayProceed()).toBe(true);
    expect(sleeps).toEqual([QUIET_MS - 1_000, GAP_MS]);
  });

  it('waits while sync or an action is busy', async () => {
    let busyChecks = 0;
    const { mayProceed, sleeps } = gate({ busy: async () => ++busyChecks < 3 });
    expect(await mayProceed()).toBe(true);
    expect(sleeps).toEqual([1_000, 1_000, GAP_MS]);
  });

  it('gives up when offline or stopped, also after waiting', async () => {
    expect(await gate({ online: () => false }).mayProceed()).toBe(false);
    let online = true;
    const { mayProceed, sleeps } = gate({ online: () => online });
    const pending = mayProceed();
    online = false;
    expect(await pending).toBe(false);
    expect(sleeps).toEqual([GAP_MS]);
    const stopped = gate();
    stopped.clock.stopped = true;
    expect(await stopped.mayProceed()).toBe(false);
  });
});
