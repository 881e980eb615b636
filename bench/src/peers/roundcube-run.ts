import { BENCH_USER, benchMailServer } from '../mail-fixture.ts';
import { wants, type BenchOptions } from '../options.ts';
import { unmeasured, type Result } from '../report.ts';
import { Resources } from '../resources.ts';
import { loginToRows, openRoundcubeBrowser, reloadToRows } from './roundcube-browser.ts';
import type { RoundcubeInstall } from './roundcube-install.ts';
import { openNewsletters } from './roundcube-open.ts';
import { roundcubeResults, type RoundcubeSamples } from './roundcube-results.ts';
import { startRoundcube } from './roundcube-server.ts';

/** As for Petrel (size-run.ts): two reloads after each cold login. */
const RELOADS_PER_LOGIN = 2;

/**
 * Roundcube on a fresh working copy of the same cached mailbox Petrel was measured on, with
 * the same sample counts: `runs` cold logins in fresh profiles, 2 reloads after each, and
 * `newsletters` opens. Failures are recorded in `errors` and the run goes on.
 */
export async function runRoundcube(
  install: RoundcubeInstall,
  size: number,
  o: BenchOptions,
  errors: string[],
): Promise<Result[]> {
  const parts = {
    login: wants(o, 'first-rows'),
    reload: wants(o, 'first-rows'),
    open: wants(o, 'open-message'),
  };
  if (!parts.login && !parts.open) {
    return [
      unmeasured(
        { suite: 'roundcube', metric: 'all', size, unit: '', target: null },
        'n/a',
        'compares first-rows and open-message only',
      ),
    ];
  }
  const resources = new Resources();
  const samples: RoundcubeSamples = { login: [], reload: [], open: [] };
  const record = (what: string, error: unknown) => {
    const message = `roundcube ${what} (${size.toLocaleString('en-US')}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    console.error(`bench: ${message}`);
    errors.push(message);
  };
  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      record(what, error);
      return undefined;
    }
  };
  const log = (line: string) => console.log(`[roundcube ${size}] ${line}`);
  try {
    const mail = await benchMailServer(size);
    resources.defer('Dovecot', () => mail.stop());
    const roundcube = await startRoundcube(install, mail);
    resources.defer('Roundcube', () => roundcube.stop());
    const logins = parts.login ? o.runs : 1;
    for (let run = 0; run < logins; run++) {
      const browser = await openRoundcubeBrowser(roundcube.url, size);
      resources.defer('Chromium', () => browser.close());
      const login = await attempt('login', () => loginToRows(browser.page, BENCH_USER));
      if (login !== undefined) {
        log(`login ${run + 1}: first rows ${login.toFixed(0)} ms`);
        if (parts.login) samples.login.push(login);
        for (let i = 0; parts.reload && i < RELOADS_PER_LOGIN; i++) {
          const reload = await attempt('reload', () => reloadToRows(browser.page));
          if (reload !== undefined) samples.reload.push(reload);
        }
        // The newsletters are opened in the last signed-in browser, as for Petrel.
        if (parts.open && run === logins - 1) {
          samples.open =
            (await attempt('open-message', () =>
              openNewsletters(browser.page, mail, BENCH_USER, o.newsletters),
            )) ?? [];
          log(`opened ${samples.open.length} newsletters`);
        }
      }
      await browser.close();
    }
  } catch (error) {
    record('setup', error);
  } finally {
    await resources.closeAll();
  }
  return roundcubeResults(size, samples, parts, install.version);
}
