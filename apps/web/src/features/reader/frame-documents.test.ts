import { describe, expect, it } from 'vitest';
import type { CachedBody } from '../../data/index.ts';
import { mailFrameDocument, type FrameDocumentRequest } from './frame-documents.ts';

function request(overrides: Partial<FrameDocumentRequest> = {}): FrameDocumentRequest {
  const body: CachedBody = {
    id: 'm1',
    html: '<p>Hi</p><img src="https://cdn.example.test/a.png" alt="a"><script>alert(1)</script>',
    text: null,
    attachments: [],
    inline: [],
    tooComplex: false,
  };
  return {
    account: 'ada@petrel.test',
    messageId: 'm1',
    body,
    allowRemote: false,
    images: new Map(),
    ...overrides,
  };
}

describe('mailFrameDocument', () => {
  it('sanitises into a frame document and reports blocked remote content', () => {
    const frame = mailFrameDocument(request());
    expect(frame.srcDoc).toContain('<p>Hi</p>');
    expect(frame.srcDoc).toContain('Content-Security-Policy');
    expect(frame.srcDoc).not.toContain('<script');
    expect(frame.srcDoc).not.toContain('cdn.example.test');
    expect(frame.remoteBlocked).toBe(true);
  });

  it('answers a second open of the same body without sanitising again', () => {
    const first = mailFrameDocument(request());
    // A re-read body is a new object with equal content: still the same document.
    const again = mailFrameDocument(request({ body: { ...request().body } }));
    expect(again).toBe(first);
  });

  it('keeps the blocked and the allowed document apart', () => {
    const blocked = mailFrameDocument(request());
    const allowed = mailFrameDocument(request({ allowRemote: true }));
    expect(allowed).not.toBe(blocked);
    expect(allowed.srcDoc).toContain('https://cdn.example.test/a.png');
    expect(mailFrameDocument(request())).toBe(blocked);
  });

  it('never serves a cached document for other HTML under the same id', () => {
    mailFrameDocument(request());
    const other = mailFrameDocument(
      request({ body: { ...request().body, html: '<p>Something else</p>' } }),
    );
    expect(other.srcDoc).toContain('Something else');
    expect(other.srcDoc).not.toContain('<p>Hi</p>');
  });

  it('sanitises again once inline images have loaded', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const logo = {
      part: '2',
      filename: 'logo.png',
      contentType: 'image/png',
      size: 10,
      contentId: 'logo@x',
      disposition: 'inline' as const,
    };
    const body = { ...request().body, html: '<img src="cid:logo@x" alt="logo">', inline: [logo] };
    const without = mailFrameDocument(request({ body }));
    const withImage = mailFrameDocument(request({ body, images: new Map([['2', png]]) }));
    expect(without.srcDoc).not.toContain(png);
    expect(withImage.srcDoc).toContain(png);
  });

  it('forgets the previous account’s mail when another account reads', () => {
    const first = mailFrameDocument(request());
    mailFrameDocument(request({ account: 'grace@petrel.test' }));
    expect(mailFrameDocument(request())).not.toBe(first);
  });
});
