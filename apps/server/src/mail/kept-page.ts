import { DEFAULT_PAGE_SIZE, MessageListSchema, type MessageList } from '@petrel/contract';
import type { ImapFlow, MailboxObject } from 'imapflow';

/**
 * The newest page of the folder a connection is IDLE in (INBOX, normally), kept so that a
 * tab, a reload or another device asking for it again is answered without the IMAP round
 * trips of listMessages (DONE to leave IDLE, NOOP, STATUS, ESEARCH, FETCH, the previews'
 * FETCH, and IDLE again).
 *
 * A kept page is served only while nothing can have changed that folder unnoticed:
 * - the connection is IDLE in it right now, on a server that has IDLE: RFC 2177 has the
 *   server report new mail, expunges and flag changes of the selected mailbox as they
 *   happen, and imapflow turns each into an 'exists', 'expunge' or 'flags' event, which
 *   forgets the page (imapflow's fallback without IDLE polls with NOOP every 2 minutes, too
 *   rarely to count on);
 * - nothing else happened on the connection since it was read: no such event, no other
 *   SELECT ('mailboxOpen' / 'mailboxClose', and the mailbox object itself is compared,
 *   as every SELECT makes a new one), no write of ours (`forgetKeptPage`, called by the
 *   action and folder code: `UID STORE … .SILENT` reports nothing back), no reconnect (a new
 *   client starts empty).
 * So a kept page is as fresh as the push stream: Dovecot tells an IDLE client about another
 * session's change ≈ 0.5 s after it (bench/ANALYSIS.md). It carries the state token it was
 * read with, so the client's next `changes?since=` covers anything newer either way.
 */
interface KeptEntry {
  mailbox: MailboxObject;
  limit: number;
  list: MessageList;
}

class KeptPage {
  /** Bumped by every event that may mean the folder changed. */
  generation = 0;
  entry: KeptEntry | null = null;

  constructor(client: ImapFlow) {
    const forget = () => this.forget();
    for (const event of ['exists', 'expunge', 'flags', 'mailboxOpen', 'mailboxClose', 'close']) {
      client.on(event, forget);
    }
  }

  forget(): void {
    this.generation += 1;
    this.entry = null;
  }
}

const keptPages = new WeakMap<ImapFlow, KeptPage>();
/** A kept page's JSON, checked against the contract and serialized once, at its first reuse. */
const keptJson = new WeakMap<MessageList, string>();

function keptPageOf(client: ImapFlow): KeptPage {
  let kept = keptPages.get(client);
  if (!kept) {
    kept = new KeptPage(client);
    keptPages.set(client, kept);
  }
  return kept;
}

/**
 * Lists the newest `limit` messages of the selected `mailbox` with `read`, or answers the
 * page kept from the last time if it is still exact (see above). Only the first page is
 * kept (later pages are asked for once each, by the initial sync), and only up to the
 * default page size, so what a connection holds stays small (≈ 60 KB for 100 headers).
 */
export async function newestPage(
  client: ImapFlow,
  mailbox: MailboxObject,
  limit: number,
  read: () => Promise<MessageList>,
): Promise<MessageList> {
  const kept = keptPageOf(client);
  const entry = kept.entry;
  const watched = client.idling && client.capabilities.has('IDLE');
  if (watched && entry && entry.mailbox === client.mailbox && entry.limit === limit) {
    if (!keptJson.has(entry.list)) {
      keptJson.set(entry.list, JSON.stringify(MessageListSchema.parse(entry.list)));
    }
    return entry.list;
  }
  const generation = kept.generation;
  const list = await read();
  // Anything reported while reading (a NOOP's EXISTS, say) may postdate what was read.
  if (kept.generation === generation && client.mailbox === mailbox && limit <= DEFAULT_PAGE_SIZE) {
    kept.entry = { mailbox, limit, list };
  }
  return list;
}

/**
 * The JSON of a page answered from the kept page, or undefined for a page just read. The
 * route sends it as it is: validating and serializing 100 headers again for every reuse
 * was half of the server's time per request with 100 users listing at once (bench
 * server-capacity).
 */
export function keptPageJson(list: MessageList): string | undefined {
  return keptJson.get(list);
}

/** Forgets the kept page: call before any command that changes mail on this connection. */
export function forgetKeptPage(client: ImapFlow): void {
  keptPages.get(client)?.forget();
}
