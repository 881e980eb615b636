import { encodeMessageId, type Address, type MessageHeader } from '@petrel/contract';
import type { FetchMessageObject, FetchQueryObject, MessageAddressObject } from 'imapflow';
import { hasAttachments } from './body-structure.ts';

/**
 * One cheap FETCH per page: everything a list row needs and never the message itself.
 * imapflow adds MODSEQ on its own when CONDSTORE is enabled. References is not in the
 * ENVELOPE (RFC 9051 §7.5.2), hence the one header field.
 */
export const HEADER_QUERY: FetchQueryObject = {
  uid: true,
  flags: true,
  internalDate: true,
  size: true,
  envelope: true,
  bodyStructure: true,
  headers: ['references'],
};

export interface FolderIdentity {
  folder: string;
  uidValidity: number;
}

export function toMessageHeader(
  where: FolderIdentity,
  message: FetchMessageObject,
  preview: string,
): MessageHeader {
  const envelope = message.envelope ?? {};
  return {
    id: encodeMessageId({ folder: where.folder, uidValidity: where.uidValidity, uid: message.uid }),
    folder: where.folder,
    uid: message.uid,
    uidValidity: where.uidValidity,
    modseq: message.modseq === undefined ? null : message.modseq.toString(),
    flags: reportedFlags(message.flags),
    date: isoDate(message.internalDate) ?? new Date(0).toISOString(),
    sentDate: isoDate(envelope.date),
    from: addresses(envelope.from),
    to: addresses(envelope.to),
    cc: addresses(envelope.cc),
    replyTo: addresses(envelope.replyTo),
    subject: envelope.subject ?? '',
    messageId: envelope.messageId ?? null,
    inReplyTo: envelope.inReplyTo ?? null,
    references: references(message.headers),
    size: message.size ?? 0,
    hasAttachments: message.bodyStructure ? hasAttachments(message.bodyStructure) : false,
    preview,
  };
}

/**
 * \Recent belongs to one IMAP session (RFC 3501 §2.3.2; gone in IMAP4rev2), here the
 * server's own connection, so it says nothing to the user.
 */
export function reportedFlags(flags: Set<string> | undefined): string[] {
  return [...(flags ?? [])].filter((flag) => flag !== '\\Recent' && flag !== '');
}

function isoDate(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function addresses(list: MessageAddressObject[] | undefined): Address[] {
  return (list ?? []).map((entry) => ({ name: entry.name ?? '', address: entry.address ?? '' }));
}

/** Message-IDs of the References field (RFC 5322 §3.6.4), oldest first. */
function references(block: Buffer | undefined): string[] {
  if (!block) return [];
  const value = block.toString('latin1').replace(/^references:/i, '');
  return value.match(/<[^<>\s]+>/g) ?? [];
}
