import { AsyncResource } from 'node:async_hooks';

/**
 * An async scope made at module load, when no SerialQueue task runs: work entered through it
 * sees no queue as "entered".
 *
 * Why: SerialQueue (imap/serial-queue.ts) recognises re-entrant calls through an
 * AsyncLocalStorage, and that context is inherited by everything created inside a task —
 * the watcher's timers (the pool announces a connection from inside a queue task) and the
 * socket of a connection opened inside one, whose untagged responses imapflow emits as
 * events. Work started from there ran *beside* the queue instead of in it: its commands
 * could interleave with a request's, and the queue never drained after it, so the pool did
 * not restart IDLE and new mail went unannounced until imapflow's own 15 s auto-IDLE.
 */
const queueFreeScope = new AsyncResource('PetrelChangeWatcher');

/** `callback`, made to run outside every queue's context (see above). */
export function outsideQueues<A extends unknown[], R>(
  callback: (...args: A) => R,
): (...args: A) => R {
  return (...args) => queueFreeScope.runInAsyncScope(callback, undefined, ...args);
}
