import { connectImap, type MailServer } from '@petrel/test-mailserver';
import { BENCH_USER } from '../mail-fixture.ts';

export interface BaselineSample {
  /** Full header fetch: UID FLAGS INTERNALDATE ENVELOPE RFC822.SIZE of the whole INBOX. */
  headersMs: number;
  /** The cheap pass alone: UID FLAGS. */
  flagsMs: number;
  messages: number;
}

/**
 * The protocol bound Petrel's own sync is compared with: a bare imapflow client fetching
 * the same fields over the same kind of connection (plain TCP on loopback).
 */
export async function imapBaseline(server: MailServer): Promise<BaselineSample> {
  const client = await connectImap(server, BENCH_USER);
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      let started = performance.now();
      let messages = 0;
      for await (const _ of client.fetch('1:*', { uid: true, flags: true, internalDate: true, envelope: true, size: true })) {
        messages++;
      }
      const headersMs = performance.now() - started;
      started = performance.now();
      for await (const _ of client.fetch('1:*', { uid: true, flags: true })) {
        // Count nothing: only the time of the pass matters.
      }
      const flagsMs = performance.now() - started;
      return { headersMs, flagsMs, messages };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
