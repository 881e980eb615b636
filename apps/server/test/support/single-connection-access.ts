import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ImapAccess } from '../../src/imap/imap-access.ts';

/** An ImapAccess over one already-connected ImapFlow, for service tests without the pool. */
export function singleConnectionAccess(client: ImapFlow): ImapAccess {
  return {
    withClient: (work) => work(client),
    async withMailbox(folder, work, options) {
      const lock = await client.getMailboxLock(folder, { readOnly: options?.readOnly ?? false });
      try {
        return await work(client, client.mailbox as MailboxObject);
      } finally {
        lock.release();
      }
    },
  };
}
