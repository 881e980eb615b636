import type { Page } from 'playwright-core';
import { OtherDevice, type MailServer, type MailUser } from '@petrel/test-mailserver';
import { sleep } from '../resources.ts';
import { newsletter } from '../suites/open-message.ts';
import { rcCall, waitRows } from './roundcube-browser.ts';

interface FrameTiming {
  clickAt: number;
  loadAt: number;
  paintAt: number;
}

/**
 * Roundcube waits 400 ms instead of 60 ms before previewing when rows are selected in quick
 * succession (arrow-key browsing); opens are spaced further apart so each gets the click delay.
 */
const BETWEEN_OPENS_MS = 600;

/**
 * The same 200 KB HTML newsletters as Petrel's open-message suite, appended by another client;
 * the mail page is then reloaded (Roundcube only polls for new mail every minute) and each
 * newsletter's row clicked: click → its body in the preview frame (load event, next frame).
 * Roundcube keeps no bodies in the browser, so every open fetches and renders on the server.
 */
export async function openNewsletters(
  page: Page,
  mail: MailServer,
  user: MailUser,
  count: number,
): Promise<number[]> {
  const letters = Array.from({ length: count }, (_, i) =>
    newsletter(`rc-${Date.now().toString(36)}-${i}`),
  );
  const device = await OtherDevice.connect(mail, user);
  try {
    for (const letter of letters) await device.append('INBOX', letter.raw);
  } finally {
    await device.close();
  }
  await page.reload({ waitUntil: 'commit' });
  await waitRows(page);
  const opens: number[] = [];
  for (const letter of letters) {
    await page.evaluate(rcCall('arm', 'open', 'waitBody', letter.marker, 20_000));
    await page.locator('#messagelist tbody tr.message', { hasText: letter.subject }).click();
    const t = await page.evaluate<FrameTiming>(rcCall('collect', 'open'));
    opens.push(t.paintAt - t.clickAt);
    await sleep(BETWEEN_OPENS_MS);
  }
  return opens;
}
