import { firstRows, type BenchBrowser, type FirstRows } from '../browser.ts';
import { atMost, measured, unmeasured, type Result } from '../report.ts';
import { withTimeout } from '../resources.ts';

/** Reload with the cache filled and the server reachable: navigation start → first 50 rows painted. */
export async function warmReload(browser: BenchBrowser): Promise<FirstRows> {
  await browser.page.reload({ waitUntil: 'commit' });
  return firstRows(browser.page, false, 30_000);
}

/**
 * The same reload with the network cut (context.setOffline): only a service worker can
 * serve the app shell then. The caller checks that the build has one.
 */
export async function offlineReload(browser: BenchBrowser): Promise<FirstRows> {
  const { page, context } = browser;
  await withTimeout(page.evaluate('navigator.serviceWorker.ready.then(() => true)'), 15_000, 'service worker ready');
  await context.setOffline(true);
  try {
    await page.reload({ waitUntil: 'commit' });
    return await firstRows(page, false, 30_000);
  } finally {
    await context.setOffline(false);
  }
}

export interface FirstRowsSamples {
  cold: FirstRows[];
  warm: FirstRows[];
  offline: FirstRows[];
  offlineSkipped: string | null;
}

export function firstRowsResults(size: number, s: FirstRowsSamples): Result[] {
  const base = { suite: 'first-rows', size, unit: 'ms' };
  const rowsNote = (samples: FirstRows[]) => (samples[0] ? `${samples[0].rows} rows painted` : undefined);
  const results = [
    measured(
      {
        ...base,
        metric: 'cold: Sign in click → first 50 rows painted (empty profile)',
        target: atMost(size >= 100_000 ? 450 : 300, 'ms'),
        baseline: `Roundcube ${size >= 100_000 ? '1.4 s' : '0.9 s'} (issue)`,
        note: rowsNote(s.cold),
      },
      s.cold.map((x) => x.ms),
    ),
    measured(
      {
        ...base,
        metric: 'warm: reload (cache filled, online) → first 50 rows painted',
        target: atMost(150, 'ms'),
        baseline: `Roundcube ${size >= 100_000 ? '1.1 s' : '0.5 s'} (issue)`,
        note: rowsNote(s.warm),
      },
      s.warm.map((x) => x.ms),
    ),
  ];
  const offline = { ...base, metric: 'warm: reload offline (service worker) → first 50 rows painted', target: atMost(150, 'ms') };
  results.push(
    s.offlineSkipped !== null
      ? unmeasured(offline, 'n/a', s.offlineSkipped)
      : measured({ ...offline, note: rowsNote(s.offline) }, s.offline.map((x) => x.ms)),
  );
  return results;
}
