import type { MailUser } from '@petrel/test-mailserver';
import { call, databaseName, firstRows, signIn, waitSynced, type BenchBrowser, type FirstRows } from '../browser.ts';
import { cpuDelta, cpuSnapshot, type CpuByGroup, type CpuWatch } from '../cpu.ts';
import { sleep } from '../resources.ts';
import { atLeast, atMost, measured, type Result } from '../report.ts';

export interface ColdLogin {
  /** Sign in click → first 50 rows painted (empty profile). */
  firstRows: FirstRows;
  /** Sign in click → the INBOX listing complete in IndexedDB. */
  syncMs: number;
  rows: number;
  total: number | null;
  /** One raw IndexedDB count() of the INBOX rows once synced (a diagnostic). */
  countMs: number;
  /** CPU seconds per process group from the click until the sync was seen complete. */
  cpu: CpuByGroup;
  wallMs: number;
}

/**
 * Full header sync in a real Chromium: from the Sign in click on an empty profile until the
 * app's IndexedDB holds every INBOX header (listing phase "idle", and the messages table's
 * INBOX rows counted against the folder total).
 */
export async function coldLogin(browser: BenchBrowser, user: MailUser, size: number, who: Omit<CpuWatch, 'profileDir'>): Promise<ColdLogin> {
  const watch = { ...who, profileDir: browser.profileDir };
  const cpuBefore = cpuSnapshot(watch);
  const clickedAt = await signIn(browser.page, user);
  const rows = await firstRows(browser.page, true, 60_000);
  const synced = await waitSynced(browser.page, user, 'INBOX', Math.max(120_000, size * 4));
  if (synced.total !== null && synced.rows !== synced.total) {
    throw new Error(`INBOX listing finished with ${synced.rows} rows in IndexedDB, but the folder holds ${synced.total}`);
  }
  const cpu = cpuDelta(cpuBefore, cpuSnapshot(watch));
  const wallMs = Date.now() - clickedAt;
  await sleep(1000);
  const count = await browser.page.evaluate<{ rows: number; ms: number }>(call('timeCount', databaseName(user.email), 'INBOX'));
  return { firstRows: rows, syncMs: synced.wallAt - clickedAt, rows: synced.rows, total: synced.total, countMs: count.ms, cpu, wallMs };
}

export function headerSyncResults(size: number, samples: readonly ColdLogin[], baselineMsgPerSec: number | null): Result[] {
  const rates = samples.map((s) => (s.rows / s.syncMs) * 1000);
  const baseline = baselineMsgPerSec === null ? undefined : `bare imapflow ${Math.round(baselineMsgPerSec).toLocaleString('en-US')} msg/s in this run`;
  return [
    measured(
      {
        suite: 'header-sync',
        metric: 'login → all INBOX headers in IndexedDB',
        size,
        unit: 'ms',
        target: size >= 100_000 ? atMost(12_000, 'ms') : null,
        note: samples[0] ? `${samples[0].rows.toLocaleString('en-US')} rows counted` : undefined,
      },
      samples.map((s) => s.syncMs),
    ),
    measured(
      {
        suite: 'header-sync',
        metric: 'header sync rate (login → all headers)',
        size,
        unit: 'msg/s',
        target: baselineMsgPerSec === null ? null : atLeast(baselineMsgPerSec / 1.5, 'msg/s', '≥ bare imapflow ÷ 1.5'),
        baseline,
      },
      rates,
    ),
    measured(
      {
        suite: 'header-sync',
        metric: 'diagnostic: one raw IndexedDB count() of the synced INBOX rows',
        size,
        unit: 'ms',
        target: null,
        note: 'what one count of the folder index costs; the app keeps running counts (db/message-counts.ts) and never counts on a hot path',
      },
      samples.map((s) => s.countMs),
    ),
    ...cpuRows(size, samples),
  ];
}

/** Where the CPU went between the click and the sync seen complete, per process group. */
function cpuRows(size: number, samples: readonly ColdLogin[]): Result[] {
  const groups = Object.keys(samples[0]?.cpu ?? {});
  const wall = samples.map((s) => s.wallMs / 1000);
  return groups.map((group) =>
    measured(
      {
        suite: 'header-sync',
        metric: `diagnostic: CPU during login → all headers, ${group}`,
        size,
        unit: 'CPU s',
        target: null,
        note: `wall ${wall.map((w) => w.toFixed(1)).join(' / ')} s; 2 cores`,
      },
      samples.map((s) => s.cpu[group] ?? 0),
    ),
  );
}
