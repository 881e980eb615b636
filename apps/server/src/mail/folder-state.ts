import { formatStateToken } from '@petrel/contract';
import type { ImapFlow, MailboxObject } from 'imapflow';
import { hasModseq, uidValidityOf } from './mailbox.ts';

/** What a folder's state token is made of, read from the server right now. */
export interface FolderSnapshot {
  uidValidity: number;
  uidNext: number;
  /** RFC 7162 HIGHESTMODSEQ as decimal text; null without CONDSTORE for this mailbox. */
  highestModseq: string | null;
}

/**
 * Reads UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ of the selected mailbox, fresh and *before*
 * the caller fetches anything, so a change racing the fetch is repeated by the next
 * `changes` call rather than lost.
 * - NOOP first: the session's view of a selected mailbox only catches up with other
 *   sessions' changes when a command lets the server report them (RFC 9051 §6.1.2, §7.5.1);
 *   Dovecot answers STATUS of the selected mailbox from that view, and `UID FETCH 1:*` reads
 *   `*` from it too, so without the NOOP both miss mail that arrived since the last command.
 * - Then STATUS, which RFC 9051 §6.3.11 lets a client send for the selected mailbox:
 *   imapflow's copy from SELECT goes stale (EXISTS does not update UIDNEXT).
 */
export async function readSnapshot(
  client: ImapFlow,
  mailbox: MailboxObject,
): Promise<FolderSnapshot> {
  await client.noop();
  const modseq = hasModseq(client, mailbox);
  const status = await client.status(mailbox.path, {
    uidValidity: true,
    uidNext: true,
    highestModseq: modseq,
  });
  if (!status) throw new Error(`STATUS of the selected mailbox ${mailbox.path} failed`);
  return {
    uidValidity: uidValidityOf(status.uidValidity ? status : mailbox),
    uidNext: Math.max(1, status.uidNext ?? mailbox.uidNext),
    highestModseq: modseq ? modseqText(status.highestModseq) : null,
  };
}

/** RFC 7162 §3.1.2.1: a HIGHESTMODSEQ of 0 (or none) means the mailbox keeps no mod-sequences. */
export function modseqText(value: bigint | undefined): string | null {
  return value !== undefined && value > 0n ? value.toString() : null;
}

/** The contract's state token, or null when delta sync is impossible (no CONDSTORE). */
export function snapshotToken(snapshot: FolderSnapshot): string | null {
  const { uidValidity, uidNext, highestModseq } = snapshot;
  return highestModseq === null ? null : formatStateToken({ uidValidity, highestModseq, uidNext });
}
