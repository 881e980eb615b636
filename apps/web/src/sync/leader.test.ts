import { describe, expect, it, vi } from 'vitest';
import { electLeader } from './leader.ts';
import type { LockManagerLike } from './leader.ts';

/** Web Locks with exclusive locks granted in request order, like the browser's. */
function fakeLocks(): LockManagerLike {
  let tail = Promise.resolve();
  return {
    request(_name, options, callback) {
      const granted = tail.then(async () => {
        if (options.signal?.aborted) throw new DOMException('aborted', 'AbortError');
        await callback();
      });
      tail = granted.catch(() => undefined);
      return granted;
    },
  };
}

describe('electLeader', () => {
  it('lets one tab lead and hands over when it resigns', async () => {
    const locks = fakeLocks();
    const stopFirst = vi.fn();
    const stopSecond = vi.fn();
    const first = vi.fn(() => stopFirst);
    const second = vi.fn(() => stopSecond);

    const resignFirst = electLeader(locks, first);
    electLeader(locks, second);
    await vi.waitFor(() => expect(first).toHaveBeenCalled());
    expect(second).not.toHaveBeenCalled();

    resignFirst();
    expect(stopFirst).toHaveBeenCalled();
    await vi.waitFor(() => expect(second).toHaveBeenCalled());
  });

  it('a tab that resigns while waiting never leads', async () => {
    const locks = fakeLocks();
    const resignFirst = electLeader(locks, () => () => undefined);
    const waiting = vi.fn(() => () => undefined);
    const resignWaiting = electLeader(locks, waiting);
    resignWaiting();
    resignFirst();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(waiting).not.toHaveBeenCalled();
  });

  it('leads at once without Web Locks', () => {
    const lead = vi.fn(() => () => undefined);
    electLeader(undefined, lead);
    expect(lead).toHaveBeenCalled();
  });
});
