/**
 * Internal description of one demo message before it is turned into MIME. Planning (all
 * PRNG use) is kept separate from composing so composing can run concurrently without
 * the order of async completions ever influencing the random stream.
 */
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Person } from './roster.ts';

export type { SeedMessage } from '../types.ts';

export interface MessagePlan {
  folder: string;
  date: Date;
  /** Delivery delay in seconds between Date header and INTERNALDATE, like a real MTA hop. */
  deliveryDelay: number;
  from: Person;
  to: readonly Person[];
  cc?: readonly Person[];
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: readonly string[];
  text?: string;
  html?: string;
  attachments?: Mail.Attachment[];
  icalEvent?: Mail.IcalAttachment;
  headers?: Record<string, string>;
  /** Base for the MIME boundaries: fixed per message so the output is reproducible. */
  boundary: string;
  /** Filled in by the flag pass once all dates are known. */
  flags: string[];
  /** True when the demo user replied to this message (becomes \Answered). */
  answered?: boolean;
}
