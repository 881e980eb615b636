/**
 * How the reader treats a URL found in mail. Classification follows what a browser would do
 * with the value, not how it looks: the URL standard strips tabs and newlines anywhere and
 * C0 controls and spaces at both ends, and treats "\" like "/" in http(s) URLs.
 */
export type UrlKind =
  /** `cid:` (RFC 2392): a part of this message. */
  | 'cid'
  | 'data'
  /** `#id`: a reference inside the document (SVG gradients, filters). */
  | 'fragment'
  /** http(s) or a network-path reference (`//host`), which inherits http(s). */
  | 'remote'
  | 'mailto'
  | 'tel'
  /**
   * Other schemes (javascript:, file:, …) and relative paths. A relative path in the frame
   * would resolve against Petrel's own origin, so mail never gets to use one.
   */
  | 'other';

export function classifyUrl(raw: string): UrlKind {
  const url = normalizeUrl(raw);
  if (url.startsWith('#')) return 'fragment';
  if (/^[\\/]{2}/.test(url)) return 'remote';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'http':
    case 'https':
      return 'remote';
    case 'cid':
    case 'data':
    case 'mailto':
    case 'tel':
      return scheme;
    default:
      return 'other';
  }
}

/** The Content-ID a `cid:` URL names: percent-decoded, without angle brackets. */
export function contentIdOf(cidUrl: string): string {
  const encoded = normalizeUrl(cidUrl).slice('cid:'.length);
  let decoded = encoded;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    // A stray "%" is common in hand-written mail; match the text as written.
  }
  return decoded.replace(/^<|>$/g, '');
}

/** Percent-encodes the characters `chars` matches (a global regex); URLs stay equivalent. */
export function percentEncode(text: string, chars: RegExp): string {
  return text.replace(
    chars,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function normalizeUrl(raw: string): string {
  // eslint-disable-next-line no-control-regex -- the URL standard's own set of stripped characters
  return raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}
