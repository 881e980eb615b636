import { classifyUrl } from './url-policy.ts';

/**
 * Test helper: every reference in sanitised HTML that would make the frame fetch from the
 * network (http(s) or network-path URLs in loading attributes, CSS url() and image-set
 * strings, @import). Empty means nothing leaves the page in blocked mode.
 */
export function remoteReferences(html: string): string[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const found: string[] = [];
  for (const element of doc.body.querySelectorAll('*')) {
    const tag = element.localName.toLowerCase();
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const isLink = (tag === 'a' || tag === 'area') && (name === 'href' || name === 'xlink:href');
      if (LOADING_ATTRIBUTES.has(name) && !isLink) {
        const urls = name === 'srcset' ? attribute.value.split(/,\s+/) : [attribute.value];
        for (const url of urls)
          if (classifyUrl(url.trim().split(/\s+/)[0] ?? '') === 'remote')
            found.push(`${tag}[${name}]=${url}`);
      }
      if (name === 'style' || /url\s*\(/i.test(attribute.value))
        found.push(...cssRemotes(attribute.value));
    }
    if (tag === 'style') found.push(...cssRemotes(element.textContent ?? ''));
  }
  return found;
}

const LOADING_ATTRIBUTES = new Set([
  'src',
  'srcset',
  'href',
  'xlink:href',
  'background',
  'poster',
  'lowsrc',
  'dynsrc',
  'data',
]);

function cssRemotes(css: string): string[] {
  const found: string[] = [];
  if (/@import/i.test(css)) found.push(`@import in ${css}`);
  for (const match of css.matchAll(/url\(\s*(["']?)([^"')]*)\1/gi)) {
    if (classifyUrl(match[2] ?? '') === 'remote') found.push(`url(${match[2] ?? ''})`);
  }
  for (const match of css.matchAll(/image-set\(([^)]*)\)/gi)) {
    for (const string of (match[1] ?? '').matchAll(/["']([^"']*)["']/g)) {
      if (classifyUrl(string[1] ?? '') === 'remote') found.push(`image-set(${string[1] ?? ''})`);
    }
  }
  return found;
}
