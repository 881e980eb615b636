import { z } from 'zod';
import { FolderPathSchema, UidValiditySchema } from './ids.ts';
import { ModseqSchema, StateTokenSchema } from './state.ts';

/**
 * RFC 6154 special-use attributes, plus `\Inbox`, which imapflow reports for INBOX (RFC 9051
 * §5.1: INBOX is special by name, not by attribute). A folder has at most one here; when the
 * server advertises several, the server picks the first in this order.
 */
export const SPECIAL_USES = [
  '\\Inbox',
  '\\Drafts',
  '\\Sent',
  '\\Trash',
  '\\Junk',
  '\\Archive',
  '\\All',
  '\\Flagged',
] as const;

export const SpecialUseSchema = z.enum(SPECIAL_USES);

export const FolderSchema = z
  .object({
    path: FolderPathSchema,
    /** Display name: the last segment of `path` (the whole path when delimiter is null). */
    name: z.string(),
    /** Hierarchy delimiter from LIST (RFC 9051 §6.3.9); null for a flat namespace. */
    delimiter: z.string().nullable(),
    /** Path of the parent folder, or null at the top level. */
    parent: FolderPathSchema.nullable(),
    specialUse: SpecialUseSchema.nullable(),
    /** Counts from STATUS (MESSAGES, UNSEEN); 0 when not selectable. */
    total: z.number().int().nonnegative(),
    unread: z.number().int().nonnegative(),
    subscribed: z.boolean(),
    /** False for \Noselect and \NonExistent folders (RFC 9051 §7.3.1). */
    selectable: z.boolean(),
    /** Null when not selectable or the server lacks CONDSTORE (no delta sync possible). */
    state: StateTokenSchema.nullable(),
    uidValidity: UidValiditySchema.nullable(),
    highestModseq: ModseqSchema.nullable(),
  })
  .meta({ id: 'Folder' });

export const FolderListSchema = z.object({ folders: z.array(FolderSchema) });

/** Creates `path`, which includes the parent path and the delimiter of the parent. */
export const CreateFolderRequestSchema = z.object({ path: FolderPathSchema });

/**
 * Rename (RFC 9051 §6.3.6): children move with the folder, and the ids of all messages in it
 * and its children change because ids embed the path; the client re-keys them.
 */
export const RenameFolderRequestSchema = z.object({ newPath: FolderPathSchema });

/** Path parameter `:folder`, URL-decoded by the router before validation. */
export const FolderParamsSchema = z.object({ folder: FolderPathSchema });

export type SpecialUse = z.infer<typeof SpecialUseSchema>;
export type Folder = z.infer<typeof FolderSchema>;
export type FolderList = z.infer<typeof FolderListSchema>;
export type CreateFolderRequest = z.infer<typeof CreateFolderRequestSchema>;
export type RenameFolderRequest = z.infer<typeof RenameFolderRequestSchema>;
export type FolderParams = z.infer<typeof FolderParamsSchema>;
