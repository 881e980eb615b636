/**
 * Decides IMAP flags once every message has its final folder and date, because "newest
 * INBOX mail is unread" can only be judged against the whole folder.
 */
import type { Rng } from './prng.ts';
import type { MessagePlan } from './types.ts';

/** How many of the newest INBOX messages are treated as "just arrived". */
export const FRESH_INBOX_COUNT = 30;

/** Probability that an older message in the folder has been read. */
const SEEN_RATE: Record<string, number> = {
  INBOX: 0.6,
  Archive: 0.92,
  Projects: 0.85,
  'Projects/Petrel': 0.85,
  Newsletters: 0.45,
  Receipts: 0.75,
  Junk: 0.1,
  Trash: 0.9,
};

/** Fixed order so the flag list (and anything derived from it) is reproducible. */
const ORDER = ['\\Seen', '\\Answered', '\\Flagged', '\\Draft'];

export function assignFlags(rng: Rng, plans: readonly MessagePlan[]): void {
  const byFolder = new Map<string, MessagePlan[]>();
  for (const plan of plans) {
    const list = byFolder.get(plan.folder) ?? [];
    list.push(plan);
    byFolder.set(plan.folder, list);
  }
  // Sorted folder names: Map insertion order depends on planning order, keep it explicit.
  for (const folder of [...byFolder.keys()].sort()) {
    const list = (byFolder.get(folder) ?? []).sort((a, b) => b.date.getTime() - a.date.getTime());
    list.forEach((plan, index) => {
      const flags = new Set<string>();
      if (folder === 'Sent') {
        flags.add('\\Seen');
      } else if (folder === 'Drafts') {
        flags.add('\\Draft').add('\\Seen');
      } else {
        const fresh = folder === 'INBOX' && index < FRESH_INBOX_COUNT;
        const seenRate = fresh ? 0.15 : (SEEN_RATE[folder] ?? 0.6);
        if (rng.chance(seenRate)) flags.add('\\Seen');
        if (plan.answered) flags.add('\\Answered').add('\\Seen');
        if (folder !== 'Junk' && rng.chance(0.04)) flags.add('\\Flagged');
      }
      plan.flags = ORDER.filter((flag) => flags.has(flag));
    });
  }
}
