import { parseErrorResponse } from '@petrel/contract';
import type { Attachment } from '@petrel/contract';
import { partPath } from '../api/api.ts';
import { ApiError } from '../api/errors.ts';
import type { PartRow } from '../db/part-row.ts';
import type { PetrelDb } from '../db/schema.ts';
import { INLINE_IMAGE_LIMIT_BYTES, inlineImageDataUrl, sniffRasterType } from './prefetch-parts.ts';
import type { KeptPart } from './prefetch-parts.ts';

/** What reading and storing parts needs; `fetch` sends the session cookie (same origin). */
export interface PartStoreDeps {
  db: PetrelDb;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now: () => number;
}

export function partRowId(messageId: string, part: string): string {
  return `${messageId}/${part}`;
}

/**
 * Downloads one part and stores it; a definite refusal (gone, too large, not the raster
 * image it claimed to be) is stored as a row without data, so it is not asked again.
 * Throws an ApiError when the request failed for now (offline, signed out, server error).
 */
export async function fetchAndStorePart(
  deps: PartStoreDeps,
  messageId: string,
  kept: KeptPart,
): Promise<PartRow> {
  const { part } = kept.attachment;
  // ?inline=1 is what the server allows for raster images; the bytes are the same.
  const query = kept.purpose === 'inline' ? '?inline=1' : '';
  let response: Response;
  try {
    response = await deps.fetch(partPath(messageId, part) + query, { credentials: 'same-origin' });
  } catch {
    throw ApiError.of('network');
  }
  let data: ArrayBuffer | null = null;
  let contentType = kept.attachment.contentType;
  if (response.ok) {
    data = await response.arrayBuffer();
    if (kept.purpose === 'inline') {
      const sniffed = sniffRasterType(new Uint8Array(data));
      contentType = sniffed ?? contentType;
      if (sniffed === null) data = null;
    }
    if (data !== null && data.byteLength > kept.limit) data = null;
  } else {
    const error = parseErrorResponse(response.status, await response.json().catch(() => undefined));
    if (error.code !== 'part_not_found' && error.code !== 'message_not_found') {
      throw new ApiError(error.code, error.message, response.status);
    }
  }
  const row: PartRow = {
    id: partRowId(messageId, part),
    messageId,
    part,
    contentType,
    data,
    bytes: data?.byteLength ?? 0,
    fetchedAt: deps.now(),
  };
  await deps.db.parts.put(row);
  return row;
}

/**
 * The data: URLs of a message's inline images by part number, from the cache, fetching
 * the missing ones (all at once: a newsletter's few images should appear together). A
 * part that cannot be had now (offline) is left out and its alt text shows.
 */
export async function loadInlineImages(
  deps: PartStoreDeps,
  messageId: string,
  parts: readonly Attachment[],
): Promise<Map<string, string>> {
  const cached = await deps.db.parts.bulkGet(parts.map((p) => partRowId(messageId, p.part)));
  const rows = await Promise.all(
    parts.map(
      (attachment, index) =>
        cached[index] ??
        fetchAndStorePart(deps, messageId, {
          attachment,
          purpose: 'inline',
          limit: INLINE_IMAGE_LIMIT_BYTES,
        }).catch(() => undefined),
    ),
  );
  const urls = new Map<string, string>();
  for (const row of rows) {
    const url = row?.data ? inlineImageDataUrl(new Uint8Array(row.data), row.contentType) : null;
    if (row && url !== null) urls.set(row.part, url);
  }
  return urls;
}
