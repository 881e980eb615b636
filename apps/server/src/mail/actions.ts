import type { Op, OpResult } from '@petrel/contract';
import type { ImapFlow } from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import { applyGroup } from './action-apply.ts';
import { groupOps, type IndexedOp } from './action-groups.ts';
import type { IdempotencyLog } from './idempotency-log.ts';
import { canonicalFolder } from './mailbox.ts';

export interface ActionsService {
  /**
   * `POST /api/actions`: one result per op, in order. Ops whose opId the log knows get their
   * first result and are not run again. An IMAP failure that is not about one op (the
   * connection dropped) rejects the whole call; the results of the groups applied before it
   * are in the log already, so the client's retry of the batch does not repeat them.
   */
  apply(access: ImapAccess, user: string, ops: readonly Op[]): Promise<OpResult[]>;
}

/**
 * Batches of one user run one after the other: a retried batch racing its first attempt
 * (the client gave up waiting) then finds that attempt's results in the log instead of
 * applying the same ops twice. The IMAP connection serializes them anyway.
 */
export function actionsService(log: IdempotencyLog): ActionsService {
  const queues = new Map<string, Promise<unknown>>();
  const serialize = async <T>(user: string, work: () => Promise<T>): Promise<T> => {
    const key = user.toLowerCase();
    const run = (queues.get(key) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    try {
      return await run;
    } finally {
      if (queues.get(key) === tail) queues.delete(key);
    }
  };

  return {
    apply: (access, user, ops) =>
      serialize(user, async () => {
        const results: (OpResult | undefined)[] = [];
        const pending: IndexedOp[] = [];
        for (const [index, op] of ops.entries()) {
          results[index] = await log.get(user, op.opId);
          if (!results[index]) pending.push({ index, op });
        }
        const trash = trashLookup();
        for (const group of groupOps(pending)) {
          for (const [index, result] of await applyGroup(access, group, trash)) {
            results[index] = result;
            await log.put(user, result.opId, result);
          }
        }
        return results.map((result, index) => {
          if (!result) throw new Error(`No result for op ${index}`);
          return result;
        });
      }),
  };
}

/** The \Trash folder (RFC 6154), listed at most once per batch. */
function trashLookup(): (client: ImapFlow) => Promise<string | null> {
  let found: Promise<string | null> | undefined;
  return (client) =>
    (found ??= client.list().then((boxes) => {
      const box = boxes.find((entry) => entry.specialUse === '\\Trash');
      return box ? canonicalFolder(box.path) : null;
    }));
}
