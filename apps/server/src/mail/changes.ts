import {
  MAX_CHANGE_ENTRIES,
  formatStateToken,
  type CannotCalculateReason,
  type ChangesResponse,
  type FlagUpdate,
  type FolderState,
} from '@petrel/contract';
import type { ImapFlow } from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import { readSnapshot, snapshotToken } from './folder-state.ts';
import { fetchHeaders } from './header-fetch.ts';
import { canonicalFolder, readMailbox } from './mailbox.ts';
import { reportedFlags } from './message-header.ts';
import { formatUidSet } from './uid-set.ts';
import { recordVanished } from './vanished.ts';

/**
 * `GET /api/folders/:folder/changes?since=<state>` (contract: changes.ts, docs/api.md
 * "Delta sync"). One STATUS, one `UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE <m>
 * VANISHED)` (RFC 7162 §3.1.4, §3.2.6), and a header FETCH for the new messages of the page.
 */
export async function folderChanges(
  access: ImapAccess,
  folder: string,
  since: FolderState,
  limit: number,
): Promise<ChangesResponse> {
  const path = canonicalFolder(folder);
  return readMailbox(access, path, async (client, mailbox) => {
    const vanished = recordVanished(client, mailbox.path, since.uidNext, MAX_CHANGE_ENTRIES);
    try {
      const snapshot = await readSnapshot(client, mailbox);
      if (snapshot.uidValidity !== since.uidValidity) {
        return cannot(snapshotToken(snapshot), 'uidValidityChanged');
      }
      const { highestModseq } = snapshot;
      if (highestModseq === null) return cannot(null, 'noCondstore');
      const current = formatStateToken({ ...snapshot, highestModseq });
      const from = BigInt(since.highestModseq);
      // Mod-sequences and UIDs only grow under one UIDVALIDITY (RFC 7162 §3.1.1), so a token
      // ahead of the server comes from a server that lost state: start over.
      if (from > BigInt(highestModseq) || since.uidNext > snapshot.uidNext) {
        return cannot(current, 'unknown');
      }
      const changed = await changedSince(client, from);
      const expunged = await vanished.collect();
      if (changed === null || expunged === null) return cannot(current, 'tooMany');
      const page = cutPage(changed, since.uidNext, limit);
      const added = await fetchHeaders(
        client,
        { folder: path, uidValidity: snapshot.uidValidity },
        formatUidSet(page.entries.filter((e) => e.uid >= since.uidNext).map((e) => e.uid)),
        true,
      );
      return {
        kind: 'changes',
        state:
          page.cutoff === null
            ? current
            : formatStateToken({ ...since, highestModseq: page.cutoff.toString() }),
        added: added.sort((a, b) => a.uid - b.uid),
        updated: page.entries.filter((e) => e.uid < since.uidNext).map(toFlagUpdate),
        vanished: expunged,
        hasMore: page.cutoff !== null,
      };
    } finally {
      vanished.stop();
    }
  });
}

interface Changed {
  uid: number;
  flags: Set<string> | undefined;
  modseq: bigint;
}

/** Every message changed after `modseq`, or null past MAX_CHANGE_ENTRIES (a re-list is cheaper). */
async function changedSince(client: ImapFlow, modseq: bigint): Promise<Changed[] | null> {
  const changed: Changed[] = [];
  let overflow = false;
  const query = { uid: true, flags: true };
  for await (const message of client.fetch('1:*', query, { uid: true, changedSince: modseq })) {
    // Keep reading to the end: the FETCH must complete before the connection is usable again.
    if (changed.length >= MAX_CHANGE_ENTRIES) overflow = true;
    else changed.push({ uid: message.uid, flags: message.flags, modseq: message.modseq ?? modseq });
  }
  return overflow ? null : changed;
}

/**
 * Contract paging: order by modseq, and when `added` (uid ≥ the token's uidNext) reaches
 * `limit`, cut after that whole modseq group, never inside it: CHANGEDSINCE is strictly
 * "greater than", so the rest of a split group would never come back. `cutoff` is null when
 * nothing is left over.
 */
export function cutPage(
  changed: readonly Changed[],
  uidNext: number,
  limit: number,
): { entries: Changed[]; cutoff: bigint | null } {
  const sorted = [...changed].sort((a, b) =>
    a.modseq < b.modseq ? -1 : a.modseq > b.modseq ? 1 : 0,
  );
  let added = 0;
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i] as Changed;
    if (entry.uid >= uidNext) added++;
    const next = sorted[i + 1];
    const groupEnds = next === undefined || next.modseq !== entry.modseq;
    if (groupEnds && added >= limit && next !== undefined) {
      return { entries: sorted.slice(0, i + 1), cutoff: entry.modseq };
    }
  }
  return { entries: sorted, cutoff: null };
}

function toFlagUpdate(entry: Changed): FlagUpdate {
  return { uid: entry.uid, flags: reportedFlags(entry.flags), modseq: entry.modseq.toString() };
}

function cannot(state: string | null, reason: CannotCalculateReason): ChangesResponse {
  return { kind: 'cannotCalculateChanges', state, reason };
}
