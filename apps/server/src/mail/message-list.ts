import {
  decodeListCursor,
  encodeListCursor,
  type ListPosition,
  type MessageList,
} from '@petrel/contract';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import { ApiError } from '../plugins/api-error.ts';
import { readSnapshot, snapshotToken } from './folder-state.ts';
import { fetchHeaders } from './header-fetch.ts';
import { newestPage } from './kept-page.ts';
import { canonicalFolder, readMailbox } from './mailbox.ts';
import { highestSeqBelow } from './search.ts';

/**
 * `GET /api/folders/:folder/messages`: newest first by UID, paged by a cursor that holds the
 * UIDVALIDITY and the smallest UID already sent ("uid < beforeUid" comes next), so messages
 * arriving between two pages never shift the pages the way an offset would.
 *
 * Finding a page never touches the messages outside it, however big the folder:
 *   1. STATUS for the state token (before anything is fetched, see folder-state.ts);
 *   2. `SEARCH RETURN (MAX) UID 1:<beforeUid-1>` (ESEARCH, RFC 4731): the sequence number
 *      of the newest message below the cursor, one number on the wire;
 *   3. `FETCH <max-limit+1>:<max>` of the header items (message-header.ts) by sequence
 *      number, since sequence numbers run in UID order (RFC 9051 §2.3.1.2);
 *   4. one partial `UID FETCH … BODY.PEEK[<part>]<0.512>` per preview part number.
 * Steps 2 and 3 use sequence numbers from the same view: the server may not send EXPUNGE
 * during FETCH, STORE or SEARCH (RFC 9051 §7.5.1), so none can slip in between them.
 * The newest page of the folder the connection IDLEs in is kept between requests while
 * IDLE would have reported any change to it (kept-page.ts).
 */
export async function listMessages(
  access: ImapAccess,
  folder: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<MessageList> {
  const position = page.cursor === undefined ? null : decodeListCursor(page.cursor);
  if (page.cursor !== undefined && position === null) throw new ApiError('bad_request');
  const path = canonicalFolder(folder);
  return readMailbox(access, path, (client, mailbox) =>
    position === null
      ? newestPage(client, mailbox, page.limit, () =>
          readPage(client, mailbox, path, null, page.limit),
        )
      : readPage(client, mailbox, path, position, page.limit),
  );
}

async function readPage(
  client: ImapFlow,
  mailbox: MailboxObject,
  path: string,
  position: ListPosition | null,
  limit: number,
): Promise<MessageList> {
  const snapshot = await readSnapshot(client, mailbox);
  if (position && position.uidValidity !== snapshot.uidValidity) {
    throw new ApiError('cannot_calculate_changes');
  }
  const range = await pageRange(client, position?.beforeUid ?? null, limit);
  const where = { folder: path, uidValidity: snapshot.uidValidity };
  const messages = (await fetchHeaders(client, where, range.seqs, false)).sort(
    (a, b) => b.uid - a.uid,
  );
  const oldest = messages[messages.length - 1];
  return {
    messages,
    nextCursor:
      range.more && oldest
        ? encodeListCursor({ uidValidity: snapshot.uidValidity, beforeUid: oldest.uid })
        : null,
    state: snapshotToken(snapshot),
  };
}

/**
 * The sequence range of the `limit` newest messages with a UID below `beforeUid` (all when
 * null), and whether older ones remain. Shared with the initial-sync flag pass.
 */
export async function pageRange(
  client: ImapFlow,
  beforeUid: number | null,
  limit: number,
): Promise<{ seqs: string; more: boolean }> {
  const highest = await highestSeqBelow(client, beforeUid);
  if (highest === 0) return { seqs: '', more: false };
  const lowest = Math.max(1, highest - limit + 1);
  return { seqs: `${lowest}:${highest}`, more: lowest > 1 };
}
