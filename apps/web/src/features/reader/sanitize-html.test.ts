import { describe, expect, it } from 'vitest';
import { remoteReferences } from './remote-references.testing.ts';
import { sanitizeMailHtml } from './sanitize-html.ts';

const PART = 'https://petrel.test/api/messages/m1/parts/2?inline=1';
const blocked = (html: string) =>
  sanitizeMailHtml(html, {
    allowRemote: false,
    resolveCid: (cid) => (cid === 'logo@x' ? PART : null),
  });
const allowed = (html: string) =>
  sanitizeMailHtml(html, { allowRemote: true, resolveCid: () => null });

function parse(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
}

describe('sanitizeMailHtml', () => {
  it.each([
    ['script', '<p>hi</p><script>alert(1)</script>'],
    ['event handler', '<img src="x" onerror="alert(1)"><p onclick="alert(1)">hi</p>'],
    ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
    ['javascript link', '<a href="javascript:alert(1)">x</a>'],
    ['javascript link with entities', '<a href="&#106;ava&#x09;script&colon;alert(1)">x</a>'],
    ['data link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
    ['data link with entities', '<a href="&#100;ata:text/html,<script>alert(1)</script>">x</a>'],
  ])('removes %s', (_, html) => {
    const out = blocked(html).html;
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/\son\w+=/i);
    expect(out).not.toMatch(/javascript:/i);
    expect(out).not.toMatch(/href="data:/i);
  });

  it('removes <base>, <meta http-equiv>, <link> and forms but keeps their text', () => {
    const out = blocked(
      '<base href="https://evil.test/"><meta http-equiv="refresh" content="0;url=https://evil.test">' +
        '<link rel="stylesheet" href="https://evil.test/a.css">' +
        '<form action="https://evil.test/steal"><label>Password <input type="password" name="p"></label><button>Go</button></form>',
    ).html;
    const body = parse(out);
    expect(body.querySelector('base, meta, link, form, input, button')).toBeNull();
    expect(body.textContent).toContain('Password');
    expect(out).not.toContain('evil.test');
  });

  it('blocks remote images, srcset, background and poster and reports it', () => {
    const result = blocked(
      '<img src="https://tracker.test/p.gif" width="1" height="1" alt="">' +
        '<img src="data:image/png;base64,AAAA" srcset="https://a.test/x.png 2x, //b.test/y.png 3x" alt="pic">' +
        '<table background="http://c.test/bg.png"><tr><td background="HTTPS://d.test/bg.png">x</td></tr></table>' +
        '<svg><image href="https://e.test/i.png"></image><image xlink:href="//f.test/i.png"></image></svg>',
    );
    expect(result.remoteBlocked).toBe(true);
    expect(remoteReferences(result.html)).toEqual([]);
    expect(parse(result.html).querySelector('img[alt=pic]')?.getAttribute('src')).toBe(
      'data:image/png;base64,AAAA',
    );
  });

  it('does not report remote content when there is none', () => {
    expect(blocked('<p>Hello <a href="https://example.test">link</a></p>').remoteBlocked).toBe(
      false,
    );
  });

  it.each([
    [
      'style attribute url()',
      '<div style="background:url(https://a.test/x.png) no-repeat;color:red">x</div>',
    ],
    ['quoted url() in caps', `<div style="background-image: URL( 'http://a.test/x.png' )">x</div>`],
    ['escaped url()', '<div style="background:u\\72l(https://a.test/x.png)">x</div>'],
    ['escaped scheme', '<div style="background:url(ht\\74ps://a.test/x.png)">x</div>'],
    ['comment inside', '<div style="background:url(/*x*/https://a.test/x.png)">x</div>'],
    [
      'image-set strings',
      '<div style="background-image:image-set(&quot;https://a.test/x.png&quot; 1x)">x</div>',
    ],
    [
      '@import in a style block',
      '<style>@import "https://a.test/a.css"; p{color:red}</style><p>x</p>',
    ],
    ['@import url() in a style block', '<style>@import url(https://a.test/a.css);</style><p>x</p>'],
    [
      'url() in a style block',
      '<style>body{background:url("https://a.test/x.png")}</style><p>x</p>',
    ],
    [
      'remote font',
      '<style>@font-face{font-family:x;src:url(https://a.test/f.woff2) format("woff2")}</style><p>x</p>',
    ],
    ['network-path url()', '<style>p{background:url(//a.test/x.png)}</style><p>x</p>'],
    [
      'svg style block',
      '<svg><style>rect{fill:url(https://a.test/x.svg#p)}</style><rect width="1" height="1"/></svg>',
    ],
    [
      'svg presentation attribute',
      '<svg><rect fill="url(https://a.test/x.svg#p)" width="1" height="1"/></svg>',
    ],
  ])('blocks %s', (_, html) => {
    const result = blocked(html);
    expect(remoteReferences(result.html)).toEqual([]);
    expect(result.html).not.toContain('a.test');
  });

  it('keeps the rest of a style when dropping a url()', () => {
    const out = blocked(
      '<p style="background:url(https://a.test/x.png) no-repeat; color: red">x</p>',
    ).html;
    expect(parse(out).querySelector('p')?.getAttribute('style')).toBe(
      'background:none no-repeat; color: red',
    );
  });

  it('keeps data: and fragment references in CSS', () => {
    const out = blocked(
      '<svg><defs><linearGradient id="g"></linearGradient></defs><rect fill="url(#g)" width="1" height="1"/></svg>' +
        '<p style="background:url(data:image/png;base64,AAAA)">x</p>',
    ).html;
    expect(parse(out).querySelector('rect')?.getAttribute('fill')).toBe('url("#g")');
    expect(parse(out).querySelector('p')?.getAttribute('style')).toBe(
      'background:url("data:image/png;base64,AAAA")',
    );
  });

  it('removes SVG <use> and <animate>', () => {
    const out = blocked(
      '<svg><use href="https://a.test/s.svg#x"></use><a><animate attributeName="href" values="javascript:alert(1)"></animate><text>x</text></a>' +
        '<set attributeName="onmouseover" to="alert(1)"></set></svg>',
    ).html;
    expect(out).not.toMatch(/<use|<animate|<set/i);
    expect(out).not.toContain('javascript:');
  });

  it('rewrites cid: images to the inline part and drops unknown ones', () => {
    const result = blocked(
      '<img src="cid:logo@x" alt="logo"><img src="cid:missing@x" alt="gone"><div style="background:url(cid:logo%40x)">x</div>',
    );
    const body = parse(result.html);
    expect(body.querySelector('img[alt=logo]')?.getAttribute('src')).toBe(PART);
    expect(body.querySelector('img[alt=gone]')?.hasAttribute('src')).toBe(false);
    expect(body.querySelector('div')?.getAttribute('style')).toBe(`background:url("${PART}")`);
    expect(result.partUrls).toEqual([PART]);
    expect(result.remoteBlocked).toBe(false);
  });

  it('makes links open in a new tab without opener or referrer', () => {
    const body = parse(
      blocked(
        '<a href="https://example.test/a" target="_self">a</a><a href="mailto:x@y.test">m</a>',
      ).html,
    );
    for (const link of body.querySelectorAll('a')) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('drops relative and fragment links, which would point into Petrel', () => {
    const body = parse(blocked('<a href="/api/session">a</a><a href="#top">b</a>').html);
    expect(body.querySelectorAll('a[href]')).toHaveLength(0);
    expect(body.textContent).toBe('ab');
  });

  it('keeps remote images and fonts when allowed, never @import', () => {
    const result = allowed(
      '<img src="https://a.test/x.png" alt=""><style>@import url(https://a.test/a.css);p{background:url(https://a.test/b.png)}</style><p>x</p>',
    );
    expect(result.remoteBlocked).toBe(false);
    expect(result.html).toContain('src="https://a.test/x.png"');
    expect(result.html).toContain('url("https://a.test/b.png")');
    expect(result.html).not.toContain('@import');
  });

  it('keeps the styles of a whole HTML document', () => {
    const out = blocked(
      '<html><head><style>p{color:red}</style></head><body><p>x</p></body></html>',
    ).html;
    expect(out).toContain('<style>p{color:red}</style>');
  });
});
