import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../src/imap/serial-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('SerialQueue', () => {
  it('runs tasks one at a time in the order they were queued', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([queue.run(task('a')), queue.run(task('b')), queue.run(task('c'))]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('runs a nested call on the same queue directly instead of deadlocking', async () => {
    const queue = new SerialQueue();
    const result = await queue.run(() => queue.run(async () => 'inner'));
    expect(result).toBe('inner');
  });

  it('still queues a call on another queue made from inside a task', async () => {
    const first = new SerialQueue();
    const second = new SerialQueue();
    const log: string[] = [];
    let release!: () => void;
    const busy = second.run(() => new Promise<void>((resolve) => (release = resolve)));
    const nested = first.run(() =>
      second.run(async () => {
        log.push('second inside first');
        // Re-entering the outer queue from the inner one is still direct.
        await first.run(async () => log.push('first again'));
      }),
    );
    await tick();
    expect(log).toEqual([]);
    release();
    await Promise.all([busy, nested]);
    expect(log).toEqual(['second inside first', 'first again']);
  });

  it('keeps going after a task fails and reports drain once the queue is empty', async () => {
    let drains = 0;
    const queue = new SerialQueue(() => (drains += 1));
    const failed = queue.run(() => Promise.reject(new Error('boom')));
    const ok = queue.run(async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(ok).resolves.toBe('ok');
    await tick();
    expect(queue.size).toBe(0);
    expect(drains).toBe(1);
  });
});

describe('SerialQueue and work a task leaves behind', () => {
  it('queues a call from a timer that a finished task started', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let fromTimer: Promise<void> | undefined;
    await queue.run(async () => {
      setTimeout(() => {
        fromTimer = queue.run(async () => {
          log.push('timer task');
        });
      }, 5);
    });
    let release!: () => void;
    const busy = queue.run(async () => {
      log.push('busy start');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('busy end');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The timer fired while another task held the queue: it must wait its turn.
    expect(log).toEqual(['busy start']);
    release();
    await busy;
    await fromTimer;
    expect(log).toEqual(['busy start', 'busy end', 'timer task']);
  });
});
