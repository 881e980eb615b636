import { z } from 'zod';
import { ReportedFlagSchema } from './flags.ts';
import { UidSchema } from './ids.ts';
import { MessageHeaderSchema } from './messages.ts';
import { ModseqSchema, StateTokenSchema } from './state.ts';

/**
 * Delta sync: `GET /api/folders/:folder/changes?since=<state>`.
 *
 * The server runs `UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE <modseq> VANISHED)`
 * (RFC 7162 §3.1.4, §3.2.6) and splits the answer with the token's uidNext: changed
 * messages with uid ≥ uidNext are new and sent as full headers (`added`), the others as
 * flags (`updated`). Expunges come from QRESYNC's `VANISHED (EARLIER)`.
 *
 * Client rules (all idempotent, so a repeated page does no harm):
 * - `added`: upsert the header (it may already be cached from an earlier page).
 * - `updated`: patch flags of a cached message unless the cache has a higher modseq;
 *   ignore UIDs not in the cache (older pages not loaded yet bring current flags anyway).
 * - `vanished`: delete those UIDs; ignore unknown ones (RFC 7162 §3.2.6 lets the server
 *   report a superset).
 * - store `state`, and call again with it while `hasMore`.
 * - `cannotCalculateChanges`: drop the folder's cached headers and list it again.
 *
 * Paging: `limit` bounds `added`. The server orders changed messages by modseq, cuts after
 * the modseq group in which `added` reaches `limit` (a group is never split, because
 * CHANGEDSINCE is strictly "greater than"), and returns a `state` whose modseq is that
 * cutoff; `updated` holds every flag change up to the cutoff. `vanished` is not paged
 * (expunges carry no modseq); every page repeats it.
 */

export const DEFAULT_CHANGES_LIMIT = 200;
export const MAX_CHANGES_LIMIT = 500;
/** Beyond this many updates or expunges the server answers `tooMany`; a re-list is cheaper. */
export const MAX_CHANGE_ENTRIES = 100_000;

export const CANNOT_CALCULATE_REASONS = [
  /** UIDVALIDITY differs from the token's: every cached UID is void (RFC 9051 §2.3.1.1). */
  'uidValidityChanged',
  /** The IMAP server lacks CONDSTORE/QRESYNC (RFC 7162). */
  'noCondstore',
  /** The server no longer knows what was expunged since the token's modseq. */
  'tooOld',
  /** More than MAX_CHANGE_ENTRIES updates or expunges. */
  'tooMany',
  'unknown',
] as const;

export const ChangesQuerySchema = z.object({
  since: StateTokenSchema,
  limit: z.coerce.number().int().min(1).max(MAX_CHANGES_LIMIT).default(DEFAULT_CHANGES_LIMIT),
});

/** A flag change (FETCH FLAGS MODSEQ): the complete flag set after the change. */
export const FlagUpdateSchema = z
  .object({
    uid: UidSchema,
    flags: z.array(ReportedFlagSchema),
    modseq: ModseqSchema,
  })
  .meta({ id: 'FlagUpdate' });

export const CannotCalculateReasonSchema = z.enum(CANNOT_CALCULATE_REASONS);

export const FolderChangesSchema = z.object({
  kind: z.literal('changes'),
  state: StateTokenSchema,
  added: z.array(MessageHeaderSchema),
  updated: z.array(FlagUpdateSchema).max(MAX_CHANGE_ENTRIES),
  vanished: z.array(UidSchema).max(MAX_CHANGE_ENTRIES),
  hasMore: z.boolean(),
});

export const CannotCalculateChangesSchema = z.object({
  kind: z.literal('cannotCalculateChanges'),
  /** The folder's current state, when it has one (null without CONDSTORE). */
  state: StateTokenSchema.nullable(),
  reason: CannotCalculateReasonSchema,
});

export const ChangesResponseSchema = z
  .discriminatedUnion('kind', [FolderChangesSchema, CannotCalculateChangesSchema])
  .meta({ id: 'ChangesResponse' });

export type ChangesQuery = z.infer<typeof ChangesQuerySchema>;
export type ChangesQueryInput = z.input<typeof ChangesQuerySchema>;
export type FlagUpdate = z.infer<typeof FlagUpdateSchema>;
export type CannotCalculateReason = z.infer<typeof CannotCalculateReasonSchema>;
export type FolderChanges = z.infer<typeof FolderChangesSchema>;
export type CannotCalculateChanges = z.infer<typeof CannotCalculateChangesSchema>;
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>;
