import {
  FolderPathSchema,
  MAX_PATH_PARAM_LENGTH,
  MessageHeaderSchema,
  MessageListSchema,
  encodeMessageId,
} from '@petrel/contract';
import type { MessageHeader } from '@petrel/contract';
import { z } from 'zod';

/**
 * The contract's MessageListSchema checks each header's `id` by decoding it (base64, a regex,
 * two MessageRef parses) and each `folder` with regexes and refinements: ≈ 90 % of the cost
 * of parsing a 500-header page, paid 200 times in a 100,000-message sync. This schema checks
 * the same shape with `id` and `folder` as plain strings; {@link sameIdentities} then checks
 * them more strictly and much more cheaply: each distinct folder once per page, and each id
 * against the one its own folder, UIDVALIDITY and UID encode to (which the cache relies on:
 * ids are decoded back into those parts).
 */
const HeaderShapeSchema = MessageHeaderSchema.extend({ id: z.string(), folder: z.string() });
export const MessageListShapeSchema = MessageListSchema.extend({
  messages: z.array(HeaderShapeSchema),
});

/** True when every header's folder is a valid path and its id is the one its parts name. */
export function sameIdentities(headers: readonly MessageHeader[]): boolean {
  const validFolders = new Map<string, boolean>();
  return headers.every((header) => {
    let validFolder = validFolders.get(header.folder);
    if (validFolder === undefined) {
      validFolder = FolderPathSchema.safeParse(header.folder).success;
      validFolders.set(header.folder, validFolder);
    }
    return (
      validFolder &&
      header.id.length <= MAX_PATH_PARAM_LENGTH &&
      header.id === encodeMessageId(header)
    );
  });
}
