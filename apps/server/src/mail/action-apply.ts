import type { ErrorCode, MessageRef, OpResult } from '@petrel/contract';
import { ERROR_MESSAGES } from '@petrel/contract';
import type { ImapFlow } from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import type { IndexedOp, OpGroup } from './action-groups.ts';
import { ApiError } from '../plugins/api-error.ts';
import { imapRefusal, refusedUnlessLost } from './imap-refusal.ts';
import { forgetKeptPage } from './kept-page.ts';
import { canonicalFolder, readMailbox, uidValidityOf } from './mailbox.ts';
import { existingUids } from './search.ts';
import { formatUidSet, type UidRange } from './uid-set.ts';

/** Looks up the \Trash folder (RFC 6154) once per batch; null when the account has none. */
export type TrashLookup = (client: ImapFlow) => Promise<string | null>;

/**
 * Applies one group (action-groups.ts) in its folder and returns a result per op:
 *  - `stale` for all when the folder's UIDVALIDITY is not the ops' (RFC 9051 §2.3.1.1);
 *  - `gone` for UIDs a `UID SEARCH UID <set>` does not find, or when the folder is gone;
 *  - otherwise one command over the UID set of the rest: UID STORE ±FLAGS.SILENT, UID MOVE
 *    (RFC 6851; COPYUID from UIDPLUS, RFC 4315, gives the new refs), or UID EXPUNGE.
 */
export async function applyGroup(
  access: ImapAccess,
  group: OpGroup,
  trash: TrashLookup,
): Promise<Map<number, OpResult>> {
  const results = new Map<number, OpResult>();
  const settle = (ops: readonly IndexedOp[], result: (entry: IndexedOp) => OpResult) => {
    for (const entry of ops) results.set(entry.index, result(entry));
  };
  try {
    await readMailbox(
      access,
      group.folder,
      async (client, mailbox) => {
        if (uidValidityOf(mailbox) !== group.uidValidity) {
          settle(group.ops, ({ op }) => ({ opId: op.opId, status: 'stale' }));
          return;
        }
        // NOOP first, so expunges by other sessions reach this session's view (RFC 9051
        // §7.5.1) before the SEARCH looks for the UIDs.
        await client.noop();
        const present = await existingUids(
          client,
          formatUidSet(group.ops.map(({ op }) => op.target.uid)),
        );
        const live = group.ops.filter(({ op }) => inRanges(present, op.target.uid));
        settle(
          group.ops.filter((entry) => !live.includes(entry)),
          ({ op }) => ({ opId: op.opId, status: 'gone' }),
        );
        if (live.length > 0) settle(live, await runCommand(client, group.folder, live, trash));
      },
      'message_not_found',
    );
  } catch (error) {
    // The folder itself is gone (or cannot be opened): so are its messages. Other errors
    // (the pool's imap_unavailable among them) fail the whole batch.
    if (!(error instanceof ApiError && error.code === 'message_not_found')) throw error;
    settle(group.ops, ({ op }) => ({ opId: op.opId, status: 'gone' }));
  }
  return results;
}

async function runCommand(
  client: ImapFlow,
  folder: string,
  live: readonly IndexedOp[],
  trash: TrashLookup,
): Promise<(entry: IndexedOp) => OpResult> {
  const first = (live[0] as IndexedOp).op;
  const set = formatUidSet(live.map(({ op }) => op.target.uid));
  // A silent STORE reports nothing back: the kept newest page must not outlive it.
  forgetKeptPage(client);
  switch (first.type) {
    case 'setFlags': {
      const options = { uid: true, silent: true };
      // imapflow answers false for a NO, and for flags the mailbox does not accept
      // (PERMANENTFLAGS, RFC 9051 §7.1): either way the flags were not stored.
      const added =
        first.add.length === 0 ||
        refusedUnlessLost(client, await client.messageFlagsAdd(set, first.add, options));
      const removed =
        added &&
        (first.remove.length === 0 ||
          refusedUnlessLost(client, await client.messageFlagsRemove(set, first.remove, options)));
      return removed ? applied() : failed('imap_rejected');
    }
    case 'move':
      return move(client, set, canonicalFolder(first.destination));
    case 'delete': {
      const trashPath = await trash(client);
      if (trashPath === null)
        return failed('folder_not_found', 'There is no Trash folder to delete into.');
      if (trashPath !== folder) return move(client, set, trashPath);
      // Already in Trash: expunge exactly these UIDs. A plain EXPUNGE (all we would have
      // without UIDPLUS, RFC 4315) would also remove every other \Deleted message.
      if (!client.capabilities.has('UIDPLUS')) {
        return failed(
          'imap_rejected',
          'The mail server cannot expunge single messages (no UIDPLUS).',
        );
      }
      return refusedUnlessLost(client, await client.messageDelete(set, { uid: true }))
        ? applied()
        : failed('imap_rejected');
    }
  }
}

async function move(
  client: ImapFlow,
  set: string,
  destination: string,
): Promise<(entry: IndexedOp) => OpResult> {
  // Without MOVE (RFC 6851) imapflow copies, flags \Deleted and expunges; without UIDPLUS
  // that expunge would be a plain EXPUNGE of every \Deleted message in the folder.
  if (!client.capabilities.has('MOVE') && !client.capabilities.has('UIDPLUS')) {
    return failed('imap_rejected', 'The mail server can neither MOVE nor expunge single messages.');
  }
  const result = refusedUnlessLost(
    client,
    await client.messageMove(set, destination, { uid: true }),
  );
  if (!result) return failed(await destinationFailure(client, destination));
  const uidValidity = result.uidValidity === undefined ? null : Number(result.uidValidity);
  const { uidMap } = result;
  return ({ op }) => {
    const uid = uidMap?.get(op.target.uid);
    // With COPYUID (RFC 4315) a UID missing from the map was not moved: it vanished after
    // the SEARCH, and UID commands skip UIDs that do not exist (RFC 9051 §6.4.9).
    if (uidMap && uidValidity && !uid) return { opId: op.opId, status: 'gone' };
    const newRef: MessageRef | undefined =
      uidValidity && uid ? { folder: destination, uidValidity, uid } : undefined;
    return newRef
      ? { opId: op.opId, status: 'applied', newRef }
      : { opId: op.opId, status: 'applied' };
  };
}

/** imapflow reports a failed MOVE as false; STATUS tells a missing destination from a refusal. */
async function destinationFailure(client: ImapFlow, destination: string): Promise<ErrorCode> {
  try {
    await client.status(destination, { uidValidity: true });
    return 'imap_rejected';
  } catch (error) {
    if (imapRefusal(error) === 'folder_not_found') return 'folder_not_found';
    throw error;
  }
}

function applied(): (entry: IndexedOp) => OpResult {
  return ({ op }) => ({ opId: op.opId, status: 'applied' });
}

function failed(
  code: ErrorCode,
  message: string = ERROR_MESSAGES[code],
): (entry: IndexedOp) => OpResult {
  return ({ op }) => ({ opId: op.opId, status: 'failed', code, message });
}

function inRanges(ranges: readonly UidRange[], uid: number): boolean {
  return ranges.some(([first, last]) => uid >= first && uid <= last);
}
