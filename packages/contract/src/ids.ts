import { z } from 'zod';
import { LONE_SURROGATE, decodeBase64Url, encodeBase64Url, parseCanonicalInt } from './encoding.ts';
import { MAX_PATH_PARAM_LENGTH } from './protocol.ts';

/**
 * Message identity. Dovecot 2.3 does not implement OBJECTID (RFC 8474), so the only stable
 * handle on a message is (mailbox, UIDVALIDITY, UID): RFC 9051 §2.3.1.1 guarantees a UID is
 * never reused in a mailbox while its UIDVALIDITY stays the same. A move therefore changes
 * the id; the server reports the new one (COPYUID, RFC 4315) so the client can re-key.
 */

/** RFC 9051 §2.3.1.1: UIDs and UIDVALIDITY are non-zero unsigned 32-bit numbers. */
export const MAX_UINT32 = 4_294_967_295;
export const MAX_FOLDER_PATH_LENGTH = 1000;

export const UidSchema = z.number().int().min(1).max(MAX_UINT32);
export const UidValiditySchema = z.number().int().min(1).max(MAX_UINT32);

/**
 * A folder's full path, already decoded from modified UTF-7 (RFC 3501 §5.1.3) by the server,
 * so any Unicode text. It travels URL-encoded as a path parameter (see `buildPath`).
 * - NUL, CR and LF could end an IMAP command line, so they are refused here, before any
 *   IMAP code sees the value.
 * - "." and ".." cannot be path segments: the WHATWG URL parser removes them (even as
 *   %2E%2E) before the request leaves the browser.
 * - Lone surrogates would not survive UTF-8 (the message id and the URL), so the path must
 *   be well-formed UTF-16.
 * Length is counted in UTF-16 code units.
 */
export const FolderPathSchema = z
  .string()
  .min(1, 'Folder path is empty')
  .max(MAX_FOLDER_PATH_LENGTH)
  .regex(/^[^\0\r\n]*$/, 'Folder path contains NUL, CR or LF')
  .refine((path) => path !== '.' && path !== '..', 'Folder path cannot be "." or ".."')
  .refine((path) => !LONE_SURROGATE.test(path), 'Folder path is not well-formed Unicode');

export const MessageRefSchema = z
  .object({
    folder: FolderPathSchema,
    uidValidity: UidValiditySchema,
    uid: UidSchema,
  })
  .meta({ id: 'MessageRef', description: 'A message by folder, UIDVALIDITY and UID.' });

/**
 * Opaque, URL-safe message id: base64url (no padding) of the UTF-8 text
 * `1:<uidValidity>:<uid>:<folder>`. The leading "1" is the id format version; the folder
 * comes last so it needs no escaping. Clients treat ids as opaque and use
 * {@link decodeMessageId} when they need the parts.
 */
export const MessageIdSchema = z
  .string()
  .min(1)
  .max(MAX_PATH_PARAM_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a message id')
  .refine((id) => decodeMessageId(id) !== null, 'Not a message id');

export type Uid = z.infer<typeof UidSchema>;
export type FolderPath = z.infer<typeof FolderPathSchema>;
export type MessageRef = z.infer<typeof MessageRefSchema>;
export type MessageId = z.infer<typeof MessageIdSchema>;

/** Throws a ZodError when `ref` is not a valid MessageRef (a programming error). */
export function encodeMessageId(ref: MessageRef): string {
  const { folder, uidValidity, uid } = MessageRefSchema.parse(ref);
  return encodeBase64Url(`${ID_FORMAT}:${uidValidity}:${uid}:${folder}`);
}

/** Returns null for anything that {@link encodeMessageId} could not have produced. */
export function decodeMessageId(id: string): MessageRef | null {
  if (id.length > MAX_PATH_PARAM_LENGTH) return null;
  const text = decodeBase64Url(id);
  const match = text === null ? null : /^(\d+):(\d+):(\d+):([\s\S]*)$/.exec(text);
  if (!match) return null;
  const [, format, uidValidity, uid, folder] = match;
  if (format !== ID_FORMAT) return null;
  const parsed = MessageRefSchema.safeParse({
    folder,
    uidValidity: parseCanonicalInt(uidValidity),
    uid: parseCanonicalInt(uid),
  });
  if (!parsed.success) return null;
  // Exactly one id per message: refuse variants (e.g. non-zero trailing bits) that decode
  // to the same ref, so ids can be compared as strings and used as cache keys.
  return encodeMessageId(parsed.data) === id ? parsed.data : null;
}

/** True when both refs name the same message. */
export function sameMessageRef(a: MessageRef, b: MessageRef): boolean {
  return a.folder === b.folder && a.uidValidity === b.uidValidity && a.uid === b.uid;
}

const ID_FORMAT = '1';
