import type { ErrorCode } from '@petrel/contract';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import { ApiError } from '../plugins/api-error.ts';
import { imapRefusal } from './imap-refusal.ts';

/**
 * RFC 3501 §5.1 / RFC 9051 §5.1: the name INBOX is case-insensitive, every other mailbox name
 * is not. One spelling keeps message ids (which embed the path) comparable as strings.
 */
export function canonicalFolder(path: string): string {
  return path.toUpperCase() === 'INBOX' ? 'INBOX' : path;
}

/** RFC 9051 §2.3.1.1: UIDVALIDITY is a non-zero 32-bit number; imapflow hands it over as bigint. */
export function uidValidityOf(mailbox: { uidValidity?: bigint | undefined }): number {
  const value = Number(mailbox.uidValidity ?? 0n);
  if (!Number.isSafeInteger(value) || value < 1 || value > 0xffff_ffff) {
    throw new Error(`IMAP server reported an invalid UIDVALIDITY: ${String(mailbox.uidValidity)}`);
  }
  return value;
}

/**
 * True when the session can use mod-sequences in the selected mailbox: CONDSTORE enabled
 * (imapflow ENABLEs it on connect) and no NOMODSEQ (RFC 7162 §3.1.2.2) for this mailbox.
 */
export function hasModseq(client: ImapFlow, mailbox: MailboxObject): boolean {
  return client.enabled.has('CONDSTORE') && !mailbox.noModseq;
}

/**
 * Selects `folder` for a read (list, changes, body, part). A failed SELECT becomes the code
 * the read routes may answer: a missing mailbox is `folder_not_found` (or `missing`, e.g.
 * `message_not_found` for a message id), an existing one the server will not open is
 * \Noselect (RFC 9051 §7.3.1) → `folder_not_selectable`. Failures inside `work` pass through
 * untouched: only the SELECT is classified here.
 */
export async function readMailbox<T>(
  access: ImapAccess,
  folder: string,
  work: (client: ImapFlow, mailbox: MailboxObject) => Promise<T>,
  missing: ErrorCode = 'folder_not_found',
): Promise<T> {
  let selected = false;
  try {
    return await access.withMailbox(canonicalFolder(folder), (client, mailbox) => {
      selected = true;
      return work(client, mailbox);
    });
  } catch (error) {
    const code = selected ? null : imapRefusal(error);
    if (code === null) throw error;
    if (code === 'folder_not_found' || code === 'forbidden') throw new ApiError(missing);
    throw new ApiError(missing === 'folder_not_found' ? 'folder_not_selectable' : missing);
  }
}
