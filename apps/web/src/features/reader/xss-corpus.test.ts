import { describe, expect, it } from 'vitest';
import { remoteReferences } from './remote-references.testing.ts';
import { sanitizeMailHtml } from './sanitize-html.ts';

/**
 * DOMPurify's own fixture of 200+ XSS and mXSS vectors, from the shared corpus beside the
 * clone (`../shared` from the repository root). A glob, so Vite resolves it at build time.
 */
const corpus = import.meta.glob<{ title: string; payload: string }[]>(
  '../../../../../../shared/corpus/xss/dompurify-expect.mjs',
  { import: 'default', eager: true },
);
const vectors = Object.values(corpus)[0] ?? [];

const URL_ATTRIBUTES = new Set([
  'href',
  'xlink:href',
  'src',
  'srcset',
  'action',
  'formaction',
  'background',
  'poster',
  'data',
]);

describe('sanitizeMailHtml with the DOMPurify XSS corpus (remote content blocked)', () => {
  it('has the corpus', () => {
    expect(vectors.length).toBeGreaterThan(200);
  });

  it.each(vectors.map((vector, index) => [index, vector.title, vector.payload] as const))(
    '#%i %s',
    (_, __, payload) => {
      const { html } = sanitizeMailHtml(payload, { allowRemote: false, resolveCid: () => null });
      expect(html).not.toMatch(/<script/i);
      const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
      for (const element of doc.body.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
          expect(attribute.name).not.toMatch(/^on/i);
          if (URL_ATTRIBUTES.has(attribute.name.toLowerCase())) {
            // eslint-disable-next-line no-control-regex -- what browsers strip from URLs
            expect(attribute.value.replace(/[\u0000-\u0020]/g, '')).not.toMatch(
              /^(javascript|vbscript):/i,
            );
          }
        }
      }
      expect(remoteReferences(html)).toEqual([]);
    },
  );
});
