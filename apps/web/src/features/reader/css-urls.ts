import { percentEncode } from './url-policy.ts';

/**
 * Rewrites the URLs in a piece of mail CSS (a style attribute or a <style> block).
 *
 * The CSS is first brought to a form without escapes and comments, and that text is both
 * what gets analysed and what gets written back. So the browser can never read a URL out of
 * the result that this scan did not see: `u\72l(` or `ur/**\/l(` cannot hide a `url(`.
 * Every `url()` and every URL string inside image-set()/image()/src() goes through
 * `resolve`; `@import` is always removed (the frame's CSP allows no stylesheet loads).
 */

/** The URL to write back (possibly rewritten), or null to drop it. */
export type UrlResolver = (url: string) => string | null;

export function rewriteCss(css: string, resolve: UrlResolver): string {
  return removeImports(scanUrls(removeImports(normalizeCss(css)), resolve));
}

/** Functions whose plain string arguments are image URLs (CSS Images 4, CSS Values 4). */
const IMAGE_FUNCTION = /^(?:-webkit-image-set|image-set|image|src)\(/i;
const IDENT_CHAR = /[\w-]/;

function normalizeCss(css: string): string {
  const unescaped = css.replace(
    /\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|(\r\n|[\n\r\f])|([\s\S]))/gi,
    (_, hex: string | undefined, newline: string | undefined, char: string | undefined) => {
      if (hex !== undefined) return codePoint(parseInt(hex, 16));
      if (newline !== undefined) return '';
      return char ?? '';
    },
  );
  return (
    unescaped
      .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
      // An escape that decoded to a backslash would start a new escape: drop them all.
      .replace(/\\/g, '')
      // eslint-disable-next-line no-control-regex -- controls have no place in CSS text
      .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '')
  );
}

function codePoint(value: number): string {
  const invalid = value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff);
  return invalid ? '\uFFFD' : String.fromCodePoint(value);
}

function removeImports(css: string): string {
  let text = css;
  // Removing one @import can join the text around it into another one.
  while (/@import/i.test(text)) text = text.replace(/@import[^;]*(?:;|$)/gi, '');
  return text;
}

function scanUrls(css: string, resolve: UrlResolver): string {
  let out = '';
  let depth = 0;
  // Paren depths at which an image function's arguments are open.
  const imageDepths: number[] = [];
  let i = 0;
  while (i < css.length) {
    const char = css[i] ?? '';
    const rest = css.slice(i, i + 20);
    if (char === '"' || char === "'") {
      const end = stringEnd(css, i);
      const value = css.slice(i + 1, end === css.length ? end : end - 1);
      out += imageDepths.length > 0 ? urlToken(resolve(value), false) : css.slice(i, end);
      i = end;
    } else if (/^url\(/i.test(rest)) {
      const { url, end } = readUrlFunction(css, i + 4);
      out += urlToken(resolve(url), true);
      i = end;
    } else if (IMAGE_FUNCTION.test(rest) && !IDENT_CHAR.test(css[i - 1] ?? '')) {
      const name = IMAGE_FUNCTION.exec(rest)?.[0] ?? '';
      out += name;
      depth += 1;
      imageDepths.push(depth);
      i += name.length;
    } else {
      if (char === '(') depth += 1;
      if (char === ')') {
        if (imageDepths.at(-1) === depth) imageDepths.pop();
        depth = Math.max(0, depth - 1);
      }
      out += char;
      i += 1;
    }
  }
  return out;
}

/** Index just past the string that starts at `start` (CSS strings end at a newline too). */
function stringEnd(css: string, start: number): number {
  const quote = css[start];
  for (let i = start + 1; i < css.length; i += 1) {
    if (css[i] === quote || css[i] === '\n') return i + 1;
  }
  return css.length;
}

/** Reads `url(` arguments from `from` (just past the parenthesis); EOF closes it, as in CSS. */
function readUrlFunction(css: string, from: number): { url: string; end: number } {
  let i = from;
  while (/\s/.test(css[i] ?? '')) i += 1;
  const quote = css[i];
  if (quote === '"' || quote === "'") {
    const end = stringEnd(css, i);
    const url = css.slice(i + 1, end === css.length ? end : end - 1);
    const close = css.indexOf(')', end);
    return { url, end: close < 0 ? css.length : close + 1 };
  }
  const close = css.indexOf(')', i);
  const end = close < 0 ? css.length : close;
  return { url: css.slice(i, end).trim(), end: close < 0 ? css.length : close + 1 };
}

function urlToken(url: string | null, asFunction: boolean): string {
  if (url === null) return 'none';
  // Backslashes are gone, so quoting cannot use escapes; percent-encoding keeps URLs equal.
  const safe = percentEncode(url, /["'<>\n\r\f]/g);
  return asFunction ? `url("${safe}")` : `"${safe}"`;
}
