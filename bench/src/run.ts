// `pnpm bench`: runs the benchmark suites against private Dovecot instances and a Petrel
// server on loopback, and writes bench/results/latest.json and bench/REPORT.md (smoke runs:
// bench/results/smoke.json only). See `pnpm bench --help` and src/options.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, loadAverage } from './machine.ts';
import { methodNotes } from './notes.ts';
import { parseOptions, wants } from './options.ts';
import { ensureRoundcube, type RoundcubeInstall } from './peers/roundcube-install.ts';
import { runRoundcube } from './peers/roundcube-run.ts';
import { REPO_ROOT, snapshotWebBuild, type WebBuild } from './petrel-server.ts';
import { renderMarkdown, unmeasured, type Report, type Result } from './report.ts';
import { closeEverything } from './resources.ts';
import { runSize } from './size-run.ts';
import { capacityResults, serverCapacity } from './suites/server-capacity.ts';

const options = parseOptions(process.argv.slice(2));
if (options.renderOnly) {
  // Re-renders REPORT.md from the last full run, e.g. after the notes changed.
  const file = join(REPO_ROOT, 'bench', 'results', 'latest.json');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Report;
  writeFileSync(join(REPO_ROOT, 'bench', 'REPORT.md'), renderMarkdown(saved, methodNotes(saved)));
  console.log(`bench: REPORT.md rendered from ${file}`);
  process.exit(0);
}
const started = Date.now();
const loadAtStart = loadAverage();
const results: Result[] = [];
const errors: string[] = [];

if (options.build) {
  execFileSync('npx', ['-y', 'pnpm@12.4.2', '--filter', '@petrel/web', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
const needsWeb = wants(options, 'header-sync', 'first-rows', 'push', 'actions', 'open-message', 'scroll', 'server-capacity');
let web: WebBuild | null = null;
const interrupted = () => {
  console.error('bench: interrupted, stopping what it started');
  void closeEverything().finally(() => {
    web?.remove();
    process.exit(130);
  });
};
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);

// Installed (or refused) before anything is measured, so a missing peer fails in seconds.
let roundcube: RoundcubeInstall | null = null;
if (options.peer === 'roundcube') {
  try {
    roundcube = ensureRoundcube();
    console.log(`bench: peer Roundcube ${roundcube.version}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bench: ${message}`);
    errors.push(`roundcube: ${message}`);
    results.push(unmeasured({ suite: 'roundcube', metric: 'all', size: null, unit: '', target: null }, 'failed', 'not installed (see errors)'));
  }
}

try {
  web = snapshotWebBuild();
  const perSize = wants(options, 'imap-baseline', 'header-sync', 'first-rows', 'push', 'actions', 'open-message', 'scroll', 'resync');
  for (const size of perSize ? options.sizes : []) {
    console.log(`bench: INBOX of ${size.toLocaleString('en-US')} messages`);
    results.push(...(await runSize(size, options, web, errors)));
    if (roundcube !== null) {
      console.log(`bench: Roundcube, INBOX of ${size.toLocaleString('en-US')} messages`);
      results.push(...(await runRoundcube(roundcube, size, options, errors)));
    }
  }
  if (wants(options, 'server-capacity')) {
    console.log('bench: server capacity');
    try {
      const capacity = { ...options.capacity, webDist: web.dir, serverEnv: {} };
      results.push(...capacityResults(await serverCapacity(capacity), capacity));
    } catch (error) {
      const message = `server-capacity: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      console.error(`bench: ${message}`);
      errors.push(message);
      results.push(unmeasured({ suite: 'server-capacity', metric: 'all', size: null, unit: '', target: null }, 'failed', 'see errors'));
    }
  }
} finally {
  web?.remove();
}

const report: Report = {
  date: new Date().toISOString(),
  smoke: options.smoke,
  options: { sizes: options.sizes, runs: options.runs, only: options.only, peer: options.peer },
  machine: describeMachine(),
  load: { start: loadAtStart, end: loadAverage() },
  webBuild: web && needsWeb ? { builtAt: web.builtAt, hasServiceWorker: web.hasServiceWorker } : null,
  durationSeconds: (Date.now() - started) / 1000,
  results,
  errors,
};
const out = join(REPO_ROOT, 'bench');
mkdirSync(join(out, 'results'), { recursive: true });
const markdown = renderMarkdown(report, methodNotes(report));
// Only a full run replaces the committed report; smoke and --only runs write beside it.
const full = !options.smoke && options.only === null;
const name = options.smoke ? 'smoke.json' : full ? 'latest.json' : 'partial.json';
writeFileSync(join(out, 'results', name), JSON.stringify(report, null, 2) + '\n');
if (full) writeFileSync(join(out, 'REPORT.md'), markdown);
console.log(markdown);
process.exit(errors.length > 0 && options.smoke ? 1 : 0);
