import { connectImap, type MailServer } from '@petrel/test-mailserver';
import type { FetchQueryObject } from 'imapflow';
import { BENCH_USER } from '../mail-fixture.ts';
import { measured, type Result } from '../report.ts';

export interface BaselineSample {
  /** Full header fetch: UID FLAGS INTERNALDATE ENVELOPE RFC822.SIZE of the whole INBOX. */
  headersMs: number;
  /** The items Petrel's message list fetches (adds BODYSTRUCTURE and the References header). */
  petrelItemsMs: number;
  /** Petrel's page pattern: 500 newest first, each page one header FETCH + one preview FETCH. */
  pagedMs: number;
  /** The cheap pass alone: UID FLAGS. */
  flagsMs: number;
  messages: number;
}

const ENVELOPE_QUERY: FetchQueryObject = { uid: true, flags: true, internalDate: true, envelope: true, size: true };
/** Same items as apps/server/src/mail/message-header.ts HEADER_QUERY (previews not included). */
const PAGE = 500;
const PETREL_QUERY: FetchQueryObject = { ...ENVELOPE_QUERY, bodyStructure: true, headers: ['references'] };

/**
 * The protocol bound Petrel's own sync is compared with: a bare imapflow client fetching
 * the same fields over the same kind of connection (plain TCP on loopback).
 */
export async function imapBaseline(server: MailServer): Promise<BaselineSample> {
  const client = await connectImap(server, BENCH_USER);
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      const timed = async (query: FetchQueryObject) => {
        const started = performance.now();
        let messages = 0;
        for await (const _ of client.fetch('1:*', query)) messages++;
        return { ms: performance.now() - started, messages };
      };
      const headers = await timed(ENVELOPE_QUERY);
      const petrel = await timed(PETREL_QUERY);
      const flags = await timed({ uid: true, flags: true });
      const exists = client.mailbox ? client.mailbox.exists : 0;
      const started = performance.now();
      for (let high = exists; high > 0; high -= PAGE) {
        const uids: number[] = [];
        for await (const m of client.fetch(`${Math.max(1, high - PAGE + 1)}:${high}`, PETREL_QUERY)) uids.push(m.uid);
        for await (const _ of client.fetch(uids.join(','), { uid: true, bodyParts: [{ key: '1', start: 0, maxLength: 512 }] }, { uid: true })) {
          // Previews: only the time matters.
        }
      }
      const pagedMs = performance.now() - started;
      return { headersMs: headers.ms, petrelItemsMs: petrel.ms, pagedMs, flagsMs: flags.ms, messages: headers.messages };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

export function baselineResults(size: number, samples: readonly BaselineSample[]): Result[] {
  const rate = (ms: (s: BaselineSample) => number) => samples.map((s) => (s.messages / ms(s)) * 1000);
  const base = { suite: 'imap-baseline', size, target: null };
  return [
    measured({ ...base, metric: 'bare imapflow: UID FLAGS INTERNALDATE ENVELOPE RFC822.SIZE', unit: 'msg/s' }, rate((s) => s.headersMs)),
    measured({ ...base, metric: "bare imapflow: Petrel's items (+ BODYSTRUCTURE, References)", unit: 'msg/s' }, rate((s) => s.petrelItemsMs)),
    measured(
      { ...base, metric: "bare imapflow: Petrel's page pattern (500 a page, + 512-octet previews)", unit: 'msg/s' },
      rate((s) => s.pagedMs),
    ),
    measured({ ...base, metric: 'bare imapflow: UID FLAGS pass', unit: 'ms' }, samples.map((s) => s.flagsMs)),
  ];
}
