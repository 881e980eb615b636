import { z } from 'zod';
import { ReportedFlagSchema } from './flags.ts';
import { FolderPathSchema, MessageIdSchema, UidSchema, UidValiditySchema } from './ids.ts';
import { ListCursorSchema, ModseqSchema, StateTokenSchema } from './state.ts';

/**
 * Message headers (the list view). Everything here comes from one cheap FETCH: UID, FLAGS,
 * MODSEQ, INTERNALDATE, RFC822.SIZE, ENVELOPE, BODYSTRUCTURE and the References header;
 * never the whole message.
 *
 * Mail-derived strings have no maximum length and addresses are not validated as email:
 * real mail is messy, and a strict response schema would turn one odd message into a 500
 * for the whole page.
 */

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
export const MAX_PREVIEW_LENGTH = 200;

/** An ENVELOPE address (RFC 9051 §7.5.2). Group syntax and missing parts give ''. */
export const AddressSchema = z
  .object({
    /** Display name, RFC 2047 encoded-words decoded; '' when absent. */
    name: z.string(),
    /** addr-spec `local@domain`; '' for group markers and undisclosed recipients. */
    address: z.string(),
  })
  .meta({ id: 'Address' });

/** ISO 8601 with offset, as produced by Date#toISOString. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

export const MessageHeaderSchema = z
  .object({
    id: MessageIdSchema,
    folder: FolderPathSchema,
    uid: UidSchema,
    uidValidity: UidValiditySchema,
    /**
     * Per-message MODSEQ (RFC 7162 §3.1.3); null when the server lacks CONDSTORE. Clients
     * keep the higher of two reports, so a late list page cannot undo a newer flag change.
     */
    modseq: ModseqSchema.nullable(),
    flags: z.array(ReportedFlagSchema),
    /** INTERNALDATE: when the server received the message; what lists sort and show. */
    date: IsoDateTimeSchema,
    /** The Date header; null when absent or unparseable. */
    sentDate: IsoDateTimeSchema.nullable(),
    from: z.array(AddressSchema),
    to: z.array(AddressSchema),
    cc: z.array(AddressSchema),
    replyTo: z.array(AddressSchema),
    /** Decoded Subject; '' when absent. */
    subject: z.string(),
    /** Message-ID with angle brackets; recognises one mail across folders and UIDVALIDITY. */
    messageId: z.string().nullable(),
    inReplyTo: z.string().nullable(),
    /** Message-IDs from the References header (RFC 5322 §3.6.4), oldest first. */
    references: z.array(z.string()),
    /** RFC822.SIZE in octets. */
    size: z.number().int().nonnegative(),
    /** From BODYSTRUCTURE: some part has Content-Disposition attachment, or a filename. */
    hasAttachments: z.boolean(),
    /** Start of the text body, whitespace collapsed; '' when not available. */
    preview: z.string().max(MAX_PREVIEW_LENGTH),
  })
  .meta({ id: 'MessageHeader' });

/**
 * Query strings arrive as text, hence `coerce`. These schemas only parse requests: they are
 * never used to serialise a response, where a coercion could not be reversed.
 */
export const ListMessagesQuerySchema = z.object({
  /** From the previous page's `nextCursor`; omit for the newest page. */
  cursor: ListCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

export const MessageListSchema = z.object({
  /** Newest first, by descending UID. */
  messages: z.array(MessageHeaderSchema),
  /** Null on the last page. */
  nextCursor: ListCursorSchema.nullable(),
  /**
   * Folder state read *before* the headers, so a change racing the listing is delivered
   * again by `changes?since=state`, never lost. Null without CONDSTORE.
   */
  state: StateTokenSchema.nullable(),
});

export type Address = z.infer<typeof AddressSchema>;
export type MessageHeader = z.infer<typeof MessageHeaderSchema>;
export type ListMessagesQuery = z.infer<typeof ListMessagesQuerySchema>;
export type ListMessagesQueryInput = z.input<typeof ListMessagesQuerySchema>;
export type MessageList = z.infer<typeof MessageListSchema>;
