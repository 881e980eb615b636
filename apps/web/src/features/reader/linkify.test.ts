import { describe, expect, it } from 'vitest';
import { linkify, splitQuotes } from './linkify.ts';

describe('linkify', () => {
  it('links http, https and mailto, trimming sentence punctuation', () => {
    expect(
      linkify(
        'See https://example.test/a?b=1. Or mail mailto:me@example.test, or http://x.test/(y)).',
      ),
    ).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.test/a?b=1', href: 'https://example.test/a?b=1' },
      { kind: 'text', text: '. Or mail ' },
      { kind: 'link', text: 'mailto:me@example.test', href: 'mailto:me@example.test' },
      { kind: 'text', text: ', or ' },
      { kind: 'link', text: 'http://x.test/(y)', href: 'http://x.test/(y)' },
      { kind: 'text', text: ').' },
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    'ftp://example.test/',
    '<a href="javascript:alert(1)">x</a>',
    'www.example.test',
  ])('leaves %j as text', (text) => {
    expect(linkify(text).every((piece) => piece.kind === 'text')).toBe(true);
  });

  it('does not take quotes or angle brackets into a URL', () => {
    const links = linkify('"https://a.test/x"onmouseover=alert(1) <https://b.test/y>').filter(
      (p) => p.kind === 'link',
    );
    expect(links.map((p) => p.text)).toEqual(['https://a.test/x', 'https://b.test/y']);
  });
});

describe('splitQuotes', () => {
  it('groups consecutive quoted lines', () => {
    expect(splitQuotes('Hi\r\n> a\n>> b\nbye\n > c')).toEqual([
      { quoted: false, text: 'Hi' },
      { quoted: true, text: '> a\n>> b' },
      { quoted: false, text: 'bye' },
      { quoted: true, text: ' > c' },
    ]);
  });
});
