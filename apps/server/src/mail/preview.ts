import { MAX_PREVIEW_LENGTH } from '@petrel/contract';

/**
 * List previews from the first few hundred octets of a message's text part, fetched with
 * `BODY.PEEK[<part>]<0.n>` (a partial fetch, RFC 9051 §6.4.5, which never sets \Seen). The
 * bytes still carry their Content-Transfer-Encoding and charset and may stop anywhere: in a
 * base64 quantum, a quoted-printable escape, a multi-byte character or an HTML tag. Each step
 * below drops the cut-off tail instead of showing garbage.
 */

export interface PreviewSource {
  /** Content-Transfer-Encoding from BODYSTRUCTURE, lower-case. */
  encoding: string | undefined;
  charset: string | undefined;
  html: boolean;
}

export function previewText(bytes: Buffer, source: PreviewSource): string {
  const decoded = decodeCharset(decodeTransfer(bytes, source.encoding), source.charset);
  return clampPreview(source.html ? htmlToText(decoded) : decoded);
}

/** Collapses whitespace and cuts to MAX_PREVIEW_LENGTH UTF-16 units (what the schema counts). */
export function clampPreview(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed.length <= MAX_PREVIEW_LENGTH) return collapsed;
  // Never end on half a surrogate pair.
  return collapsed
    .slice(0, MAX_PREVIEW_LENGTH)
    .replace(/[\uD800-\uDBFF]$/, '')
    .trimEnd();
}

/**
 * Cheap HTML to text for previews only (the reader gets the HTML itself): drops head, style
 * and script blocks (also a block the partial fetch cut open), comments and tags, and decodes
 * the common entities.
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(head|style|script|title)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
      .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
      .replace(/<[^>]*(>|$)/g, ' '),
  );
}

function decodeTransfer(bytes: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'base64') {
    // Padding stays: it marks a complete last quantum.
    const clean = bytes.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, '');
    return Buffer.from(clean.slice(0, clean.length - (clean.length % 4)), 'base64');
  }
  if (encoding === 'quoted-printable') {
    // RFC 2045 §6.7: "=" + CRLF is a soft line break, "=XX" an octet; a trailing "=" or "=X"
    // is an escape the partial fetch cut in half.
    const text = bytes
      .toString('latin1')
      .replace(/=[0-9A-Fa-f]?$/, '')
      .replace(/=\r?\n/g, '');
    return Buffer.from(
      text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      ),
      'latin1',
    );
  }
  return bytes;
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  // A multi-byte character cut at the end decodes to U+FFFD.
  return decoderFor(charset)
    .decode(bytes)
    .replace(/\uFFFD+$/, '');
}

function decoderFor(charset: string | undefined) {
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    // An unknown or unsupported label (e.g. UTF-7): UTF-8 shows at least the ASCII part.
    return new TextDecoder('utf-8');
  }
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (entity, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    const code =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : ' ';
  });
}
