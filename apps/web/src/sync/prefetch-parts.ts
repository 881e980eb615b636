import type { Attachment } from '@petrel/contract';
import { MB } from './prefetch-plan.ts';

/**
 * Which MIME parts are kept for offline use, and how an inline image becomes the `data:`
 * URL the reader's frame shows. Plain functions; the I/O is in prefetch-part-store.ts.
 *
 * The reader's frame is sandboxed without allow-same-origin, so it cannot load a part URL
 * (no cookie goes along) nor a blob: URL of the app; a data: URL is the one image source
 * it accepts. Only raster images qualify, checked on the bytes, not only on the declared
 * type: a part labelled image/png that holds SVG or HTML stays blocked.
 */

/** Largest inline image shown, decoded; larger ones keep their alt text. */
export const INLINE_IMAGE_LIMIT_BYTES = 2 * MB;
/** Largest attachment saved for offline use with its message, decoded. */
export const ATTACHMENT_LIMIT_BYTES = 1 * MB;

export type RasterType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** Declared types accepted for inline images; mailers still write the pre-standard names. */
const DECLARED_RASTER = new Set([
  'image/png',
  'image/jpeg',
  'image/jpg',
  'image/pjpeg',
  'image/gif',
  'image/webp',
]);

export interface KeptPart {
  attachment: Attachment;
  purpose: 'inline' | 'attachment';
  /** Decoded size limit for this purpose. */
  limit: number;
}

type PartLists = {
  html: string | null;
  inline: readonly Attachment[];
  attachments: readonly Attachment[];
};

/** The raster parts the HTML shows by `cid:`, small enough to keep. */
export function inlineImageParts(body: PartLists): Attachment[] {
  const html = body.html?.toLowerCase() ?? '';
  // The server lists cid-referenced parts under `inline`; some mailers mark such parts
  // as attachments, so those count when the HTML names their Content-ID.
  const referenced = body.attachments.filter(
    (part) => part.contentId !== null && html.includes(part.contentId.toLowerCase()),
  );
  const seen = new Set<string>();
  return [...body.inline, ...referenced].filter((part) => {
    if (seen.has(part.part)) return false;
    seen.add(part.part);
    return (
      part.contentId !== null &&
      DECLARED_RASTER.has(baseType(part.contentType)) &&
      part.size <= maxEncodedSize(INLINE_IMAGE_LIMIT_BYTES)
    );
  });
}

/** Every part kept with a cached body: its inline images, then (if wanted) small attachments. */
export function partsToKeep(body: PartLists, options: { attachments: boolean }): KeptPart[] {
  const images = inlineImageParts(body);
  const imageIds = new Set(images.map((part) => part.part));
  const kept: KeptPart[] = images.map((attachment) => ({
    attachment,
    purpose: 'inline',
    limit: INLINE_IMAGE_LIMIT_BYTES,
  }));
  if (!options.attachments) return kept;
  for (const attachment of body.attachments) {
    if (imageIds.has(attachment.part)) continue;
    if (attachment.size > maxEncodedSize(ATTACHMENT_LIMIT_BYTES)) continue;
    kept.push({ attachment, purpose: 'attachment', limit: ATTACHMENT_LIMIT_BYTES });
  }
  return kept;
}

/**
 * Upper bound of BODYSTRUCTURE's (encoded) size for `decoded` bytes in base64 with CRLF
 * every 76 characters (RFC 2045 §6.8), the encoding of every binary part in practice.
 */
export function maxEncodedSize(decoded: number): number {
  const chars = 4 * Math.ceil(decoded / 3);
  return chars + 2 * Math.ceil(chars / 76);
}

/** The raster format of these bytes by their signature, or null. */
export function sniffRasterType(bytes: Uint8Array): RasterType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * The data: URL of an inline image, or null when it must stay blocked: not declared as a
 * raster image, not one by its bytes, or over the limit. The URL carries the sniffed type.
 */
export function inlineImageDataUrl(bytes: Uint8Array, declaredType: string): string | null {
  if (!DECLARED_RASTER.has(baseType(declaredType))) return null;
  if (bytes.byteLength > INLINE_IMAGE_LIMIT_BYTES) return null;
  const type = sniffRasterType(bytes);
  return type === null ? null : `data:${type};base64,${toBase64(bytes)}`;
}

export function toBase64(bytes: Uint8Array): string {
  // fromCharCode takes arguments on the stack: convert in slices, not all at once.
  const SLICE = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
}

function baseType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}
