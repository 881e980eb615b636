import { z } from 'zod';
import { toWellFormed } from './encoding.ts';
import { MessageIdSchema } from './ids.ts';
import { MessageHeaderSchema } from './messages.ts';

/**
 * Message bodies: `GET /api/messages/:id` (parsed, JSON) and
 * `GET /api/messages/:id/parts/:part` (one part's decoded bytes, streamed; no JSON schema).
 *
 * HTML is sent as the sender wrote it. The browser sanitises it (DOMPurify) and renders it
 * in a sandboxed iframe; the server does not pretend to make it safe.
 */

export const MAX_RAW_HEADERS = 200;
export const MAX_RAW_HEADER_VALUE_LENGTH = 8192;

/**
 * An IMAP body section number (RFC 9051 §6.4.5, `section-part = nz-number *("." nz-number)`),
 * e.g. "2" or "1.3.2". It is placed into `BODY.PEEK[<part>]`, so nothing else is allowed.
 */
export const PartIdSchema = z
  .string()
  .max(64)
  .regex(/^[1-9]\d{0,8}(\.[1-9]\d{0,8}){0,15}$/, 'Not a MIME part number');

export const AttachmentSchema = z
  .object({
    part: PartIdSchema,
    /** From Content-Disposition filename or Content-Type name (RFC 2231 decoded). */
    filename: z.string().nullable(),
    /** Lower-case `type/subtype`. */
    contentType: z.string(),
    /**
     * Octets as given by BODYSTRUCTURE: the size of the *encoded* part, so about 4/3 of the
     * decoded size for base64. For display only.
     */
    size: z.number().int().nonnegative(),
    /** Content-ID without angle brackets; what `cid:` URLs in the HTML refer to. */
    contentId: z.string().nullable(),
    disposition: z.enum(['attachment', 'inline']).nullable(),
  })
  .meta({ id: 'Attachment' });

export const RawHeaderSchema = z.object({
  /** Field name as written. */
  key: z.string(),
  /** Unfolded (RFC 5322 §2.2.3), not decoded, cut at MAX_RAW_HEADER_VALUE_LENGTH. */
  value: z.string().max(MAX_RAW_HEADER_VALUE_LENGTH),
});

export const MessageBodySchema = z
  .object({
    id: MessageIdSchema,
    header: MessageHeaderSchema,
    /** The text/html alternative, decoded to a string; null when the message has none. */
    html: z.string().nullable(),
    /** The text/plain alternative; null when the message has none. */
    text: z.string().nullable(),
    /** Parts to offer for download. */
    attachments: z.array(AttachmentSchema),
    /** Parts referenced from the HTML by `cid:` (RFC 2392); fetched as blobs by the client. */
    inline: z.array(AttachmentSchema),
    /** Header fields in message order, at most MAX_RAW_HEADERS. */
    headers: z.array(RawHeaderSchema).max(MAX_RAW_HEADERS),
    /**
     * True when the MIME structure was too deep or too large to parse fully; html/text then
     * hold what could be read and the UI offers the raw parts.
     */
    tooComplex: z.boolean().optional(),
  })
  .meta({ id: 'MessageBody' });

export const MessageParamsSchema = z.object({ id: MessageIdSchema });

export const PartParamsSchema = z.object({ id: MessageIdSchema, part: PartIdSchema });

/**
 * Security headers every part download carries, whatever its type: the browser must not
 * sniff (nosniff) or run anything from it (CSP `default-src 'none'; sandbox`), even when a
 * user opens the URL directly. Content-Type is the part's own (with charset for text/*);
 * Content-Disposition comes from {@link contentDisposition}.
 */
export const PART_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  // A part of a given message id never changes (UIDs are not reused), but it is private.
  'cache-control': 'private, max-age=86400, immutable',
} as const;

/**
 * `Content-Disposition: attachment` with an ASCII `filename` fallback and the exact name in
 * `filename*` (RFC 6266 §4.3, RFC 8187 §3.2.1). Always "attachment", never "inline", so no
 * part is ever rendered in Petrel's origin.
 */
export function contentDisposition(filename: string | null): string {
  if (filename === null || filename === '') return 'attachment';
  const name = toWellFormed(filename);
  // Quotes, backslashes and controls would break the quoted-string; non-ASCII is not
  // allowed in it (RFC 6266 §4.3 says to use filename* for that).
  const fallback = name.replace(/[^\x20-\x7E]|["\\]/g, '_');
  // RFC 8187 attr-char excludes ' ( ) * which encodeURIComponent leaves alone.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export type PartId = z.infer<typeof PartIdSchema>;
export type Attachment = z.infer<typeof AttachmentSchema>;
export type RawHeader = z.infer<typeof RawHeaderSchema>;
export type MessageBody = z.infer<typeof MessageBodySchema>;
export type MessageParams = z.infer<typeof MessageParamsSchema>;
export type PartParams = z.infer<typeof PartParamsSchema>;
