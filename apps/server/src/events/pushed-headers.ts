import { MAX_PUSHED_HEADERS, type MessageHeader } from '@petrel/contract';
import type { FetchMessageObject, FetchQueryObject, ImapFlow, MailboxObject } from 'imapflow';
import { previewLeaf } from '../mail/body-structure.ts';
import { uidValidityOf } from '../mail/mailbox.ts';
import { HEADER_QUERY, toMessageHeader } from '../mail/message-header.ts';
import { previewText, type PreviewSource } from '../mail/preview.ts';
import { formatUidSet } from '../mail/uid-set.ts';

/** The messages found at or above a UID, with their headers when they could be built. */
export interface NewMail {
  uids: number[];
  /** Null when there were more than MAX_PUSHED_HEADERS: the poll announces them instead. */
  headers: MessageHeader[] | null;
}

/** Finds the messages of `mailbox` (held selected by the caller) with UID ≥ `from`. */
export type NewMailFetcher = (
  client: ImapFlow,
  mailbox: MailboxObject,
  from: number,
) => Promise<NewMail>;

/**
 * The same octet windows as the message list (mail/header-fetch.ts), so a pushed row and a
 * listed row show the same preview: HTML spends its first bytes on markup.
 */
const PREVIEW_OCTETS = { text: 512, html: 2048 } as const;
/** Where the preview text almost always is: a single-part body, or the first part of one level of multipart. */
const LIKELY_PREVIEW_PARTS = ['1', '1.1'];

/**
 * New mail is pushed with the very headers the message list would return, so the client
 * shows it without a round trip — and in one IMAP round trip here, because every
 * millisecond of it is push latency: a single `UID FETCH from:*` asks for the list items
 * plus the first octets of the two likely preview parts (a part that does not exist comes
 * back empty). Only a message whose preview is elsewhere costs a second FETCH.
 * RFC 9051 §6.4.9: `n:*` also matches the highest UID below n, hence the filter.
 */
export const fetchPushedHeaders: NewMailFetcher = async (client, mailbox, from) => {
  const query: FetchQueryObject = {
    ...HEADER_QUERY,
    bodyParts: LIKELY_PREVIEW_PARTS.map((key) => ({
      key,
      start: 0,
      maxLength: PREVIEW_OCTETS.html,
    })),
  };
  const messages: FetchMessageObject[] = [];
  for await (const message of client.fetch(`${from}:*`, query, { uid: true })) {
    if (message.uid >= from) messages.push(message);
  }
  const uids = messages.map((message) => message.uid);
  if (messages.length > MAX_PUSHED_HEADERS) return { uids, headers: null };
  const previews = await previewsOf(client, messages);
  const where = { folder: mailbox.path, uidValidity: uidValidityOf(mailbox) };
  const headers = messages.map((message) =>
    toMessageHeader(where, message, previews.get(message.uid) ?? ''),
  );
  return { uids, headers };
};

/** Only the UIDs: when headers are not pushed, or too many messages came to push them. */
export async function fetchNewUids(client: ImapFlow, from: number): Promise<number[]> {
  const uids: number[] = [];
  for await (const message of client.fetch(`${from}:*`, { uid: true }, { uid: true })) {
    if (message.uid >= from) uids.push(message.uid);
  }
  return uids;
}

interface PreviewPlan {
  part: string;
  octets: number;
  source: PreviewSource;
}

/** Which part a message's preview is cut from, and how (mail/header-fetch.ts does the same). */
function previewPlan(message: FetchMessageObject): PreviewPlan | null {
  const leaf = message.bodyStructure ? previewLeaf(message.bodyStructure) : null;
  if (!leaf || leaf.node.size === 0) return null;
  const html = leaf.node.type === 'text/html';
  return {
    part: leaf.part,
    octets: html ? PREVIEW_OCTETS.html : PREVIEW_OCTETS.text,
    source: { encoding: leaf.node.encoding, charset: leaf.node.parameters?.charset, html },
  };
}

async function previewsOf(
  client: ImapFlow,
  messages: readonly FetchMessageObject[],
): Promise<Map<number, string>> {
  const previews = new Map<number, string>();
  const plans = new Map<number, PreviewPlan>();
  const elsewhere = new Map<string, number[]>();
  const keep = (uid: number, plan: PreviewPlan, bytes: Buffer) =>
    previews.set(uid, previewText(bytes.subarray(0, plan.octets), plan.source));
  for (const message of messages) {
    const plan = previewPlan(message);
    if (plan === null) continue;
    const bytes = LIKELY_PREVIEW_PARTS.includes(plan.part)
      ? message.bodyParts?.get(plan.part)
      : undefined;
    if (bytes) {
      keep(message.uid, plan, bytes);
    } else {
      plans.set(message.uid, plan);
      elsewhere.set(plan.part, [...(elsewhere.get(plan.part) ?? []), message.uid]);
    }
  }
  for (const [part, uids] of elsewhere) {
    const query = {
      uid: true,
      bodyParts: [{ key: part, start: 0, maxLength: PREVIEW_OCTETS.html }],
    };
    for await (const message of client.fetch(formatUidSet(uids), query, { uid: true })) {
      const plan = plans.get(message.uid);
      const bytes = message.bodyParts?.get(part);
      if (plan && bytes) keep(message.uid, plan, bytes);
    }
  }
  return previews;
}
