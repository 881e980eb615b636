import type { ESearchResult, ImapFlow, SearchObject } from 'imapflow';
import { refusedUnlessLost } from './imap-refusal.ts';
import { parseUidSet, type UidRange } from './uid-set.ts';

/**
 * SEARCH with ESEARCH result options (RFC 4731): the server answers with one number or one
 * compressed set instead of listing every match, which is what keeps a 100,000-message
 * folder cheap. imapflow asks for RETURN (…) when the server has ESEARCH and otherwise
 * computes the same result from a plain SEARCH, so both paths give an ESearchResult.
 */
async function esearch(
  client: ImapFlow,
  query: SearchObject,
  uid: boolean,
  returnOption: 'MAX' | 'ALL',
): Promise<ESearchResult> {
  const result = refusedUnlessLost(
    client,
    await client.search(query, { uid, returnOptions: [returnOption] }),
  );
  if (result === false || result === undefined) {
    throw new Error(`SEARCH in ${client.mailbox ? client.mailbox.path : '?'} was refused`);
  }
  if (!Array.isArray(result)) return result;
  const sorted = [...result].sort((a, b) => a - b);
  return { max: sorted[sorted.length - 1], all: sorted.join(',') };
}

/**
 * The sequence number of the newest message with a UID below `beforeUid` (all messages when
 * null), or 0 when there is none. Sequence numbers are ordered like UIDs (RFC 9051 §2.3.1.2),
 * so this is also how many such messages there are.
 */
export async function highestSeqBelow(client: ImapFlow, beforeUid: number | null): Promise<number> {
  if (beforeUid === 1) return 0;
  const query: SearchObject = beforeUid === null ? { all: true } : { uid: `1:${beforeUid - 1}` };
  return (await esearch(client, query, false, 'MAX')).max ?? 0;
}

/** Which UIDs of `set` (a UID sequence set) exist in the selected mailbox. */
export async function existingUids(client: ImapFlow, set: string): Promise<UidRange[]> {
  if (set === '') return [];
  return parseUidSet((await esearch(client, { uid: set }, true, 'ALL')).all ?? '');
}
