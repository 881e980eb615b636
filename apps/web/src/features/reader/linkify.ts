/** A run of plain text, or a link the reader may render as an anchor. */
export type TextPiece =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Punctuation that ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?'"\])}>]+$/;

/**
 * Splits plain text into text and links. Only http, https and mailto URLs become links, and
 * only when the URL parser accepts them; callers build elements from the pieces, so no
 * mail text is ever parsed as HTML.
 */
export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate);
    if (href === null) continue;
    if (start > last) pieces.push({ kind: 'text', text: text.slice(last, start) });
    pieces.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

/** A quoted block (lines starting with ">", RFC 3676 §4.5) or the text between them. */
export interface TextBlock {
  quoted: boolean;
  text: string;
}

export function splitQuotes(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const quoted = /^\s*>/.test(line);
    const current = blocks.at(-1);
    if (current !== undefined && current.quoted === quoted) current.text += `\n${line}`;
    else blocks.push({ quoted, text: line });
  }
  return blocks;
}

function trimTrailing(url: string): string {
  let result = url.replace(TRAILING, '');
  // Keep a closing parenthesis that belongs to the URL, as in Wikipedia links.
  const suffix = url.slice(result.length);
  if (suffix.startsWith(')') && count(result, '(') > count(result, ')')) result += ')';
  return result;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if (!LINK_PROTOCOLS.has(url.protocol)) return null;
    if (url.protocol === 'mailto:' && url.pathname === '') return null;
    return url.href;
  } catch {
    return null;
  }
}
