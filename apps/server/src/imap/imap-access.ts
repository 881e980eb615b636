import type { ImapFlow, MailboxObject } from 'imapflow';

/**
 * How route handlers and mail services reach the signed-in user's single IMAP connection.
 * The session pool (src/imap/) implements it per user; tests can implement it over one
 * plain ImapFlow (test/support/single-connection-access.ts).
 *
 * Every mailbox operation goes through one of these two calls, so commands from several
 * tabs and requests of the same user never interleave on the connection.
 */
export interface ImapAccess {
  /** Runs `work` with the connection, no particular mailbox selected (LIST, STATUS, CREATE…). */
  withClient<T>(work: (client: ImapFlow) => Promise<T>): Promise<T>;
  /**
   * Selects `folder` (EXAMINE when readOnly) under imapflow's mailbox lock, runs `work`,
   * and releases the lock in `finally`.
   */
  withMailbox<T>(
    folder: string,
    work: (client: ImapFlow, mailbox: MailboxObject) => Promise<T>,
    options?: { readOnly?: boolean },
  ): Promise<T>;
}
