import type { ActionKind } from '../src/data/types.ts';

/** What the user meant, per mail (by Message-ID): where it should be and its two flags. */
export interface Intended {
  folder: string;
  seen: boolean;
  flagged: boolean;
}

/** The effect of one action on the model, as the planner treats it (no-ops change nothing). */
export function applyToModel(model: Intended, kind: ActionKind, destination: string): Intended {
  switch (kind) {
    case 'markRead':
      return { ...model, seen: true };
    case 'markUnread':
      return { ...model, seen: false };
    case 'flag':
      return { ...model, flagged: true };
    case 'unflag':
      return { ...model, flagged: false };
    default:
      return { ...model, folder: destination };
  }
}

/** A small deterministic PRNG (mulberry32), so a failing run can be repeated exactly. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Compares the server's mail (Message-ID → places) with the model. */
export function compare(
  model: ReadonlyMap<string, Intended>,
  server: ReadonlyMap<string, Array<{ folder: string; flags: string[] }>>,
): { lost: string[]; duplicated: string[]; wrong: string[] } {
  const lost: string[] = [];
  const duplicated: string[] = [];
  const wrong: string[] = [];
  for (const [mailId, want] of model) {
    const places = server.get(mailId) ?? [];
    if (places.length === 0) lost.push(mailId);
    if (places.length > 1) duplicated.push(mailId);
    const [place] = places;
    if (
      place &&
      (place.folder !== want.folder ||
        place.flags.includes('\\Seen') !== want.seen ||
        place.flags.includes('\\Flagged') !== want.flagged)
    ) {
      wrong.push(mailId);
    }
  }
  return { lost, duplicated, wrong };
}
