import { buildPath, routes, type Attachment } from '@petrel/contract';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { partPath } from '../api/api.ts';
import { loadInlineImages } from '../sync/prefetch-part-store.ts';
import { inlineImageParts } from '../sync/prefetch-parts.ts';
import { useRuntime } from './session.ts';
import type { CachedBody } from './types.ts';

/**
 * Same-origin URL of one MIME part. The server serves every part as a download
 * (`Content-Disposition: attachment`, CSP sandbox); `inline` asks for `inline` instead,
 * which it grants to raster images only, so a preview can open in a tab.
 */
export function partUrl(messageId: string, part: string, options?: { inline?: boolean }): string {
  return partPath(messageId, part) + (options?.inline ? '?inline=1' : '');
}

/**
 * Same-origin URL of the whole message source, served as an .eml download with the same
 * security headers as parts: for messages too complex to display.
 */
export function rawUrl(messageId: string): string {
  return buildPath(routes.raw.url, { id: messageId });
}

const NONE: ReadonlyMap<string, string> = new Map();

/**
 * `data:` URLs of the inline (cid:) images of a body, by part number; null while they load.
 * The reader's sandboxed frame can load neither part URLs (no cookie goes along) nor the
 * app's blob: URLs, so the images are fetched here, kept in the cache for offline reading,
 * and handed to the sanitiser as data: URLs. Parts that are not raster images, too large
 * or unavailable offline are left out: the sanitiser drops them and their alt text shows.
 */
export function useInlineImages(
  messageId: string,
  body: CachedBody,
): ReadonlyMap<string, string> | null {
  const runtime = useRuntime();
  const parts = useMemo(() => inlineImageParts(body), [body]);
  // By content, not identity: a re-read of the same body (e.g. lastReadAt touched) keeps
  // the images shown instead of blanking the frame while they load again.
  const key = keyOf(messageId, parts);
  const [loaded, setLoaded] = useState<{ key: string; images: ReadonlyMap<string, string> } | null>(
    null,
  );

  useEffect(() => {
    if (!runtime || parts.length === 0) return;
    let active = true;
    const deps = {
      db: runtime.db,
      fetch: (url: string, init: RequestInit) => fetch(url, init),
      now: Date.now,
    };
    const done = (images: ReadonlyMap<string, string>) => {
      if (active) setLoaded({ key: keyOf(messageId, parts), images });
    };
    loadInlineImages(deps, messageId, parts).then(done, () => done(NONE));
    return () => {
      active = false;
    };
  }, [runtime, messageId, parts]);

  if (!runtime || parts.length === 0) return NONE;
  return loaded?.key === key ? loaded.images : null;
}

/**
 * Object URLs of the parts of a message kept for offline use (small attachments, inline
 * images), by part number: links and previews use them instead of the server's URL, so
 * they work offline. Only for `wanted` parts when given (the inline images of a newsletter
 * need no blob copy to list its attachments). Revoked when the message changes or the
 * component unmounts.
 */
export function useOfflineParts(
  messageId: string | null,
  wanted?: readonly Attachment[],
): ReadonlyMap<string, string> {
  const runtime = useRuntime();
  const rows = useLiveQuery(
    async () =>
      runtime && messageId ? runtime.db.parts.where('messageId').equals(messageId).toArray() : [],
    [runtime, messageId],
  );
  const urls = useMemo(() => {
    const made = new Map<string, string>();
    const parts = wanted && new Set(wanted.map((attachment) => attachment.part));
    for (const row of rows ?? []) {
      if (row.data && (!parts || parts.has(row.part)))
        made.set(row.part, URL.createObjectURL(new Blob([row.data], { type: row.contentType })));
    }
    return made;
  }, [rows, wanted]);
  useEffect(
    () => () => {
      for (const url of urls.values()) URL.revokeObjectURL(url);
    },
    [urls],
  );
  return urls;
}

function keyOf(messageId: string, parts: readonly Attachment[]): string {
  return `${messageId}|${parts.map((part) => `${part.part}:${part.contentId}`).join(',')}`;
}
