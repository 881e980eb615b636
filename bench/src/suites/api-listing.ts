import type { MessageList } from '@petrel/contract';
import type { MailUser } from '@petrel/test-mailserver';
import { ApiSession } from '../http.ts';
import { measured, type Result } from '../report.ts';

export interface ApiListingSample {
  messages: number;
  pages: number;
  ms: number;
  /** Sum of the per-request times: the server's share when nothing else runs. */
  requestMs: number;
  wireBytes: number;
}

/**
 * The server's share of the header sync: a scripted client pages through
 * `GET /api/folders/INBOX/messages?limit=500` as the app's background pager does (first page
 * 100, then 500), with nothing stored. Browser sync time minus this is the browser's share.
 */
export async function apiListing(baseUrl: string, user: MailUser): Promise<ApiListingSample> {
  const session = new ApiSession(baseUrl, user);
  try {
    await session.login();
    const started = performance.now();
    let cursor: string | null = null;
    const sample: ApiListingSample = { messages: 0, pages: 0, ms: 0, requestMs: 0, wireBytes: 0 };
    for (let page = 0; page < 10_000; page++) {
      const query: string = cursor === null ? 'limit=100' : `limit=500&cursor=${encodeURIComponent(cursor)}`;
      const ex = await session.get(`/api/folders/INBOX/messages?${query}`);
      if (ex.status !== 200) throw new Error(`messages page ${page}: ${ex.status}`);
      const list = JSON.parse(ex.body.toString()) as MessageList;
      sample.messages += list.messages.length;
      sample.pages++;
      sample.requestMs += ex.ms;
      sample.wireBytes += ex.wireBytes;
      cursor = list.nextCursor;
      if (cursor === null) break;
    }
    sample.ms = performance.now() - started;
    return sample;
  } finally {
    await session.logout().catch(() => undefined);
    session.close();
  }
}

export function apiListingResults(size: number, samples: readonly ApiListingSample[]): Result[] {
  const base = { suite: 'header-sync', size, target: null };
  const first = samples[0];
  return [
    measured(
      {
        ...base,
        metric: 'server share: HTTP client pages INBOX/messages (100, then 500 a page), nothing stored',
        unit: 'msg/s',
        note: first ? `${first.pages} pages, ${(first.wireBytes / 1e6).toFixed(1)} MB of JSON` : undefined,
      },
      samples.map((s) => (s.messages / s.ms) * 1000),
    ),
  ];
}
