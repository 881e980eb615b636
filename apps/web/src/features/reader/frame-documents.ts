import type { Attachment } from '@petrel/contract';
import type { CachedBody } from '../../data/index.ts';
import { frameDocument } from './frame-document.ts';
import { LruCache } from './lru-cache.ts';
import { sanitizeMailHtml } from './sanitize-html.ts';

export interface MailFrameDocument {
  /** The sanitised mail in its frame shell (CSP meta and all), ready for `srcdoc`. */
  srcDoc: string;
  /** Something would have loaded from the network and was dropped. */
  remoteBlocked: boolean;
}

export interface FrameDocumentRequest {
  account: string;
  messageId: string;
  body: CachedBody;
  allowRemote: boolean;
  /** data: URLs of the inline images that could be loaded, by part number. */
  images: ReadonlyMap<string, string>;
}

/**
 * The reader's frame document for one body, sanitised once per message and mode: DOMPurify
 * takes ~26 ms for a 200 KB newsletter, and people go back and forth between messages.
 * Kept in memory only (a bounded LRU), never written anywhere: a sanitiser fix must apply
 * to every mail on the next page load. An entry is used only for the same account, the
 * same source HTML (compared whole, so a mismatch can never show another mail) and the
 * same set of loaded inline images.
 */
export function mailFrameDocument(request: FrameDocumentRequest): MailFrameDocument {
  const { account, messageId, body, allowRemote, images } = request;
  const html = body.html ?? '';
  if (account !== cachedAccount) {
    cache.clear();
    cachedAccount = account;
  }
  const key = [messageId, allowRemote ? 'remote' : 'blocked', [...images.keys()].join(',')].join(
    '\n',
  );
  const hit = cache.get(key);
  if (hit !== undefined && hit.source === html) return hit.document;

  const sanitized = sanitizeMailHtml(html, {
    allowRemote,
    resolveCid: (contentId) => {
      const part = findByContentId([...body.inline, ...body.attachments], contentId);
      return part === undefined ? null : (images.get(part.part) ?? null);
    },
  });
  // No part URLs in the CSP: the frame loads images only from data: URLs it already allows.
  const document = {
    srcDoc: frameDocument(sanitized.html, { partUrls: [], allowRemote }),
    remoteBlocked: sanitized.remoteBlocked,
  };
  cache.set(key, { source: html, document });
  return document;
}

/** Enough for going back and forth in a conversation; the weight is in UTF-16 characters. */
const cache = new LruCache<{ source: string; document: MailFrameDocument }>(
  { maxEntries: 24, maxWeight: 8_000_000 },
  (entry) => entry.source.length + entry.document.srcDoc.length,
);
let cachedAccount: string | null = null;

/** Forgets every sanitized document (sign-out). */
export function forgetFrameDocuments(): void {
  cache.clear();
  cachedAccount = null;
}

/** Content-IDs are compared exactly first; mailers disagree on case often enough to retry. */
function findByContentId(parts: readonly Attachment[], contentId: string): Attachment | undefined {
  const lower = contentId.toLowerCase();
  return (
    parts.find((part) => part.contentId === contentId) ??
    parts.find((part) => part.contentId?.toLowerCase() === lower)
  );
}
