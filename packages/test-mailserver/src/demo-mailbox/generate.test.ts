import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_NOW,
  DEMO_FOLDERS,
  FOLDER_SIZES,
  type SeedMessage,
  generateDemoMailbox,
} from './index.ts';

const DAY = 86_400_000;
const SPECIAL = ['INBOX', 'Archive', 'Sent', 'Drafts', 'Junk', 'Trash'];

function digest(messages: readonly SeedMessage[]): string {
  const hash = createHash('sha256');
  for (const m of messages) {
    hash
      .update(`${m.folder}\0${m.flags.join(',')}\0${m.internalDate.toISOString()}\0`)
      .update(m.raw);
  }
  return hash.digest('hex');
}

/** Header value from the top-level header block, unfolded (enough for our own output). */
function header(raw: Buffer, name: string): string | undefined {
  const text = raw.toString('latin1');
  const head = text.slice(0, text.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
}

let mailbox: SeedMessage[];
let generationMs: number;

beforeAll(async () => {
  const started = performance.now();
  mailbox = await generateDemoMailbox();
  generationMs = performance.now() - started;
});

describe('determinism', () => {
  it('produces byte-identical output for the same seed and now', async () => {
    const again = await generateDemoMailbox();
    expect(again).toHaveLength(mailbox.length);
    again.forEach((message, i) => {
      const first = mailbox[i]!;
      expect(message.folder).toBe(first.folder);
      expect(message.flags).toEqual(first.flags);
      expect(message.internalDate.getTime()).toBe(first.internalDate.getTime());
      expect(message.raw.equals(first.raw)).toBe(true);
    });
  });

  it('is reproducible for an explicit seed and differs between seeds', async () => {
    const a = await generateDemoMailbox({ seed: 7, now: DEFAULT_NOW });
    const b = await generateDemoMailbox({ seed: 7, now: DEFAULT_NOW });
    const c = await generateDemoMailbox({ seed: 8, now: DEFAULT_NOW });
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
    expect(digest(a)).not.toBe(digest(mailbox));
    // Different content, not just different ids: the first INBOX message's subject moves.
    const subjects = (list: SeedMessage[]) =>
      list.slice(0, 20).map((m) => header(m.raw, 'Subject'));
    expect(subjects(a)).not.toEqual(subjects(c));
  });

  it('places dates relative to `now`', async () => {
    const now = new Date('2030-06-15T12:00:00Z');
    const shifted = await generateDemoMailbox({ now });
    const newest = Math.max(...shifted.map((m) => m.internalDate.getTime()));
    expect(newest).toBeLessThanOrEqual(now.getTime());
    expect(newest).toBeGreaterThan(now.getTime() - 3 * DAY);
  });

  it('generates the whole mailbox quickly', () => {
    console.log(`demo mailbox: ${mailbox.length} messages in ${generationMs.toFixed(0)} ms`);
    expect(generationMs).toBeLessThan(5000);
  });
});

describe('folders and dates', () => {
  it('has the planned number of messages in every folder', () => {
    const counts: Record<string, number> = {};
    for (const m of mailbox) counts[m.folder] = (counts[m.folder] ?? 0) + 1;
    expect(counts).toEqual(FOLDER_SIZES);
    expect(mailbox.length).toBeGreaterThanOrEqual(2000);
    expect(counts.INBOX).toBeGreaterThanOrEqual(1300);
    expect(counts.INBOX! * 2).toBeGreaterThan(mailbox.length);
    for (const folder of ['Junk', 'Trash', 'Drafts']) expect(counts[folder]).toBeGreaterThan(0);
  });

  it('only uses special-use folders and DEMO_FOLDERS', () => {
    expect(DEMO_FOLDERS).toEqual(['Projects', 'Projects/Petrel', 'Newsletters', 'Receipts']);
    const used = new Set(mailbox.map((m) => m.folder));
    expect([...used].sort()).toEqual([...SPECIAL, ...DEMO_FOLDERS].sort());
  });

  it('spreads dates over the two years before now, newest INBOX mail within days', () => {
    const times = mailbox.map((m) => m.internalDate.getTime());
    const now = DEFAULT_NOW.getTime();
    expect(Math.max(...times)).toBeLessThanOrEqual(now);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now - 731 * DAY);
    expect(Math.min(...times)).toBeLessThan(now - 700 * DAY);
    const inbox = mailbox.filter((m) => m.folder === 'INBOX').map((m) => m.internalDate.getTime());
    expect(Math.max(...inbox)).toBeGreaterThan(now - 2 * DAY);
    // Every quarter of the two years has mail, so the list is not bunched at one end.
    for (let q = 0; q < 8; q++) {
      const from = now - (q + 1) * 91 * DAY;
      const to = now - q * 91 * DAY;
      expect(times.filter((t) => t >= from && t < to).length).toBeGreaterThan(50);
    }
  });

  it('keeps messages of a folder in arrival order', () => {
    for (let i = 1; i < mailbox.length; i++) {
      const [prev, cur] = [mailbox[i - 1]!, mailbox[i]!];
      if (prev.folder === cur.folder) {
        expect(cur.internalDate.getTime()).toBeGreaterThanOrEqual(prev.internalDate.getTime());
      }
    }
  });

  it('uses CRLF line ends only', () => {
    for (const m of mailbox) {
      const text = m.raw.toString('latin1');
      expect(/(?<!\r)\n|\r(?!\n)/.test(text)).toBe(false);
    }
  });
});

describe('flags', () => {
  const inFolder = (folder: string) => mailbox.filter((m) => m.folder === folder);
  const share = (list: SeedMessage[], flag: string) =>
    list.filter((m) => m.flags.includes(flag)).length / list.length;

  it('leaves the newest INBOX mail mostly unread and ~60% of older mail read', () => {
    const inbox = inFolder('INBOX').sort(
      (a, b) => b.internalDate.getTime() - a.internalDate.getTime(),
    );
    const newest = inbox.slice(0, 30);
    expect(newest.filter((m) => !m.flags.includes('\\Seen')).length).toBeGreaterThanOrEqual(20);
    const older = share(inbox.slice(30), '\\Seen');
    expect(older).toBeGreaterThan(0.52);
    expect(older).toBeLessThan(0.72);
  });

  it('flags a few percent and marks Sent as seen, Drafts as drafts', () => {
    const flagged = share(mailbox, '\\Flagged');
    expect(flagged).toBeGreaterThan(0.01);
    expect(flagged).toBeLessThan(0.08);
    expect(share(inFolder('Sent'), '\\Seen')).toBe(1);
    expect(share(inFolder('Drafts'), '\\Draft')).toBe(1);
    expect(share(mailbox, '\\Answered')).toBeGreaterThan(0.02);
  });

  it('sets \\Answered exactly on messages the user replied to', () => {
    const repliedTo = new Set(
      inFolder('Sent')
        .map((m) => header(m.raw, 'In-Reply-To'))
        .filter((id): id is string => id !== undefined),
    );
    expect(repliedTo.size).toBeGreaterThan(50);
    for (const m of mailbox) {
      if (m.folder === 'Sent') continue;
      const id = header(m.raw, 'Message-ID');
      expect(m.flags.includes('\\Answered')).toBe(repliedTo.has(id!));
    }
  });

  it('only uses flags the maildir writer knows, in a stable order', () => {
    const order = ['\\Seen', '\\Answered', '\\Flagged', '\\Draft'];
    for (const m of mailbox) {
      expect(m.flags.every((flag) => order.includes(flag))).toBe(true);
      expect([...m.flags].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(m.flags);
    }
  });
});
