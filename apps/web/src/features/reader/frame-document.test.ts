import { describe, expect, it } from 'vitest';
import { frameDocument } from './frame-document.ts';

function csp(doc: string): string {
  const parsed = new DOMParser().parseFromString(doc, 'text/html');
  return (
    parsed.head
      .querySelector('meta[http-equiv="Content-Security-Policy"]')
      ?.getAttribute('content') ?? ''
  );
}

describe('frameDocument', () => {
  it('puts a CSP meta first in the head that allows only data: and the message parts', () => {
    const doc = frameDocument('<p>x</p>', {
      partUrls: ['http://localhost:3000/api/messages/m1/parts/2?inline=1'],
      allowRemote: false,
    });
    expect(csp(doc)).toBe(
      "default-src 'none'; img-src data: http://localhost:3000/api/messages/m1/parts/2; style-src 'unsafe-inline'",
    );
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<body>'));
    expect(doc).toContain('<body><p>x</p></body>');
  });

  it('adds http(s) images and https fonts when remote content is allowed', () => {
    expect(csp(frameDocument('', { partUrls: [], allowRemote: true }))).toBe(
      "default-src 'none'; img-src data: https: http:; style-src 'unsafe-inline'; font-src https:",
    );
  });
});
