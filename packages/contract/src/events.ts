import { z } from 'zod';
import { FlagUpdateSchema } from './changes.ts';
import { FolderPathSchema, UidSchema } from './ids.ts';
import { MessageHeaderSchema } from './messages.ts';
import { StateTokenSchema } from './state.ts';

/**
 * Server-sent events of `GET /api/events` (wire format in sse.ts).
 *
 * Event ids are strings `<epoch>-<seq>`: two decimal integers, ordered as a pair. A plain
 * per-user counter would restart at 1 when an in-memory log is lost with the process, and a
 * client's Last-Event-ID from before the restart could then name an unrelated newer event
 * and silently skip changes. With an epoch (the log's creation time in ms, or a Redis
 * stream id, which has this very shape) an id from an older log is always older than
 * anything retained, and the server answers `resync`.
 *
 * Folder events carry `prevState` and `state`: every change between the two is in the
 * event. A client whose stored token equals `prevState` applies the event and stores
 * `state`; otherwise it applies the event, keeps its token and calls `changes` (which
 * repeats what the event said; all updates are idempotent). `prevState` is null when the
 * server cannot vouch for continuity.
 */

/** More new messages than this at once are announced by `folderCounts` alone (a hint). */
export const MAX_PUSHED_HEADERS = 50;

export const EventIdSchema = z
  .string()
  .regex(/^(0|[1-9]\d{0,15})-(0|[1-9]\d{0,15})$/, 'Not an event id');

export const CONNECTION_STATES = ['connected', 'reconnecting', 'authLost', 'unavailable'] as const;

export const RESYNC_REASONS = [
  /** Last-Event-ID is older than the retained log or from an earlier log epoch. */
  'lastEventIdTooOld',
  /** A folder's UIDVALIDITY changed (RFC 9051 §2.3.1.1): its cached UIDs are void. */
  'uidValidityChanged',
  /** The client read too slowly and the server dropped events for it. */
  'overflow',
  'unknown',
] as const;

const folderEvent = {
  folder: FolderPathSchema,
  prevState: StateTokenSchema.nullable(),
  state: StateTokenSchema.nullable(),
};

export const HelloEventSchema = z.object({
  /** Not a log entry: the log position the stream continues after. */
  id: EventIdSchema,
  type: z.literal('hello'),
  protocolVersion: z.number().int().positive(),
  /** The Last-Event-ID the server resumed from; null for a fresh stream or a resync. */
  lastEventId: EventIdSchema.nullable(),
});

export const MessagesAddedEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('messagesAdded'),
  ...folderEvent,
  headers: z.array(MessageHeaderSchema).min(1).max(MAX_PUSHED_HEADERS),
});

export const FlagsChangedEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('flagsChanged'),
  ...folderEvent,
  changes: z.array(FlagUpdateSchema).min(1),
});

export const MessagesVanishedEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('messagesVanished'),
  ...folderEvent,
  uids: z.array(UidSchema).min(1),
});

/** From STATUS polling of folders not IDLEd on; a state unlike the client's → `changes`. */
export const FolderCountsEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('folderCounts'),
  folder: FolderPathSchema,
  total: z.number().int().nonnegative(),
  unread: z.number().int().nonnegative(),
  state: StateTokenSchema.nullable(),
});

/** A folder was created, renamed, deleted or (un)subscribed: GET /api/folders again. */
export const FoldersChangedEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('foldersChanged'),
});

/**
 * The server's IMAP connection for this user. `authLost`: the stored credentials stopped
 * working (password changed); the session is over and the UI asks to sign in again.
 */
export const ConnectionEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('connection'),
  state: z.enum(CONNECTION_STATES),
});

/** Events were lost: re-sync `folder`, or every folder when it is absent. */
export const ResyncEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('resync'),
  folder: FolderPathSchema.optional(),
  reason: z.enum(RESYNC_REASONS),
});

export const ServerEventSchema = z
  .discriminatedUnion('type', [
    HelloEventSchema,
    MessagesAddedEventSchema,
    FlagsChangedEventSchema,
    MessagesVanishedEventSchema,
    FolderCountsEventSchema,
    FoldersChangedEventSchema,
    ConnectionEventSchema,
    ResyncEventSchema,
  ])
  .meta({ id: 'ServerEvent' });

export type EventId = z.infer<typeof EventIdSchema>;
export type ConnectionState = (typeof CONNECTION_STATES)[number];
export type ResyncReason = (typeof RESYNC_REASONS)[number];
export type HelloEvent = z.infer<typeof HelloEventSchema>;
export type MessagesAddedEvent = z.infer<typeof MessagesAddedEventSchema>;
export type FlagsChangedEvent = z.infer<typeof FlagsChangedEventSchema>;
export type MessagesVanishedEvent = z.infer<typeof MessagesVanishedEventSchema>;
export type FolderCountsEvent = z.infer<typeof FolderCountsEventSchema>;
export type FoldersChangedEvent = z.infer<typeof FoldersChangedEventSchema>;
export type ConnectionEvent = z.infer<typeof ConnectionEventSchema>;
export type ResyncEvent = z.infer<typeof ResyncEventSchema>;
export type ServerEvent = z.infer<typeof ServerEventSchema>;
export type ServerEventType = ServerEvent['type'];

/** Orders two valid event ids as (epoch, seq) pairs. */
export function compareEventIds(a: string, b: string): -1 | 0 | 1 {
  const [aEpoch = 0, aSeq = 0] = a.split('-').map(Number);
  const [bEpoch = 0, bSeq = 0] = b.split('-').map(Number);
  if (aEpoch !== bEpoch) return aEpoch < bEpoch ? -1 : 1;
  return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}
