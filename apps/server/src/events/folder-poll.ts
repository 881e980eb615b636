import { formatStateToken } from '@petrel/contract';
import type { ListResponse, StatusObject } from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import type { EventSink } from './event-log.ts';
import { stateOfStatus } from './selected-folder.ts';
import type { FolderSnapshot, WatchMemory } from './watch-memory.ts';

export interface FolderPollOptions {
  access: ImapAccess;
  sink: EventSink;
  memory: WatchMemory;
  /** The IDLEd folder reports the state its event chain stands at (selected-folder.ts). */
  watched: { folder: string; reportedState(status: StatusObject): string | null };
}

/**
 * One poll of every folder: `folderCounts` for each folder whose counts or state changed
 * since the last poll, `foldersChanged` when the folder list itself changed.
 *
 * Polling rather than NOTIFY (RFC 5465): Dovecot offers NOTIFY, but imapflow exposes neither
 * a way to send it nor a handler for the unsolicited STATUS and LIST responses it causes.
 * NOTIFY would not be sooner either: Dovecot 2.3 sends its notices after the same fixed
 * 500 ms delay as IDLE's (bench/src/suites/notify-probe.ts: 503–515 ms for both).
 * One LIST-STATUS (RFC 5819) answers for all folders in a single round trip.
 */
export async function pollFolders({
  access,
  sink,
  memory,
  watched,
}: FolderPollOptions): Promise<void> {
  const boxes = await access.withClient((client) =>
    client.list({
      statusQuery: {
        messages: true,
        unseen: true,
        uidNext: true,
        uidValidity: true,
        highestModseq: true,
      },
    }),
  );
  const listKey = boxes.map(describe).sort().join('\n');
  if (memory.listKey !== null && memory.listKey !== listKey) sink({ type: 'foldersChanged' });

  const previous = memory.folders;
  const next = new Map<string, FolderSnapshot>();
  for (const box of boxes) {
    if (box.status === undefined) continue; // \Noselect: no messages, no status
    const snapshot: FolderSnapshot = {
      total: box.status.messages ?? 0,
      unread: box.status.unseen ?? 0,
      state:
        box.path === watched.folder ? watched.reportedState(box.status) : stateToken(box.status),
    };
    next.set(box.path, snapshot);
    // A folder new since the last poll comes with `foldersChanged`: the client lists again.
    const before = previous?.get(box.path);
    if (before !== undefined && !sameSnapshot(before, snapshot)) {
      sink({ type: 'folderCounts', folder: box.path, ...snapshot });
    }
  }
  memory.folders = next;
  memory.listKey = listKey;
}

/** What GET /api/folders shows of a folder, apart from its counts. */
function describe(box: ListResponse): string {
  return JSON.stringify([
    box.path,
    box.delimiter,
    box.specialUse ?? null,
    box.subscribed,
    box.flags.has('\\Noselect'),
  ]);
}

function stateToken(status: StatusObject): string | null {
  const state = stateOfStatus(status);
  return state === null ? null : formatStateToken(state);
}

function sameSnapshot(a: FolderSnapshot, b: FolderSnapshot): boolean {
  return a.total === b.total && a.unread === b.unread && a.state === b.state;
}
