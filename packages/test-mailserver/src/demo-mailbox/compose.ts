/**
 * Turns a MessagePlan into RFC 5322 bytes with nodemailer's MailComposer, which gets the
 * hard parts right (RFC 2047 encoded words, line folding, QP/base64, multipart layout).
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Person } from './roster.ts';
import type { MessagePlan } from './types.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * RFC 5322 date in the sender's own zone. MailComposer would print every Date as +0000;
 * real inboxes mix offsets, and the client must still sort them correctly.
 */
export function formatRfc5322Date(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${DAYS[local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ` +
    `${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:` +
    `${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

const address = (person: Person): Mail.Address => ({ name: person.name, address: person.address });

/**
 * Options MailComposer reads at runtime but @types/nodemailer leaves out of Mail.Options:
 * without a fixed baseBoundary it takes crypto.randomBytes and output would differ per run.
 */
type ComposerOptions = Mail.Options & {
  baseBoundary: string;
  boundaryPrefix: string;
  newline: string;
};

export async function composeMessage(plan: MessagePlan): Promise<Buffer> {
  const options: ComposerOptions = {
    from: address(plan.from),
    to: plan.to.map(address),
    subject: plan.subject,
    messageId: plan.messageId,
    date: formatRfc5322Date(plan.date, plan.from.tz),
    baseBoundary: plan.boundary,
    boundaryPrefix: '--_Petrel',
    newline: '\r\n',
  };
  if (plan.cc?.length) options.cc = plan.cc.map(address);
  if (plan.inReplyTo) options.inReplyTo = plan.inReplyTo;
  if (plan.references?.length) options.references = [...plan.references];
  if (plan.text !== undefined) options.text = plan.text;
  if (plan.html !== undefined) options.html = plan.html;
  if (plan.attachments) options.attachments = plan.attachments;
  if (plan.icalEvent) options.icalEvent = plan.icalEvent;
  const root = new MailComposer(options).compile();
  // Added after compile() so list headers follow From/To/Subject as in real newsletters;
  // passed as `options.headers` MailComposer would put them first.
  if (plan.headers) root.addHeader(plan.headers);
  const raw = await root.build();
  // `newline` already gives CRLF; this pass is a guard so a stray bare LF or CR from any
  // content path can never reach IMAP APPEND, which requires CRLF line ends.
  return normalizeCrlf(raw);
}

export function normalizeCrlf(raw: Buffer): Buffer {
  // Only rewrite when needed: the common case is already clean and this avoids copying.
  let clean = true;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (byte === 0x0a && raw[i - 1] !== 0x0d) clean = false;
    else if (byte === 0x0d && raw[i + 1] !== 0x0a) clean = false;
    if (!clean) break;
  }
  if (clean) return raw;
  return Buffer.from(raw.toString('latin1').replace(/\r\n|\r|\n/g, '\r\n'), 'latin1');
}
