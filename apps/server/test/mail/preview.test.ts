import { describe, expect, it } from 'vitest';
import { clampPreview, htmlToText, previewText } from '../../src/mail/preview.ts';

const text = { encoding: undefined, charset: 'utf-8', html: false };

describe('previews from partial fetches', () => {
  it('drops what the partial fetch cut in half', () => {
    const base64 = Buffer.from(Buffer.from('Hello wörld and more').toString('base64').slice(0, 18));
    expect(previewText(base64, { ...text, encoding: 'base64' })).toBe('Hello wörld');
    expect(
      previewText(Buffer.from('Caf=C3=A9 =E2=8'), { ...text, encoding: 'quoted-printable' }),
    ).toBe('Café');
    expect(previewText(Buffer.from('naïve').subarray(0, 3), text)).toBe('na');
  });

  it('decodes legacy charsets and falls back to UTF-8 for unknown ones', () => {
    expect(
      previewText(Buffer.from([0x4b, 0xf6, 0x6c, 0x6e]), { ...text, charset: 'iso-8859-1' }),
    ).toBe('Köln');
    expect(previewText(Buffer.from('plain'), { ...text, charset: 'x-unknown' })).toBe('plain');
  });

  it('turns HTML into text cheaply, also when cut inside a tag or a style block', () => {
    expect(
      htmlToText('<head><title>T</title></head><p>A&nbsp;&amp;&#x42;</p><!-- c --><b>C</b>')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe('A &B C');
    expect(previewText(Buffer.from('<p>Hi</p><style>p { col'), { ...text, html: true })).toBe('Hi');
    expect(previewText(Buffer.from('<p>Hi</p><a href="x'), { ...text, html: true })).toBe('Hi');
  });

  it('cuts to 200 UTF-16 units without splitting a surrogate pair', () => {
    const cut = clampPreview(`${'a'.repeat(199)}😀 tail`);
    expect(cut).toBe('a'.repeat(199));
    expect(clampPreview('  many \n\n spaces  ')).toBe('many spaces');
  });
});
