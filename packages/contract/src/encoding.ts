/**
 * Encodings shared by ids and tokens; internal to the contract (not exported from index).
 *
 * base64url is RFC 4648 §5 without padding, over UTF-8. btoa/atob exist in every browser
 * and in Node ≥ 16, so this needs no Buffer (the web app has none) and no
 * Uint8Array.prototype.toBase64 (not in Node 20).
 */

export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Returns null for anything that is not unpadded base64url of valid UTF-8. */
export function decodeBase64Url(encoded: string): string | null {
  // atob also accepts whitespace, padding and the +/ alphabet; refuse them here so one text
  // has exactly one encoding.
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) return null;
  let binary: string;
  try {
    binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decimal without sign or leading zeros, up to 16 digits; NaN otherwise, which the integer
 * schemas then reject. One number has one spelling, so ids and tokens compare as strings.
 */
export function parseCanonicalInt(digits: string | undefined): number {
  return digits !== undefined && /^(0|[1-9]\d{0,15})$/.test(digits) ? Number(digits) : NaN;
}

/** Unpaired UTF-16 surrogates: they have no UTF-8 form and make encodeURIComponent throw. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** String#toWellFormed (ES2024), which the ES2023 lib does not declare. */
export function toWellFormed(text: string): string {
  return text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}
