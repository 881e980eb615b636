import type { Attachment } from '@petrel/contract';
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_LIMIT_BYTES,
  INLINE_IMAGE_LIMIT_BYTES,
  inlineImageDataUrl,
  inlineImageParts,
  maxEncodedSize,
  partsToKeep,
  sniffRasterType,
  toBase64,
} from './prefetch-parts.ts';

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
const GIF = new TextEncoder().encode('GIF89a\x01\x00');
const WEBP = new TextEncoder().encode('RIFF\x10\x00\x00\x00WEBPVP8 ');
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>');

function part(n: string, overrides: Partial<Attachment> = {}): Attachment {
  return {
    part: n,
    filename: `file-${n}`,
    contentType: 'image/png',
    size: 1000,
    contentId: `img-${n}@x`,
    disposition: 'inline',
    ...overrides,
  };
}

describe('sniffRasterType', () => {
  it.each([
    ['png', PNG, 'image/png'],
    ['jpeg', JPEG, 'image/jpeg'],
    ['gif', GIF, 'image/gif'],
    ['webp', WEBP, 'image/webp'],
    ['svg', SVG, null],
    ['empty', new Uint8Array(), null],
  ])('%s', (_, bytes, type) => {
    expect(sniffRasterType(bytes)).toBe(type);
  });
});

describe('inlineImageDataUrl', () => {
  it('builds a base64 data: URL with the type the bytes have', () => {
    expect(inlineImageDataUrl(PNG, 'image/png')).toBe(`data:image/png;base64,${toBase64(PNG)}`);
    // Mailers mislabel formats; the bytes decide, as long as both are raster images.
    expect(inlineImageDataUrl(JPEG, 'IMAGE/PNG; name="x.png"')).toMatch(
      /^data:image\/jpeg;base64,/,
    );
    expect(inlineImageDataUrl(JPEG, 'image/jpg')).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('refuses what is not declared or not sniffed as a raster image', () => {
    expect(inlineImageDataUrl(SVG, 'image/png')).toBeNull();
    expect(inlineImageDataUrl(PNG, 'image/svg+xml')).toBeNull();
    expect(inlineImageDataUrl(PNG, 'text/html')).toBeNull();
  });

  it('refuses images over the size limit', () => {
    const big = new Uint8Array(INLINE_IMAGE_LIMIT_BYTES + 1);
    big.set(PNG);
    expect(inlineImageDataUrl(big, 'image/png')).toBeNull();
    expect(
      inlineImageDataUrl(big.subarray(0, INLINE_IMAGE_LIMIT_BYTES), 'image/png'),
    ).not.toBeNull();
  });
});

describe('toBase64', () => {
  it('matches btoa, also past one conversion slice', () => {
    const bytes = Uint8Array.from({ length: 0x8000 * 2 + 5 }, (_, i) => (i * 7) % 256);
    const decoded = Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(bytes);
    expect(toBase64(Uint8Array.from([104, 105]))).toBe('aGk=');
  });
});

describe('maxEncodedSize', () => {
  it('bounds base64 with CRLF line breaks', () => {
    // 57 bytes make one 76-character line.
    expect(maxEncodedSize(57)).toBe(78);
    expect(maxEncodedSize(58)).toBe(80 + 4);
    expect(maxEncodedSize(0)).toBe(0);
  });
});

describe('inlineImageParts and partsToKeep', () => {
  const html = '<img src="cid:img-1@x"><img src="cid:IMG-5@X">';

  it('keeps raster inline parts and cid-referenced attachments within the limit', () => {
    const body = {
      html,
      inline: [
        part('1'),
        part('2', { contentType: 'image/svg+xml' }),
        part('3', { size: maxEncodedSize(INLINE_IMAGE_LIMIT_BYTES) + 1 }),
        part('4', { contentId: null }),
      ],
      attachments: [
        part('5', { disposition: 'attachment' }),
        part('6', { disposition: 'attachment' }),
      ],
    };
    expect(inlineImageParts(body).map((p) => p.part)).toEqual(['1', '5']);
  });

  it('adds small attachments only when wanted, each part once', () => {
    const body = {
      html,
      inline: [part('1')],
      attachments: [
        part('5'),
        part('7', { contentType: 'application/pdf', contentId: null, size: 5000 }),
        part('8', { contentId: null, size: maxEncodedSize(ATTACHMENT_LIMIT_BYTES) + 1 }),
      ],
    };
    expect(
      partsToKeep(body, { attachments: false }).map((p) => [p.attachment.part, p.purpose]),
    ).toEqual([
      ['1', 'inline'],
      ['5', 'inline'],
    ]);
    expect(
      partsToKeep(body, { attachments: true }).map((p) => [p.attachment.part, p.purpose]),
    ).toEqual([
      ['1', 'inline'],
      ['5', 'inline'],
      ['7', 'attachment'],
    ]);
  });
});
