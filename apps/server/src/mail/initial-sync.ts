import type { ImapAccess } from '../imap/imap-access.ts';
import { readSnapshot, snapshotToken } from './folder-state.ts';
import { ApiError } from '../plugins/api-error.ts';
import { readMailbox } from './mailbox.ts';
import { reportedFlags } from './message-header.ts';
import { pageRange } from './message-list.ts';

/**
 * Initial sync of a whole folder, in two phases (docs/api.md "Delta sync"):
 *
 *   1. this flag index: `FETCH <seqs> (UID FLAGS MODSEQ)` in chunks of a few thousand,
 *      newest first. About 40 octets a message on the wire, so even 100,000 messages are a
 *      few megabytes, and the client learns at once which UIDs exist and which are unread;
 *   2. the headers, newest first, through the message list (`?limit=500` pages, or
 *      `listMessages` here), each page one header FETCH plus one preview FETCH.
 *
 * The state token of the first chunk is the one to store: it was read before anything was
 * fetched, so `changes?since=` repeats whatever changed while the sync ran. Each chunk takes
 * the mailbox lock on its own, so a long sync never blocks the user's other requests for
 * more than one chunk.
 */

export interface FlagEntry {
  uid: number;
  flags: string[];
  /** Per-message MODSEQ (RFC 7162); null without CONDSTORE. */
  modseq: string | null;
}

export interface FlagIndexChunk {
  uidValidity: number;
  /** State token read before the first chunk; null without CONDSTORE. */
  state: string | null;
  /** Descending by UID. */
  entries: FlagEntry[];
}

export const DEFAULT_FLAG_CHUNK = 5000;

export async function* flagIndex(
  access: ImapAccess,
  folder: string,
  chunkSize: number = DEFAULT_FLAG_CHUNK,
): AsyncGenerator<FlagIndexChunk, void, undefined> {
  let first: { uidValidity: number; state: string | null } | null = null;
  let beforeUid: number | null = null;
  for (;;) {
    const chunk: FlagIndexChunk & { more: boolean } = await readMailbox(
      access,
      folder,
      async (client, mailbox) => {
        const snapshot = await readSnapshot(client, mailbox);
        first ??= { uidValidity: snapshot.uidValidity, state: snapshotToken(snapshot) };
        // RFC 9051 §2.3.1.1: under a new UIDVALIDITY the UIDs sent so far mean nothing.
        if (snapshot.uidValidity !== first.uidValidity)
          throw new ApiError('cannot_calculate_changes');
        const range = await pageRange(client, beforeUid, chunkSize);
        const entries: FlagEntry[] = [];
        if (range.seqs !== '') {
          for await (const message of client.fetch(range.seqs, { uid: true, flags: true })) {
            const modseq = message.modseq === undefined ? null : message.modseq.toString();
            entries.push({ uid: message.uid, flags: reportedFlags(message.flags), modseq });
          }
        }
        entries.sort((a, b) => b.uid - a.uid);
        return { ...first, entries, more: range.more };
      },
    );
    const { more, ...result } = chunk;
    yield result;
    const oldest = result.entries[result.entries.length - 1];
    if (!more || !oldest) return;
    beforeUid = oldest.uid;
  }
}
