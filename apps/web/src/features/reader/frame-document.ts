import { percentEncode } from './url-policy.ts';

/**
 * The document loaded into the reader's sandboxed frame: sanitised mail in a fixed shell
 * whose CSP meta lets the frame load only images from data: URLs and this message's own
 * parts (plus http(s) images and fonts when the user allowed remote content). Scripts,
 * frames, forms, media, stylesheets and connections have no source at all.
 */
export function frameDocument(
  sanitizedBody: string,
  options: { partUrls: readonly string[]; allowRemote: boolean },
): string {
  const images = ['data:', ...new Set(options.partUrls.map(cspSource))];
  if (options.allowRemote) images.push('https:', 'http:');
  const directives = [
    "default-src 'none'",
    `img-src ${images.join(' ')}`,
    "style-src 'unsafe-inline'",
    ...(options.allowRemote ? ['font-src https:'] : []),
  ];
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(directives.join('; '))}">`,
    '<meta name="referrer" content="no-referrer">',
    // Links the sanitiser did not mark still must not navigate the frame.
    '<base target="_blank">',
    `<style>${FRAME_CSS}</style>`,
    `</head><body>${sanitizedBody}</body></html>`,
  ].join('');
}

/**
 * A CSP source for one URL: origin and path of http(s) URLs (a CSP source has no query,
 * and matching ignores the request's query), or just the scheme of others (blob:).
 */
function cspSource(url: string): string {
  const parsed = new URL(url, window.location.href);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return parsed.protocol;
  // ";" and "," separate directives and sources; CSP matching percent-decodes paths.
  return parsed.origin + percentEncode(parsed.pathname, /[;,'\s]/g);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Mail is written for a light page, whatever the app's theme, so the frame stays light.
 * Images shrink to the frame's width, keeping their aspect ratio.
 */
const FRAME_CSS = [
  'html{color-scheme:light}',
  'body{margin:0;padding:16px;font:15px/1.5 system-ui,sans-serif;color:#1c1c1e;background:#fff;overflow-wrap:break-word}',
  'img{max-width:100%;height:auto}',
  'pre{white-space:pre-wrap}',
].join('');
