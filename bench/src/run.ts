// `pnpm bench`: runs the benchmark suites against private Dovecot instances on loopback and
// writes bench/results/latest.json and bench/REPORT.md. Options:
//   --sizes 10000,100000   INBOX sizes (default both)
//   --runs 5               repetitions per measurement (median and p95 are reported)
//   --smoke                tiny sizes and one run: checks the scripts still work
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './machine.ts';
import { benchMailServer } from './mail-fixture.ts';
import { renderMarkdown, type Report, type Result } from './report.ts';
import { summarize } from './stats.ts';
import { imapBaseline } from './suites/imap-baseline.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    runs: { type: 'string', default: '5' },
    smoke: { type: 'boolean', default: false },
  },
});
const smoke = values.smoke ?? false;
const sizes = smoke ? [500] : values.sizes!.split(',').map(Number);
const runs = smoke ? 1 : Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(runs) || runs <= 0) {
  console.error('bench: --sizes takes positive integers separated by commas, --runs a positive integer');
  process.exit(2);
}

const results: Result[] = [];
for (const size of sizes) {
  const server = await benchMailServer(size);
  try {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await imapBaseline(server));
    results.push(
      {
        suite: 'imap-baseline',
        metric: 'bare imapflow: UID FLAGS INTERNALDATE ENVELOPE RFC822.SIZE',
        size,
        unit: 'msg/s',
        summary: summarize(samples.map((s) => (s.messages / s.headersMs) * 1000)),
        target: 'protocol bound (~12,000 msg/s measured here before)',
      },
      {
        suite: 'imap-baseline',
        metric: 'bare imapflow: UID FLAGS pass',
        size,
        unit: 'ms',
        summary: summarize(samples.map((s) => s.flagsMs)),
        target: null,
      },
    );
    console.log(`imap-baseline ${size}: done`);
  } finally {
    await server.stop();
  }
}

const report: Report = { date: new Date().toISOString(), smoke, machine: describeMachine(), results };
const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '..');
mkdirSync(join(out, 'results'), { recursive: true });
writeFileSync(join(out, 'results', smoke ? 'smoke.json' : 'latest.json'), JSON.stringify(report, null, 2) + '\n');
if (!smoke) writeFileSync(join(out, 'REPORT.md'), renderMarkdown(report));
console.log(renderMarkdown(report));
