import { AsyncResource } from 'node:async_hooks';

/**
 * An async scope made at module load, when no SerialQueue task runs: work entered through it
 * sees no queue as "entered".
 *
 * Why: SerialQueue (imap/serial-queue.ts) recognises re-entrant calls through an
 * AsyncLocalStorage, and that context is inherited by everything created inside a task —
 * the watcher's timers (the pool announces a connection from inside a queue task) and the
 * socket of a connection opened inside one, whose untagged responses imapflow emits as
 * events. The queue itself treats such a call as re-entrant only while that very task still
 * runs; but an EXISTS or a timer can fire exactly then, and the watcher's work must never
 * run beside the task that happens to hold the connection. So the watcher enters the queue
 * from a context no task owns.
 */
const queueFreeScope = new AsyncResource('PetrelChangeWatcher');

/** `callback`, made to run outside every queue's context (see above). */
export function outsideQueues<A extends unknown[], R>(
  callback: (...args: A) => R,
): (...args: A) => R {
  return (...args) => queueFreeScope.runInAsyncScope(callback, undefined, ...args);
}
