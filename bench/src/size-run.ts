import { openBrowser, type BenchBrowser, type FirstRows } from './browser.ts';
import { BENCH_USER, benchMailServer } from './mail-fixture.ts';
import { wants, type BenchOptions } from './options.ts';
import { startPetrel, type WebBuild } from './petrel-server.ts';
import { unmeasured, type Result } from './report.ts';
import { Resources } from './resources.ts';
import { summarize } from './stats.ts';
import { actionResults, flagToggles } from './suites/actions.ts';
import { replayAfterReconnect } from './suites/replay.ts';
import { firstRowsResults, offlineReload, warmReload, type FirstRowsSamples } from './suites/first-rows.ts';
import { coldLogin, headerSyncResults, type ColdLogin } from './suites/header-sync.ts';
import { baselineResults, imapBaseline, type BaselineSample } from './suites/imap-baseline.ts';
import { openMessages, openResults } from './suites/open-message.ts';
import { idleBaseline, pushLatency, pushResults, sseLatency } from './suites/push-latency.ts';
import { apiListing, apiListingResults, type ApiListingSample } from './suites/api-listing.ts';
import { resync, resyncResults } from './suites/resync.ts';
import { scrollResults, scrollSweep, type ScrollSample } from './suites/scroll.ts';

const WARM_RELOADS_PER_LOGIN = 2;

/** Runs every selected per-size suite against one Dovecot + Petrel pair; records failures and goes on. */
export async function runSize(size: number, o: BenchOptions, web: WebBuild, errors: string[]): Promise<Result[]> {
  const resources = new Resources();
  const results: Result[] = [];
  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      const message = `${what} (${size.toLocaleString('en-US')}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      console.error(`bench: ${message}`);
      errors.push(message);
      return undefined;
    }
  };
  const log = (line: string) => console.log(`[${size}] ${line}`);
  try {
    const mail = await benchMailServer(size);
    resources.defer('Dovecot', () => mail.stop());
    const petrel = await startPetrel(mail, web.dir);
    resources.defer('Petrel server', () => petrel.stop());

    const who = { serverPid: petrel.pid, imapPort: mail.port, dovecotRoot: mail.root };
    let baselineRate: number | null = null;
    if (wants(o, 'imap-baseline', 'header-sync')) {
      const samples: BaselineSample[] = [];
      for (let i = 0; i < o.runs; i++) {
        const sample = await attempt('imap-baseline', () => imapBaseline(mail));
        if (sample) samples.push(sample);
      }
      results.push(...baselineResults(size, samples));
      if (samples.length > 0) baselineRate = summarize(samples.map((s) => (s.messages / s.headersMs) * 1000)).median;
      log(`imap-baseline done (${baselineRate?.toFixed(0)} msg/s)`);
    }
    if (wants(o, 'header-sync')) {
      const samples: ApiListingSample[] = [];
      for (let i = 0; i < o.runs; i++) {
        const sample = await attempt('header-sync API listing', () => apiListing(petrel.url, BENCH_USER));
        if (sample) samples.push(sample);
      }
      results.push(...apiListingResults(size, samples));
      log('API listing done');
    }
    let idle: number[] = [];
    let sse: number[] = [];
    const sseMisses = { count: 0 };
    if (wants(o, 'push')) {
      const n = Math.min(20, o.pushMessages);
      idle = (await attempt('push IDLE baseline', () => idleBaseline(mail, BENCH_USER, n))) ?? [];
      sse = (await attempt('push SSE share', () => sseLatency(petrel.url, mail, BENCH_USER, n, sseMisses))) ?? [];
    }

    const browserSuites = wants(o, 'header-sync', 'first-rows', 'push', 'actions', 'open-message', 'scroll');
    if (browserSuites) {
      const cold: ColdLogin[] = [];
      const rows: FirstRowsSamples = { cold: [], warm: [], offline: [], offlineSkipped: web.hasServiceWorker ? null : 'n/a (no service worker: apps/web/dist/sw.js does not exist)' };
      const logins = wants(o, 'header-sync', 'first-rows') ? o.runs : 1;
      let browser: BenchBrowser | null = null;
      for (let run = 0; run < logins; run++) {
        const b = await openBrowser(petrel.url);
        resources.defer('Chromium', () => b.close());
        const login = await attempt('header-sync login', () => coldLogin(b, BENCH_USER, size, who));
        if (login) {
          cold.push(login);
          rows.cold.push(login.firstRows);
          log(`login ${run + 1}: first rows ${login.firstRows.ms.toFixed(0)} ms, all headers ${login.syncMs.toFixed(0)} ms`);
          if (wants(o, 'first-rows')) await measureReloads(b, rows, attempt);
        }
        if (run === logins - 1 && login) browser = b;
        else await b.close();
      }
      if (wants(o, 'header-sync')) results.push(...headerSyncResults(size, cold, baselineRate));
      if (wants(o, 'first-rows')) results.push(...firstRowsResults(size, rows));
      if (browser !== null) {
        const b = browser;
        if (wants(o, 'push')) {
          const push = await attempt('push', () => pushLatency(b, mail, BENCH_USER, o.pushMessages));
          results.push(...pushResults(size, push ?? [], idle, sse, sseMisses.count));
          log('push done');
        }
        if (wants(o, 'actions')) {
          const toggles = await attempt('actions', () => flagToggles(b, o.flagToggles));
          const replay = await attempt('actions replay', () => replayAfterReconnect(b, mail, BENCH_USER));
          results.push(...actionResults(size, toggles ?? [], replay ?? null));
          log('actions done');
        }
        if (wants(o, 'open-message')) {
          const opened = await attempt('open-message', () => openMessages(b, mail, BENCH_USER, o.newsletters));
          results.push(...openResults(size, opened ?? { uncached: [], prefetched: [], cached: [], stored: [] }));
          log('open-message done');
        }
        if (wants(o, 'scroll')) {
          const sweeps: ScrollSample[] = [];
          for (let i = 0; i < o.runs; i++) {
            const sweep = await attempt('scroll', () => scrollSweep(b));
            if (sweep) sweeps.push(sweep);
          }
          results.push(...scrollResults(size, sweeps));
          log('scroll done');
        }
        await b.close();
      } else {
        for (const suite of ['push', 'actions', 'open-message', 'scroll'] as const) {
          if (wants(o, suite)) results.push(unmeasured({ suite, metric: 'all', size, unit: '', target: null }, 'failed', 'no browser signed in (see errors)'));
        }
      }
    }

    if (wants(o, 'resync')) {
      const samples = await attempt('resync', () => resync(petrel.url, mail, BENCH_USER, o.runs));
      if (samples) results.push(...resyncResults(size, samples));
      else results.push(unmeasured({ suite: 'resync', metric: 'all', size, unit: '', target: null }, 'failed', 'see errors'));
      log('resync done');
    }
  } finally {
    await resources.closeAll();
  }
  return results;
}

async function measureReloads(
  b: BenchBrowser,
  rows: FirstRowsSamples,
  attempt: <T>(what: string, work: () => Promise<T>) => Promise<T | undefined>,
): Promise<void> {
  for (let i = 0; i < WARM_RELOADS_PER_LOGIN; i++) {
    const warm: FirstRows | undefined = await attempt('first-rows warm reload', () => warmReload(b));
    if (warm) rows.warm.push(warm);
  }
  if (rows.offlineSkipped === null) {
    const offline = await attempt('first-rows offline reload', () => offlineReload(b));
    if (offline) rows.offline.push(offline);
  }
}
