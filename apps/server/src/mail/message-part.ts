import type { Readable } from 'node:stream';
import { contentDisposition, type MessageRef } from '@petrel/contract';
import type { ImapAccess } from '../imap/imap-access.ts';
import { filenameOf, findLeaf } from './body-structure.ts';
import { ApiError } from '../plugins/api-error.ts';
import { canonicalFolder, readMailbox, uidValidityOf } from './mailbox.ts';

/**
 * `GET /api/messages/:id/parts/:part`: one MIME part, decoded, as a stream.
 *
 * imapflow's download() fetches the part in 64 KiB partial `BODY.PEEK[<part>]<offset.size>`
 * windows (never \Seen), removes the transfer encoding as it goes and waits for the
 * consumer between windows, so a 25 MB attachment never sits in memory whole. Those windows
 * are separate FETCH commands addressed by UID in the *selected* mailbox, so the mailbox
 * lock is held until the consumer is done with the stream: released early, another request
 * could select another folder under a running download.
 */

export interface PartStream {
  /** A Content-Type that is safe to serve from our origin (see safeContentType). */
  contentType: string;
  contentDisposition: string;
  content: Readable;
}

export async function withPartStream<T>(
  access: ImapAccess,
  ref: MessageRef,
  part: string,
  options: { inline: boolean },
  consume: (stream: PartStream) => Promise<T>,
): Promise<T> {
  const uid = String(ref.uid);
  return readMailbox(
    access,
    canonicalFolder(ref.folder),
    async (client, mailbox) => {
      if (uidValidityOf(mailbox) !== ref.uidValidity) throw new ApiError('message_not_found');
      const message = await client.fetchOne(uid, { uid: true, bodyStructure: true }, { uid: true });
      if (!message) throw new ApiError('message_not_found');
      // Only parts BODYSTRUCTURE names: no multipart containers, no HEADER or MIME sections.
      const leaf = message.bodyStructure ? findLeaf(message.bodyStructure, part) : null;
      if (!leaf) throw new ApiError('part_not_found');
      const download = await client.download(uid, part, { uid: true });
      if (!download.content) throw new ApiError('part_not_found');
      const disposition = contentDisposition(filenameOf(leaf.node));
      return consume({
        contentType: safeContentType(leaf.node.type, download.meta.charset),
        contentDisposition:
          options.inline && INLINE_TYPES.has(leaf.node.type)
            ? disposition.replace(/^attachment/, 'inline')
            : disposition,
        content: download.content,
      });
    },
    'message_not_found',
  );
}

/**
 * `GET /api/messages/:id/raw`: the whole RFC 5322 source (`BODY.PEEK[]`, never \Seen),
 * streamed the same way, as an .eml download — the way out for a message too complex to
 * display.
 */
export async function withRawStream<T>(
  access: ImapAccess,
  ref: MessageRef,
  consume: (stream: PartStream) => Promise<T>,
): Promise<T> {
  const uid = String(ref.uid);
  return readMailbox(
    access,
    canonicalFolder(ref.folder),
    async (client, mailbox) => {
      if (uidValidityOf(mailbox) !== ref.uidValidity) throw new ApiError('message_not_found');
      const download = await client.download(uid, undefined, { uid: true });
      if (!download.content) throw new ApiError('message_not_found');
      return consume({
        contentType: 'message/rfc822',
        contentDisposition: contentDisposition(`message-${ref.uid}.eml`),
        content: download.content,
      });
    },
    'message_not_found',
  );
}

/**
 * Types served as what they are. Anything else is `application/octet-stream`: text/html,
 * image/svg+xml, XML and the like could run script in our origin if a browser rendered them.
 */
const SAFE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'application/pdf',
  'text/plain',
]);

/** `?inline=1` (cid: images, thumbnails opened in a tab) only for raster images. */
const INLINE_TYPES: ReadonlySet<string> = new Set(
  [...SAFE_TYPES].filter((t) => t.startsWith('image/')),
);

function safeContentType(type: string, charset: string | undefined): string {
  if (!SAFE_TYPES.has(type)) return 'application/octet-stream';
  // The charset comes from the mail: only a plain token may reach the header.
  return type === 'text/plain' && charset && /^[A-Za-z0-9._-]{1,40}$/.test(charset)
    ? `${type}; charset=${charset}`
    : type;
}
