import type { SeedMessage } from './types.ts';

const SENDERS = ['Ada Lovelace <ada@example.com>', 'Grace Hopper <grace@example.org>', 'Alan Turing <alan@example.net>', 'Edsger Dijkstra <edsger@example.com>', 'Barbara Liskov <barbara@example.org>', 'Ken Thompson <ken@example.net>'];
const TOPICS = ['Quarterly report', 'Lunch on Friday?', 'Build failed on main', 'Invoice', 'Meeting notes', 'Re: design review', 'Travel plans', 'Your order has shipped'];

/**
 * Many small, plain messages for benchmarks (100,000 in a few seconds), built from
 * templates rather than MailComposer: what is measured is sync, not MIME variety.
 * Deterministic: message i is always the same bytes.
 */
export function bulkMessages(count: number, options: { folder?: string; end?: Date } = {}): SeedMessage[] {
  const folder = options.folder ?? 'INBOX';
  const end = (options.end ?? new Date('2026-11-01T09:00:00Z')).getTime();
  const spacing = Math.max(1, Math.floor((2 * 365 * 24 * 3600 * 1000) / count));
  const messages: SeedMessage[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const date = new Date(end - (count - 1 - i) * spacing);
    const from = SENDERS[i % SENDERS.length]!;
    const subject = `${TOPICS[i % TOPICS.length]} #${i + 1}`;
    const raw =
      `From: ${from}\r\nTo: Demo User <demo@petrel.test>\r\nSubject: ${subject}\r\n` +
      `Date: ${date.toUTCString()}\r\nMessage-ID: <bulk-${i + 1}@bench.petrel.test>\r\n` +
      `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
      `Message ${i + 1} of ${count}. ${subject}.\r\nNothing to see here, just bytes to sync.\r\n`;
    // Older mail mostly read, a few flagged: like a real inbox.
    const flags = i < count - 50 && i % 5 !== 0 ? ['\\Seen'] : [];
    if (i % 97 === 0) flags.push('\\Flagged');
    messages[i] = { folder, raw: Buffer.from(raw), flags, internalDate: date };
  }
  return messages;
}
