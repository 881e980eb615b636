import { partPath } from '../api/api.ts';

/**
 * Same-origin URL of one MIME part. The server serves every part as a download
 * (`Content-Disposition: attachment`, CSP sandbox; see the contract's part route), so
 * `inline` yields the same URL: to show an inline (cid:) image, the reader fetches this
 * URL and displays the blob through an object URL.
 */
export function partUrl(messageId: string, part: string, _options?: { inline?: boolean }): string {
  return partPath(messageId, part);
}
