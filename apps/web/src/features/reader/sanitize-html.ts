import DOMPurify from 'dompurify';
import type { Config, UponSanitizeAttributeHookEvent } from 'dompurify';
import { rewriteCss } from './css-urls.ts';
import { classifyUrl, contentIdOf } from './url-policy.ts';

export interface SanitizeOptions {
  /** Load http(s) images and fonts (the user allowed it for this message or sender). */
  allowRemote: boolean;
  /** The URL of the part with this Content-ID, or null when the message has none. */
  resolveCid(contentId: string): string | null;
}

export interface SanitizedHtml {
  html: string;
  /** Something would have loaded from the network and was dropped. */
  remoteBlocked: boolean;
  /** URLs of this message's parts that the HTML now uses, for the frame's CSP. */
  partUrls: string[];
}

/**
 * Sanitises mail HTML for the reader frame. Every rewrite (cid: images, link targets,
 * blocking remote content) happens inside DOMPurify hooks, so DOMPurify's own checks run
 * on the rewritten values and its serialisation is the last step. The output has no
 * scripts, no event handlers, no forms and, unless `allowRemote`, nothing that loads from
 * the network; the sandboxed frame and its CSP are a second line behind this.
 */
export function sanitizeMailHtml(dirty: string, options: SanitizeOptions): SanitizedHtml {
  // A fresh instance per call keeps these hooks, which close over this message, private.
  const purify = DOMPurify(window);
  const state = { remoteBlocked: false, partUrls: new Set<string>() };

  /** For images, fonts and other things the frame would load. */
  const resolveResource = (url: string): string | null => {
    const kind = classifyUrl(url);
    if (kind === 'cid') {
      const resolved = options.resolveCid(contentIdOf(url));
      if (resolved !== null) state.partUrls.add(resolved);
      return resolved;
    }
    if (kind === 'data' || kind === 'fragment') return url;
    if (kind === 'remote') {
      if (options.allowRemote) return url;
      state.remoteBlocked = true;
    }
    return null;
  };

  purify.addHook('uponSanitizeElement', (node, event) => {
    // A <style> with element children is mXSS bait; DOMPurify drops it, so leave it alone.
    if (event.tagName === 'style' && node instanceof Element && node.childElementCount === 0) {
      node.textContent = rewriteCss(node.textContent ?? '', resolveResource);
    }
  });

  purify.addHook('uponSanitizeAttribute', (node, event) => {
    rewriteAttribute(node, event, resolveResource);
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    if (LINK_TAGS.has(node.nodeName.toLowerCase()) && hasHref(node)) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });

  const html = purify.sanitize(dirty, CONFIG);
  return { html, remoteBlocked: state.remoteBlocked, partUrls: [...state.partUrls] };
}

const CONFIG: Config = {
  // Mail is often a whole document: parse <head> content (its <style>) into the body.
  FORCE_BODY: true,
  FORBID_TAGS: [
    // Change how the document resolves URLs, refreshes, or loads styles from elsewhere.
    'base',
    'meta',
    'link',
    // Forms could phish for passwords inside a trusted-looking frame.
    'form',
    'input',
    'button',
    'select',
    'option',
    'optgroup',
    'textarea',
    'datalist',
    // Media and embedded documents have no place in a mail frame (CSP blocks them anyway).
    'audio',
    'video',
    'track',
    'object',
    'embed',
    'iframe',
    'frame',
    'frameset',
    'portal',
    // SVG that pulls in other documents or re-targets attributes at run time.
    'use',
    'animate',
    'animatetransform',
    'animatemotion',
    'set',
    'foreignobject',
  ],
  FORBID_ATTR: ['ping', 'action', 'formaction', 'srcdoc', 'autofocus'],
  ALLOW_DATA_ATTR: false,
};

const LINK_TAGS = new Set(['a', 'area']);
/** Attributes whose URL the frame would fetch. */
const RESOURCE_ATTRIBUTES = new Set([
  'src',
  'href',
  'xlink:href',
  'background',
  'poster',
  'lowsrc',
  'dynsrc',
  'data',
  'codebase',
]);
const LINK_KINDS = new Set(['remote', 'mailto', 'tel']);
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

function rewriteAttribute(
  node: Element,
  event: UponSanitizeAttributeHookEvent,
  resolveResource: (url: string) => string | null,
): void {
  const name = event.attrName;
  const value = event.attrValue;
  // DOMPurify drops it anyway; looking at it would only report remote content wrongly.
  if (event.allowedAttributes[name] !== true) return;
  const tag = node.nodeName.toLowerCase();
  // SVG presentation attributes (fill, filter, mask, …) take url() like CSS does.
  const cssValued =
    name === 'style' || (node.namespaceURI === SVG_NAMESPACE && /url\s*\(/i.test(value));
  if (cssValued) {
    const css = rewriteCss(value, resolveResource);
    if (css.trim() === '') event.keepAttr = false;
    else event.attrValue = css;
  } else if (name === 'srcset') {
    const srcset = rewriteSrcset(value, resolveResource);
    if (srcset === '') event.keepAttr = false;
    else event.attrValue = srcset;
  } else if (LINK_TAGS.has(tag) && (name === 'href' || name === 'xlink:href')) {
    // Links only ever open in a new tab, and only to the web, mail or phone.
    if (!LINK_KINDS.has(classifyUrl(value))) event.keepAttr = false;
  } else if (RESOURCE_ATTRIBUTES.has(name)) {
    const resolved = resolveResource(value);
    if (resolved === null) event.keepAttr = false;
    else event.attrValue = resolved;
  }
}

/** `srcset` candidates are "URL [descriptor]" separated by commas (HTML §4.8.4.3.10). */
function rewriteSrcset(srcset: string, resolve: (url: string) => string | null): string {
  const kept: string[] = [];
  for (const candidate of parseSrcset(srcset)) {
    const url = resolve(candidate.url);
    if (url !== null) kept.push(`${url} ${candidate.descriptor}`.trim());
  }
  return kept.join(', ');
}

function parseSrcset(srcset: string): { url: string; descriptor: string }[] {
  const candidates: { url: string; descriptor: string }[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i] ?? '')) i += 1;
    const start = i;
    while (i < srcset.length && !/\s/.test(srcset[i] ?? '')) i += 1;
    let url = srcset.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      const descriptorStart = i;
      while (i < srcset.length && srcset[i] !== ',') i += 1;
      descriptor = srcset.slice(descriptorStart, i).trim();
    }
    if (url !== '') candidates.push({ url, descriptor });
  }
  return candidates;
}

function hasHref(node: Element): boolean {
  return node.hasAttribute('href') || node.hasAttribute('xlink:href');
}
