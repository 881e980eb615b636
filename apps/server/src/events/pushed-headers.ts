import type { MessageHeader } from '@petrel/contract';
import type { ImapFlow, MailboxObject } from 'imapflow';
import { fetchHeaders } from '../mail/header-fetch.ts';
import { uidValidityOf } from '../mail/mailbox.ts';
import { formatUidSet } from '../mail/uid-set.ts';

/** Builds full headers of `uids` in `mailbox`, which the caller holds selected. */
export type HeaderFetcher = (
  client: ImapFlow,
  mailbox: MailboxObject,
  uids: readonly number[],
) => Promise<MessageHeader[]>;

/**
 * New mail is pushed with the very headers the message list would return (the mail
 * service's builder), so the client shows it without a round trip.
 */
export const fetchPushedHeaders: HeaderFetcher = (client, mailbox, uids) =>
  fetchHeaders(
    client,
    { folder: mailbox.path, uidValidity: uidValidityOf(mailbox) },
    formatUidSet(uids),
    true,
  );
