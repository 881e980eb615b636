import type { Page } from 'playwright-core';
import { arm, collect, type BenchBrowser } from '../browser.ts';
import { atMost, measured, unmeasured, type Result } from '../report.ts';
import { pollUntil, sleep } from '../resources.ts';

interface ClickTiming {
  clickAt: number;
  domAt: number;
  paintAt: number;
}

const list = (page: Page) => page.getByRole('grid', { name: 'Messages' }).or(page.getByRole('listbox', { name: 'Messages' }));

/**
 * Click → visible effect: opens the newest message, then toggles Flag / Unflag from the
 * toolbar. Measured in the page, from the click event's timestamp to the next frame after
 * a MutationObserver saw the row's accessible name gain (or lose) "Flagged".
 */
export async function flagToggles(browser: BenchBrowser, count: number): Promise<number[]> {
  const { page } = browser;
  const top = list(page).locator('[aria-rowindex="1"]');
  await top.click();
  const flag = page.getByRole('button', { name: 'Flag', exact: true });
  await pollUntil(async () => ((await flag.isEnabled()) ? true : undefined), 15_000, 'toolbar enabled');
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = (await top.getAttribute('aria-label')) ?? '';
    const flagged = label.split(', ').includes('Flagged');
    await arm(page, 'flag', 'waitRowLabel', 1, 'Flagged', !flagged, 10_000);
    await page.getByRole('button', { name: flagged ? 'Unflag' : 'Flag', exact: true }).click();
    const timing = await collect<ClickTiming>(page, 'flag');
    samples.push(timing.paintAt - timing.clickAt);
    // Let the server's answer (and its echo over SSE) land before the next click.
    await sleep(400);
  }
  return samples;
}

export function actionResults(size: number, samples: readonly number[]): Result[] {
  return [
    measured(
      {
        suite: 'actions',
        metric: 'Flag/Unflag click → row shows the change (next frame)',
        size,
        unit: 'ms',
        target: atMost(50, 'ms'),
        note: `${samples.length} toggles on the open message`,
      },
      samples,
    ),
    unmeasured(
      { suite: 'actions', metric: 'replay of 1,000 queued actions after reconnect', size, unit: 'ms', target: null },
      'pending',
      'pending: offline outbox (queueing while offline and ordered replay are not in the app yet)',
    ),
  ];
}
