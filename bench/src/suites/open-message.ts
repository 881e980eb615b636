import type { Page } from 'playwright-core';
import { OtherDevice, type MailServer, type MailUser } from '@petrel/test-mailserver';
import { encodeMessageId } from '@petrel/contract';
import { arm, call, collect, databaseName, type BenchBrowser } from '../browser.ts';
import { atMost, measured, type Result } from '../report.ts';
import { sleep } from '../resources.ts';

interface FrameTiming {
  clickAt: number;
  loadAt: number;
  paintAt: number;
}

/** A ~200 KB HTML newsletter: nested tables, inline styles, many paragraphs, blocked remote images. */
export function newsletter(id: string): { subject: string; marker: string; raw: string } {
  const subject = `Bench newsletter ${id}`;
  const marker = `bench-marker-${id}`;
  const story = (i: number) =>
    `<tr><td style="padding:12px 24px;font-family:Georgia,serif;font-size:16px;line-height:1.5;color:#222">` +
    `<h2 style="margin:0 0 8px;font-size:20px;color:#0a3d62">Story ${i}: what happened this week</h2>` +
    `<img src="https://images.example.invalid/story-${i}.jpg" width="560" height="200" alt="Story ${i}" style="display:block;border:0">` +
    `<p style="margin:8px 0">${'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. '.repeat(6)}</p>` +
    `<p><a href="https://news.example.invalid/story/${i}?utm_source=newsletter" style="color:#1e90ff">Read more</a></p></td></tr>`;
  let stories = '';
  for (let i = 1; stories.length < 200_000; i++) stories += story(i);
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#f4f4f4} .wrap{width:600px;margin:0 auto;background:#fff}</style></head>` +
    `<body><table class="wrap" role="presentation" cellpadding="0" cellspacing="0"><tr><td style="padding:24px"><p>${marker}</p></td></tr>${stories}</table></body></html>`;
  const body = Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n');
  const raw =
    `From: Weekly News <news@example.org>\r\nTo: Bench <bench@petrel.test>\r\nSubject: ${subject}\r\n` +
    `Date: ${new Date().toUTCString()}\r\nMessage-ID: <${id}@news.example.org>\r\nMIME-Version: 1.0\r\n` +
    `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}\r\n`;
  return { subject, marker, raw };
}

const row = (page: Page, subject: string) =>
  page.getByRole('grid', { name: 'Messages' }).getByRole('row', { name: new RegExp(subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });

async function open(page: Page, mail: { subject: string; marker: string }): Promise<number> {
  await arm(page, 'open', 'waitBody', mail.marker, 20_000);
  await row(page, mail.subject).click();
  const t = await collect<FrameTiming>(page, 'open');
  await sleep(300);
  return t.paintAt - t.clickAt;
}

export interface OpenSamples {
  uncached: number[];
  /** First opens of newsletters whose body the app had already fetched by itself. */
  prefetched: number[];
  /** Again, each after another message: the app kept the last few frames (kept-frames.ts). */
  cached: number[];
  /** Again after a reload: bodies from IndexedDB, no frame kept. */
  stored: number[];
}

/**
 * Click a row → its body shown in the reader's frame (the frame's load event, then the next
 * frame). Uncached: fresh newsletters another client appended (pushed into the list first).
 * Cached: the same newsletters again, each after a different message was open.
 */
export async function openMessages(browser: BenchBrowser, mail: MailServer, user: MailUser, count: number): Promise<OpenSamples> {
  const { page } = browser;
  const letters = Array.from({ length: count }, (_, i) => ({ ...newsletter(`${Date.now().toString(36)}-${i}`), id: '' }));
  const device = await OtherDevice.connect(mail, user);
  try {
    for (const letter of letters) {
      const { uid, uidValidity } = await device.append('INBOX', letter.raw);
      letter.id = encodeMessageId({ folder: 'INBOX', uidValidity: Number(uidValidity), uid });
    }
  } finally {
    await device.close();
  }
  await page.evaluate(call('waitRowText', letters[letters.length - 1]!.subject, 30_000));
  const out: OpenSamples = { uncached: [], prefetched: [], cached: [], stored: [] };
  for (const letter of letters) {
    const held = await page.evaluate<boolean>(call('hasBody', databaseName(user.email), letter.id));
    (held ? out.prefetched : out.uncached).push(await open(page, letter));
  }
  for (const letter of letters) out.cached.push(await open(page, letter));
  // Reloaded on the list, not on the last newsletter: the reader would show that one at
  // start, and keep its frame when the loop moved on, so its sample would be a kept frame.
  await page.evaluate("location.hash = '#/folder/INBOX'");
  await page.reload();
  await page.evaluate(call('waitRowText', letters[letters.length - 1]!.subject, 30_000));
  // The reader's chunk is preloaded once the list is idle; opening should not wait for it.
  await sleep(1500);
  for (const letter of letters) out.stored.push(await open(page, letter));
  return out;
}

export function openResults(size: number, s: OpenSamples): Result[] {
  const base = { suite: 'open-message', size, unit: 'ms' };
  return [
    measured(
      {
        ...base,
        metric: 'click row → 200 KB HTML body shown (uncached)',
        target: atMost(150, 'ms'),
        note: s.prefetched.length > 0 ? `${s.prefetched.length} of ${s.uncached.length + s.prefetched.length} had been prefetched (row below)` : undefined,
        baseline: `Roundcube open newest ${size >= 100_000 ? '1.0 s' : '0.4 s'} (issue)`,
      },
      s.uncached,
    ),
    ...(s.prefetched.length > 0
      ? [measured({ ...base, metric: 'click row → new 200 KB HTML body shown (app had prefetched it)', target: atMost(50, 'ms') }, s.prefetched)]
      : []),
    measured({ ...base, metric: 'click row → same body shown again (cached, frame kept)', target: atMost(50, 'ms'), note: 'the app keeps the frames of the 4 mails read last' }, s.cached),
    measured({ ...base, metric: 'click row → same body shown after a reload (cached in IndexedDB)', target: atMost(50, 'ms') }, s.stored),
  ];
}
