import type { Page } from 'playwright-core';
import { arm, collect, type BenchBrowser } from '../browser.ts';
import { atMost, measured, unmeasured, type Result } from '../report.ts';
import { pollUntil, sleep } from '../resources.ts';
import type { ReplaySample } from './replay.ts';

interface ClickTiming {
  clickAt: number;
  domAt: number;
  paintAt: number;
}

const list = (page: Page) =>
  page.getByRole('grid', { name: 'Messages' }).or(page.getByRole('listbox', { name: 'Messages' }));

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
  await pollUntil(
    async () => ((await flag.isEnabled()) ? true : undefined),
    15_000,
    'toolbar enabled',
  );
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

export function actionResults(
  size: number,
  samples: readonly number[],
  replay: ReplaySample | null,
): Result[] {
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
    replay === null
      ? unmeasured(
          { suite: 'actions', metric: REPLAY_METRIC, size, unit: 'ms', target: REPLAY_TARGET },
          'failed',
          'see errors',
        )
      : measured(
          {
            suite: 'actions',
            metric: REPLAY_METRIC,
            size,
            unit: 'ms',
            target: REPLAY_TARGET,
            note:
              `${replay.ops} ops queued offline from the keyboard (${replay.byType.setFlags} flag changes, ${replay.byType.move} archive moves, ` +
              `${replay.byType.delete} deletes); setOffline(false) → another IMAP client sees all; page outbox drained at ${replay.drainedMs.toFixed(0)} ms`,
          },
          [replay.serverMs],
        ),
  ];
}

const REPLAY_METRIC = 'replay of 1,000 queued actions after reconnect';
const REPLAY_TARGET = atMost(10_000, 'ms');
