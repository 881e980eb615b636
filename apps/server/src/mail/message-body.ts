import { PartIdSchema, type MessageBody, type MessageRef } from '@petrel/contract';
import type { ImapFlow } from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import {
  attachmentsOf,
  isBodyText,
  leaves,
  structureSize,
  type StructureNode,
} from './body-structure.ts';
import { ApiError } from '../plugins/api-error.ts';
import { canonicalFolder, readMailbox, uidValidityOf } from './mailbox.ts';
import { HEADER_QUERY, toMessageHeader } from './message-header.ts';
import { parseMime, type ParseLimits, type ParsedMime } from './parse-mime.ts';
import { clampPreview, htmlToText } from './preview.ts';

export interface BodyLimits {
  /** RFC822.SIZE above which the message is not downloaded whole. */
  maxMessageBytes: number;
  /** Multipart nesting; PartIdSchema allows 16 levels of section numbers. */
  maxDepth: number;
  maxParts: number;
  /** Encoded size up to which a text part is still read when the message is too complex. */
  maxTextPartBytes: number;
  parse?: ParseLimits;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  maxMessageBytes: 25 * 1024 * 1024,
  maxDepth: 16,
  maxParts: 500,
  maxTextPartBytes: 2 * 1024 * 1024,
};

/**
 * `GET /api/messages/:id`. The header comes from the same FETCH as in lists. Then either
 *  - the whole source (`BODY.PEEK[]`, which never sets \Seen) parsed by postal-mime in a
 *    bounded worker (parse-mime.ts), or
 *  - when the message is too large or too deeply nested, or the parse fails: `tooComplex`,
 *    with the header block parsed alone and the first plain and HTML text parts fetched on
 *    their own (each up to a cap), so the reader still shows something.
 * Attachments always come from BODYSTRUCTURE, whose section numbers the part route takes.
 */
export async function getMessageBody(
  access: ImapAccess,
  ref: MessageRef,
  limits: BodyLimits = DEFAULT_BODY_LIMITS,
): Promise<MessageBody> {
  const folder = canonicalFolder(ref.folder);
  const uid = String(ref.uid);
  return readMailbox(
    access,
    folder,
    async (client, mailbox) => {
      // RFC 9051 §2.3.1.1: under another UIDVALIDITY this UID may name a different message.
      if (uidValidityOf(mailbox) !== ref.uidValidity) throw new ApiError('message_not_found');
      const message = await client.fetchOne(uid, HEADER_QUERY, { uid: true });
      if (!message) throw new ApiError('message_not_found');
      const structure = message.bodyStructure;
      const size = structure ? structureSize(structure) : null;
      const parseable =
        size !== null &&
        size.depth <= limits.maxDepth &&
        size.nodes <= limits.maxParts &&
        (message.size ?? 0) <= limits.maxMessageBytes;
      const parsed = parseable ? await parseSource(client, uid, limits.parse) : null;
      const body = parsed ?? (await readTooComplex(client, uid, structure, limits));
      const header = toMessageHeader(
        { folder, uidValidity: ref.uidValidity },
        message,
        clampPreview(body.text ?? htmlToText(body.html ?? '')),
      );
      const parts = structure
        ? attachmentsOf(structure, body.html)
        : { attachments: [], inline: [] };
      // A part deeper than PartIdSchema allows could not be fetched through the part route.
      const reachable = (entry: { part: string }) => PartIdSchema.safeParse(entry.part).success;
      return {
        id: header.id,
        header,
        html: body.html,
        text: body.text,
        attachments: parts.attachments.filter(reachable),
        inline: parts.inline.filter(reachable),
        headers: body.headers,
        ...(parsed ? {} : { tooComplex: true }),
      };
    },
    'message_not_found',
  );
}

/** Null when the parse failed or ran out of time or memory: the message is then tooComplex. */
async function parseSource(
  client: ImapFlow,
  uid: string,
  limits?: ParseLimits,
): Promise<ParsedMime | null> {
  const message = await client.fetchOne(uid, { source: true }, { uid: true });
  // Expunged between the two FETCHes.
  if (!message || !message.source) throw new ApiError('message_not_found');
  try {
    return await parseMime(message.source, limits);
  } catch (error) {
    client.log.warn({ msg: 'MIME parse failed, answering tooComplex', err: error });
    return null;
  }
}

async function readTooComplex(
  client: ImapFlow,
  uid: string,
  structure: StructureNode | undefined,
  limits: BodyLimits,
): Promise<ParsedMime> {
  const head = await client.fetchOne(uid, { headers: true }, { uid: true });
  const headers =
    head && head.headers
      ? (await parseMime(head.headers, limits.parse).catch(() => null))?.headers
      : null;
  const texts = structure ? leaves(structure).filter(({ node }) => isBodyText(node)) : [];
  const pick = async (type: string): Promise<string | null> => {
    const leaf = texts.find(({ node }) => node.type === type);
    if (!leaf || (leaf.node.size ?? 0) > limits.maxTextPartBytes) return null;
    return readText(client, uid, leaf.part, limits.maxTextPartBytes);
  };
  return { html: await pick('text/html'), text: await pick('text/plain'), headers: headers ?? [] };
}

/** imapflow's download() removes the transfer encoding and converts the charset to UTF-8. */
async function readText(
  client: ImapFlow,
  uid: string,
  part: string,
  maxBytes: number,
): Promise<string | null> {
  const download = await client.download(uid, part, { uid: true, maxBytes });
  if (!download.content) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of download.content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
