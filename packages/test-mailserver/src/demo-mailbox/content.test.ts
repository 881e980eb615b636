import PostalMime, { type Attachment, type Email } from 'postal-mime';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SeedMessage, generateDemoMailbox } from './index.ts';

interface Parsed {
  message: SeedMessage;
  email: Email;
  rawHeaders: string;
}

let parsed: Parsed[];

beforeAll(async () => {
  const mailbox = await generateDemoMailbox();
  parsed = await Promise.all(
    mailbox.map(async (message) => {
      const text = message.raw.toString('latin1');
      return {
        message,
        email: await PostalMime.parse(message.raw),
        rawHeaders: text.slice(0, text.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' '),
      };
    }),
  );
});

const bytes = (attachment: Attachment): Buffer =>
  Buffer.from(
    typeof attachment.content === 'string'
      ? Buffer.from(attachment.content)
      : new Uint8Array(attachment.content),
  );
const attachmentsOf = (type: string) =>
  parsed.flatMap(({ email }) => email.attachments.filter((a) => a.mimeType === type));

describe('every message', () => {
  it('parses and has From, Date and a unique Message-ID', () => {
    const ids = new Set<string>();
    for (const { email, message } of parsed) {
      expect(email.from?.address).toMatch(/@/);
      expect(email.date).toBeTruthy();
      const date = new Date(email.date!).getTime();
      // INTERNALDATE is the Date header plus a short delivery delay.
      expect(message.internalDate.getTime() - date).toBeGreaterThanOrEqual(0);
      expect(message.internalDate.getTime() - date).toBeLessThanOrEqual(180_000);
      expect(email.messageId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
      ids.add(email.messageId!);
    }
    expect(ids.size).toBe(parsed.length);
  });

  it('has the demo user as sender of Sent/Drafts and as a recipient elsewhere', () => {
    for (const { email, message } of parsed) {
      const all = [...(email.to ?? []), ...(email.cc ?? [])].map((a) => a.address);
      if (message.folder === 'Sent' || message.folder === 'Drafts') {
        expect(email.from?.address).toBe('demo@petrel.test');
        expect(email.from?.name).toBe('Demo User');
      } else {
        expect(all).toContain('demo@petrel.test');
      }
    }
  });
});

describe('threads', () => {
  it('chains In-Reply-To and References and uses "Re:" subjects', () => {
    const byId = new Map(parsed.map((p) => [p.email.messageId!, p.email]));
    const replies = parsed.map((p) => p.email).filter((email) => email.inReplyTo);
    expect(replies.length).toBeGreaterThan(200);
    const rootLengths = new Map<string, number>();
    for (const reply of replies) {
      const parent = byId.get(reply.inReplyTo!);
      expect(parent, `parent of ${reply.messageId}`).toBeDefined();
      const refs = reply.references!.split(/\s+/);
      const parentRefs = parent!.references ? parent!.references.split(/\s+/) : [];
      expect(refs).toEqual([...parentRefs, parent!.messageId]);
      const root = byId.get(refs[0]!)!;
      expect(root.inReplyTo).toBeUndefined();
      expect(reply.subject).toBe(`Re: ${root.subject}`);
      rootLengths.set(
        root.messageId!,
        Math.max(rootLengths.get(root.messageId!) ?? 0, refs.length + 1),
      );
    }
    const lengths = [...rootLengths.values()];
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(8);
    expect(lengths.length).toBeGreaterThanOrEqual(60);
  });

  it('quotes the previous message with "> " lines', () => {
    const quoted = parsed.filter(({ email }) => email.inReplyTo && /^> \S/m.test(email.text ?? ''));
    expect(quoted.length).toBeGreaterThan(200);
    expect(parsed.some(({ email }) => /^>> \S/m.test(email.text ?? ''))).toBe(true);
  });

  it('has multi-recipient mail with Cc', () => {
    const withCc = parsed.filter(
      ({ email }) => (email.cc?.length ?? 0) > 0 && (email.to?.length ?? 0) >= 2,
    );
    expect(withCc.length).toBeGreaterThan(20);
  });
});

describe('content kinds', () => {
  it('embeds inline PNGs referenced by cid: from HTML', () => {
    const withCid = parsed.filter(({ email }) => /src="cid:/.test(email.html ?? ''));
    expect(withCid.length).toBeGreaterThan(10);
    for (const { email } of withCid) {
      const cid = /src="cid:([^"]+)"/.exec(email.html!)![1];
      const part = email.attachments.find((a) => a.contentId === `<${cid}>`);
      expect(part?.mimeType).toBe('image/png');
      expect(part?.disposition).toBe('inline');
      expect(bytes(part!).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });

  it('references remote images and tracking pixels', () => {
    const html = parsed.map(({ email }) => email.html ?? '');
    expect(
      html.filter((h) => h.includes('src="https://images.example.net/')).length,
    ).toBeGreaterThan(50);
    const pixel = /<img src="https:\/\/t\.example\.net\/[^"]+" width="1" height="1"/;
    expect(html.filter((h) => pixel.test(h)).length).toBeGreaterThan(50);
    expect(html.filter((h) => /<table[\s>]/.test(h)).length).toBeGreaterThan(100);
  });

  it('attaches valid PDFs', () => {
    const pdfs = attachmentsOf('application/pdf');
    expect(pdfs.length).toBeGreaterThan(40);
    for (const pdf of pdfs) {
      const text = bytes(pdf).toString('latin1');
      expect(text.startsWith('%PDF-1.4\n')).toBe(true);
      expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
      expect(pdf.filename).toMatch(/\.pdf$/);
    }
  });

  it('attaches PNG images', () => {
    const pngs = parsed.flatMap(({ email }) =>
      email.attachments.filter((a) => a.mimeType === 'image/png' && a.disposition === 'attachment'),
    );
    expect(pngs.length).toBeGreaterThan(20);
    for (const png of pngs) expect(bytes(png).subarray(12, 16).toString('latin1')).toBe('IHDR');
  });

  it('sends calendar invitations with method=REQUEST', () => {
    const invites = parsed.filter(({ email }) =>
      email.attachments.some((a) => a.mimeType === 'text/calendar'),
    );
    expect(invites.length).toBeGreaterThan(20);
    for (const { email } of invites) {
      const cal = email.attachments.find((a) => a.mimeType === 'text/calendar')!;
      expect(cal.method).toBe('REQUEST');
      // postal-mime hands calendar parts back with \n line ends; CRLF is checked on the
      // generator itself in binary-fixtures.test.ts.
      const file = email.attachments.find((a) => a.mimeType === 'application/ics')!;
      expect(file.filename).toBe('invite.ics');
      const ics = bytes(cal).toString('utf8');
      expect(bytes(file).toString('utf8')).toBe(ics);
      expect(ics).toMatch(/^BEGIN:VCALENDAR\nVERSION:2\.0\n/);
      expect(ics).toContain('\nMETHOD:REQUEST\n');
      expect(ics).toMatch(
        /\nBEGIN:VEVENT\nUID:[^\n]+\nDTSTAMP:\d{8}T\d{6}Z\nDTSTART:\d{8}T\d{6}Z\n/,
      );
      expect(ics).toContain('\nATTENDEE;CN="Demo User";');
    }
  });

  it('encodes non-ASCII subjects and names as RFC 2047 words that decode correctly', () => {
    const encoded = parsed.filter(({ rawHeaders }) =>
      /^Subject: =\?UTF-8\?[BQ]\?/im.test(rawHeaders),
    );
    expect(encoded.length).toBeGreaterThan(50);
    for (const { email } of encoded) expect(/[^\x20-\x7e]/.test(email.subject!)).toBe(true);
    const subjects = new Set(parsed.map(({ email }) => email.subject ?? ''));
    const want = [
      'Grüße aus München',
      'Réunion d’équipe',
      '来週の会議について',
      'Συνάντηση την Τρίτη',
      '🎉 We shipped',
    ];
    for (const fragment of want)
      expect(
        [...subjects].some((s) => s.includes(fragment)),
        fragment,
      ).toBe(true);
    const names = new Set(parsed.map(({ email }) => email.from?.name));
    for (const name of ['Jürgen Müller', 'Françoise Dubois', '田中 美咲', 'Γιώργος Παπαδόπουλος']) {
      expect(names.has(name), name).toBe(true);
    }
    // The raw bytes stay 7-bit in headers: nothing unencoded slipped through.
    for (const { rawHeaders } of parsed) expect(/[^\t\x20-\x7e\r\n]/.test(rawHeaders)).toBe(false);
  });

  it('includes a few very long messages', () => {
    const long = parsed.filter(({ message }) => message.raw.length > 200_000);
    expect(long).toHaveLength(3);
    for (const { message, email } of long) {
      expect(message.raw.length).toBeLessThan(600_000);
      expect((email.text?.length ?? 0) + (email.html?.length ?? 0)).toBeGreaterThan(180_000);
    }
    expect(long.some(({ email }) => !email.html)).toBe(true);
    expect(long.some(({ email }) => !email.text && email.html)).toBe(true);
  });
});
