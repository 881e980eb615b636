import { z } from 'zod';
import { ErrorCodeSchema } from './errors.ts';
import { FlagSchema } from './flags.ts';
import { FolderPathSchema, MessageRefSchema } from './ids.ts';

/**
 * `POST /api/actions`: the outbox replays queued user actions as ops.
 *
 * - Idempotent by opId: the server keeps a per-user log of results, and an opId it has
 *   seen returns the first result without touching IMAP again (the reply to a replayed
 *   batch may have been lost). Clients never reuse an opId for a different op.
 * - Ops run in order and each one alone; the response has one result per op, in order,
 *   with HTTP 200 even when some failed. A batch-level error (400, 401, 403, 413) means no
 *   op ran.
 * - Each op names the message as the client knew it (MessageRef). An op on a ref that an
 *   earlier op moved gets `gone`: the outbox rewrites queued refs with `newRef` as results
 *   arrive, so a dependent op waits for the next batch.
 * - The client validates each op with OpSchema when it enqueues it, so an invalid op
 *   never sits in the outbox and blocks every later batch with a 400.
 */

export const MAX_OPS_PER_REQUEST = 1000;
export const MAX_FLAGS_PER_OP = 50;

/** A UUID (what crypto.randomUUID gives) matches too. */
export const OpIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'opId must be 8–64 characters of A–Z a–z 0–9 _ -');

/** `UID STORE +FLAGS.SILENT` / `-FLAGS.SILENT` (RFC 9051 §6.4.6); last writer wins. */
export const SetFlagsOpSchema = z
  .object({
    opId: OpIdSchema,
    type: z.literal('setFlags'),
    target: MessageRefSchema,
    add: z.array(FlagSchema).max(MAX_FLAGS_PER_OP),
    remove: z.array(FlagSchema).max(MAX_FLAGS_PER_OP),
  })
  .refine((op) => op.add.length + op.remove.length > 0, 'setFlags needs a flag to add or remove')
  .refine(
    // IMAP compares flags case-insensitively (RFC 9051 §2.3.2), so must we.
    (op) => !op.add.some((flag) => op.remove.some((r) => r.toLowerCase() === flag.toLowerCase())),
    'A flag cannot be both added and removed',
  );

/**
 * MOVE (RFC 6851), or COPY + STORE \Deleted + UID EXPUNGE where MOVE is missing; `newRef`
 * comes from COPYUID (RFC 4315 UIDPLUS).
 */
export const MoveOpSchema = z
  .object({
    opId: OpIdSchema,
    type: z.literal('move'),
    target: MessageRefSchema,
    destination: FolderPathSchema,
  })
  .refine((op) => op.destination !== op.target.folder, 'Destination is the same folder');

/**
 * Moves to the \Trash folder (RFC 6154); in \Trash it expunges with UID EXPUNGE (RFC 4315),
 * which removes only this message, never other \Deleted ones. Without a \Trash folder the
 * op fails with `folder_not_found` rather than deleting permanently.
 */
export const DeleteOpSchema = z.object({
  opId: OpIdSchema,
  type: z.literal('delete'),
  target: MessageRefSchema,
});

export const OpSchema = z
  .discriminatedUnion('type', [SetFlagsOpSchema, MoveOpSchema, DeleteOpSchema])
  .meta({ id: 'Op' });

export const ActionsRequestSchema = z.object({
  ops: z
    .array(OpSchema)
    .min(1)
    .max(MAX_OPS_PER_REQUEST)
    .refine((ops) => new Set(ops.map((op) => op.opId)).size === ops.length, 'Duplicate opId'),
});

export const OP_STATUSES = ['applied', 'gone', 'stale', 'failed'] as const;

export const OpResultSchema = z
  .discriminatedUnion('status', [
    z.object({
      opId: OpIdSchema,
      status: z.literal('applied'),
      /** Where the message is now, after move or delete-to-Trash; absent without UIDPLUS
       * (the client then finds it through `changes`) and after an expunge. */
      newRef: MessageRefSchema.optional(),
    }),
    /** The UID is no longer in the folder (expunged or moved by someone else). */
    z.object({ opId: OpIdSchema, status: z.literal('gone') }),
    /** The folder's UIDVALIDITY differs from the ref's: the client must re-sync it. */
    z.object({ opId: OpIdSchema, status: z.literal('stale') }),
    z.object({
      opId: OpIdSchema,
      status: z.literal('failed'),
      code: ErrorCodeSchema,
      message: z.string(),
    }),
  ])
  .meta({ id: 'OpResult' });

export const ActionsResponseSchema = z.object({ results: z.array(OpResultSchema) });

export type OpId = z.infer<typeof OpIdSchema>;
export type SetFlagsOp = z.infer<typeof SetFlagsOpSchema>;
export type MoveOp = z.infer<typeof MoveOpSchema>;
export type DeleteOp = z.infer<typeof DeleteOpSchema>;
export type Op = z.infer<typeof OpSchema>;
export type ActionsRequest = z.infer<typeof ActionsRequestSchema>;
export type OpStatus = (typeof OP_STATUSES)[number];
export type OpResult = z.infer<typeof OpResultSchema>;
export type ActionsResponse = z.infer<typeof ActionsResponseSchema>;
