import type { Op } from '@petrel/contract';
import type { ImapFlow, SearchObject } from 'imapflow';

export interface ServerCheck {
  /** True once the IMAP server shows the effect of every op. */
  done(): Promise<boolean>;
}

/** The IMAP SEARCH keys (RFC 9051 §6.4.4) that hold once a flag was added or removed. */
const FLAG_KEYS: Record<string, { added: SearchObject; removed: SearchObject }> = {
  '\\Seen': { added: { seen: true }, removed: { seen: false } },
  '\\Flagged': { added: { flagged: true }, removed: { flagged: false } },
};

interface Expectation {
  folder: string;
  /** UIDs that must match `query`, or be gone with `query` null. */
  uids: number[];
  query: SearchObject | null;
}

/**
 * How a separate IMAP client tells that the server holds `ops` (all on distinct messages):
 * moved and deleted messages are gone from their folder and the destinations grew by as
 * many; flag changes match `UID SEARCH UID <set> <flag>`. Destination counts are taken now,
 * before anything is sent. Every check is a handful of commands, cheap enough to poll.
 */
export async function serverHolds(imap: ImapFlow, ops: readonly Op[]): Promise<ServerCheck> {
  const trash = (await imap.list()).find((box) => box.specialUse === '\\Trash')?.path ?? 'Trash';
  const expectations = new Map<string, Expectation>();
  const growth = new Map<string, number>();
  const expect = (folder: string, query: SearchObject | null, uid: number) => {
    const key = `${folder}\n${JSON.stringify(query)}`;
    const entry = expectations.get(key) ?? { folder, uids: [], query };
    entry.uids.push(uid);
    expectations.set(key, entry);
  };
  for (const op of ops) {
    const { folder, uid } = op.target;
    if (op.type === 'setFlags') {
      for (const flag of op.add) expect(folder, known(flag).added, uid);
      for (const flag of op.remove) expect(folder, known(flag).removed, uid);
    } else {
      expect(folder, null, uid);
      const destination = op.type === 'move' ? op.destination : trash;
      growth.set(destination, (growth.get(destination) ?? 0) + 1);
    }
  }
  const base = new Map<string, number>();
  for (const folder of growth.keys()) base.set(folder, await messageCount(imap, folder));

  return {
    async done() {
      for (const [folder, count] of growth) {
        if ((await messageCount(imap, folder)) < (base.get(folder) ?? 0) + count) return false;
      }
      for (const { folder, uids, query } of expectations.values()) {
        const lock = await imap.getMailboxLock(folder, { readOnly: true });
        try {
          await imap.noop(); // the session's view of the folder catches up with other sessions
          const matched =
            (await imap.search({ ...query, uid: uids.join(',') }, { uid: true })) || [];
          if (matched.length !== (query === null ? 0 : uids.length)) return false;
        } finally {
          lock.release();
        }
      }
      return true;
    },
  };
}

function known(flag: string) {
  const keys = FLAG_KEYS[flag];
  if (keys === undefined) throw new Error(`the replay benchmark does not check ${flag}`);
  return keys;
}

async function messageCount(imap: ImapFlow, folder: string): Promise<number> {
  const status = await imap.status(folder, { messages: true });
  return status ? (status.messages ?? 0) : 0;
}
