import type { BodyRow } from '../db/rows.ts';
import type { PetrelDb } from '../db/schema.ts';
import type { CachedBody } from './types.ts';

/** One read of a body: the row as stored (null when missing) and what the reader gets. */
export interface BodyAnswer {
  id: string | null;
  row: BodyRow | null;
  body: CachedBody | undefined;
}

/** Enough to go back and forth in a conversation; characters of text and HTML. */
const MAX_ENTRIES = 8;
const MAX_CHARS = 4_000_000;

/**
 * Bodies read lately, per database, so that opening one again renders it in the same
 * frame as the click instead of after an IndexedDB read (which goes through the browser
 * process: tens of ms on a busy machine). A message id names one UID under one
 * UIDVALIDITY, so its body never changes; only lastReadAt does, which nobody shows.
 */
const recent = new WeakMap<PetrelDb, Map<string, BodyAnswer>>();

export function answerFor(row: BodyRow): BodyAnswer & { id: string } {
  const { id, html, text, attachments, inline, tooComplex } = row;
  return { id, row, body: { id, html, text, attachments, inline, tooComplex } };
}

/** The remembered answer for a body, without touching the recency order (safe in render). */
export function peekBody(db: PetrelDb, id: string): BodyAnswer | undefined {
  return recent.get(db)?.get(id);
}

export function rememberBody(db: PetrelDb, answer: BodyAnswer & { id: string }): BodyAnswer {
  let bodies = recent.get(db);
  if (bodies === undefined) {
    bodies = new Map();
    recent.set(db, bodies);
  }
  // Re-inserted last: a Map iterates in insertion order, so the oldest entry comes first.
  bodies.delete(answer.id);
  bodies.set(answer.id, answer);
  let chars = 0;
  for (const entry of bodies.values()) chars += sizeOf(entry);
  for (const [id, entry] of bodies) {
    if (bodies.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
    if (entry === answer) break;
    bodies.delete(id);
    chars -= sizeOf(entry);
  }
  return answer;
}

function sizeOf(answer: BodyAnswer): number {
  return (answer.body?.html?.length ?? 0) + (answer.body?.text?.length ?? 0);
}
