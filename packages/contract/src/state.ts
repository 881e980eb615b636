import { z } from 'zod';
import { parseCanonicalInt } from './encoding.ts';
import { UidSchema, UidValiditySchema } from './ids.ts';

/**
 * Folder state tokens and list cursors.
 *
 * A state token is `<uidValidity>:<highestModseq>:<uidNext>`, all decimal, e.g.
 * `1700000000:4711:388`. The client stores it per folder and sends it back as
 * `GET …/changes?since=`; it never needs to look inside.
 * - uidValidity: a different value means every cached UID of the folder is void
 *   (RFC 9051 §2.3.1.1) → `cannotCalculateChanges`.
 * - highestModseq: the CONDSTORE mod-sequence (RFC 7162 §3.1.2) the client is synced to;
 *   the server asks `CHANGEDSINCE` it.
 * - uidNext: UIDs are assigned in ascending order, so a changed message with
 *   uid ≥ uidNext did not exist when the token was made and is sent as a full header
 *   ("added"); any other changed message only as flags ("updated"). CHANGEDSINCE alone
 *   cannot tell the two apart.
 * The design sketch had two parts; uidNext was added for the reason above.
 */

/**
 * RFC 7162 §7: mod-sequence values are unsigned 63-bit, beyond Number.MAX_SAFE_INTEGER, so
 * they travel as decimal strings. "0" is allowed because CHANGEDSINCE 0 is legal.
 */
export const MAX_MODSEQ = '9223372036854775807';
export const ModseqSchema = z
  .string()
  .regex(/^(0|[1-9]\d{0,18})$/, 'Not a mod-sequence')
  // zod runs refinements even after the regex failed, so compare as text, not BigInt
  // (which throws on non-digits): equal-length decimals order like numbers.
  .refine(
    (value) => value.length < MAX_MODSEQ.length || value <= MAX_MODSEQ,
    'Mod-sequence exceeds 2^63-1',
  );

export const StateTokenSchema = z
  .string()
  .max(64)
  .regex(/^\d+:\d+:\d+$/, 'Not a folder state token')
  .refine((token) => parseStateToken(token) !== null, 'Not a folder state token')
  .describe('Folder state: uidValidity:highestModseq:uidNext (opaque to clients)');

export const FolderStateSchema = z.object({
  uidValidity: UidValiditySchema,
  highestModseq: ModseqSchema,
  uidNext: UidSchema,
});

/**
 * Opaque cursor for the next page of a newest-first message list: the page holds messages
 * with uid < beforeUid. The uidValidity lets the server refuse a cursor from before a
 * UIDVALIDITY change (`cannot_calculate_changes`) instead of paging through unrelated UIDs.
 */
export const ListCursorSchema = z
  .string()
  .max(32)
  .refine((cursor) => decodeListCursor(cursor) !== null, 'Not a list cursor');

export type Modseq = z.infer<typeof ModseqSchema>;
export type StateToken = z.infer<typeof StateTokenSchema>;
export type FolderState = z.infer<typeof FolderStateSchema>;
/** What a list cursor encodes. */
export type ListPosition = { uidValidity: number; beforeUid: number };

/** Throws a ZodError when `state` is invalid (a programming error). */
export function formatStateToken(state: FolderState): string {
  const { uidValidity, highestModseq, uidNext } = FolderStateSchema.parse(state);
  return `${uidValidity}:${highestModseq}:${uidNext}`;
}

/** Returns null unless `token` is exactly what {@link formatStateToken} produces. */
export function parseStateToken(token: string): FolderState | null {
  const match = /^(\d+):(\d+):(\d+)$/.exec(token);
  if (!match) return null;
  const [, uidValidity, highestModseq, uidNext] = match;
  const parsed = FolderStateSchema.safeParse({
    uidValidity: parseCanonicalInt(uidValidity),
    highestModseq,
    uidNext: parseCanonicalInt(uidNext),
  });
  return parsed.success ? parsed.data : null;
}

/** Orders two mod-sequences numerically (they may exceed 2^53). Inputs must be valid. */
export function compareModseq(a: string, b: string): -1 | 0 | 1 {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Throws a ZodError for invalid input (a programming error). */
export function encodeListCursor(position: ListPosition): string {
  const uidValidity = UidValiditySchema.parse(position.uidValidity);
  const beforeUid = UidSchema.parse(position.beforeUid);
  return `${uidValidity}-${beforeUid}`;
}

export function decodeListCursor(cursor: string): ListPosition | null {
  const match = /^(\d+)-(\d+)$/.exec(cursor);
  if (!match) return null;
  const uidValidity = UidValiditySchema.safeParse(parseCanonicalInt(match[1]));
  const beforeUid = UidSchema.safeParse(parseCanonicalInt(match[2]));
  return uidValidity.success && beforeUid.success
    ? { uidValidity: uidValidity.data, beforeUid: beforeUid.data }
    : null;
}
