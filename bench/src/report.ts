import type { MachineInfo } from './machine.ts';
import { summarize, type Summary } from './stats.ts';

/** A number to beat; `basis` says which statistic of the runs is compared with it. */
export interface Target {
  text: string;
  limit: number;
  better: 'lower' | 'higher';
  basis: 'median' | 'p95';
}

export type Verdict = 'met' | 'missed' | 'no target' | 'n/a' | 'pending' | 'failed';

export interface Result {
  suite: string;
  metric: string;
  /** Messages in the benchmarked INBOX, when it matters. */
  size: number | null;
  unit: string;
  /** null when nothing could be measured (see verdict and note). */
  summary: Summary | null;
  target: Target | null;
  verdict: Verdict;
  /** The same-run baseline or other context, in words. */
  baseline?: string;
  note?: string;
  /** A peer's row (suite = the peer's name): the Petrel row of the same INBOX size it is compared with. */
  versus?: { suite: string; metric: string };
}

export interface Report {
  date: string;
  smoke: boolean;
  options: { sizes: number[]; runs: number; only: string[] | null; peer: string | null };
  machine: MachineInfo;
  /** 1, 5 and 15-minute load averages when the run started and ended (other work shares the machine). */
  load: { start: number[]; end: number[] };
  webBuild: { builtAt: string; hasServiceWorker: boolean } | null;
  durationSeconds: number;
  results: Result[];
  errors: string[];
}

type Measured = Omit<Result, 'summary' | 'verdict'>;

/** A result from samples, judged against its target. */
export function measured(base: Measured, samples: readonly number[]): Result {
  if (samples.length === 0) return { ...base, summary: null, verdict: 'failed', note: base.note ?? 'no sample completed' };
  const summary = summarize(samples);
  let verdict: Verdict = 'no target';
  if (base.target) {
    const value = summary[base.target.basis];
    verdict = (base.target.better === 'lower' ? value <= base.target.limit : value >= base.target.limit) ? 'met' : 'missed';
  }
  return { ...base, summary, verdict };
}

/** A row without numbers: not applicable, pending work, or a failure, with the reason. */
export function unmeasured(base: Omit<Measured, 'note'>, verdict: 'n/a' | 'pending' | 'failed', note: string): Result {
  return { ...base, summary: null, verdict, note };
}

export const atMost = (limit: number, unit: string, basis: 'median' | 'p95' = 'median'): Target => ({
  text: `≤ ${limit.toLocaleString('en-US')} ${unit}${basis === 'p95' ? ' (p95)' : ''}`,
  limit,
  better: 'lower',
  basis,
});

export const atLeast = (limit: number, unit: string, text?: string): Target => ({
  text: text ?? `≥ ${Math.round(limit).toLocaleString('en-US')} ${unit}`,
  limit,
  better: 'higher',
  basis: 'median',
});

const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

/** The committed, human-readable table (bench/REPORT.md). */
export function renderMarkdown(report: Report, notes: string): string {
  const m = report.machine;
  const row = (r: Result) => {
    const s = r.summary;
    const cells = s ? [fmt(s.median), fmt(s.p95), String(s.runs)] : ['—', '—', '0'];
    const context = [r.baseline, r.note].filter(Boolean).join('; ');
    return `| ${r.suite} | ${r.metric} | ${r.size === null ? '—' : r.size.toLocaleString('en-US')} | ${cells.join(' | ')} | ${r.unit} | ${r.target?.text ?? ''} | ${r.verdict} | ${context} |`;
  };
  return [
    '# Petrel benchmarks',
    '',
    `Taken ${report.date}${report.smoke ? ' (smoke run: tiny sizes, not representative)' : ''} with \`pnpm bench\` ` +
      `(sizes ${report.options.sizes.join(', ')}; ${report.options.runs} runs; ${Math.round(report.durationSeconds)} s).`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; ${m.dovecot.startsWith('2') ? `Dovecot ${m.dovecot}` : m.dovecot}; ${m.chromium}.`,
    `Load average (1/5/15 min) at start ${load(report.load.start)}, at end ${load(report.load.end)}: ` +
      'the machine was shared with other work, so read the numbers as upper bounds.',
    report.webBuild ? `Web app build of ${report.webBuild.builtAt}${report.webBuild.hasServiceWorker ? ' (with service worker)' : ' (no service worker yet)'}.` : '',
    '',
    'Median and p95 are nearest-rank over the samples in "n"; "verdict" compares the statistic named in the target.',
    '',
    '| suite | metric | INBOX | median | p95 | n | unit | target | verdict | baseline / note |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |',
    ...report.results.map(row),
    '',
    ...renderPeerComparison(report.results),
    ...(report.errors.length > 0 ? ['## Errors during the run', '', ...report.errors.map((e) => `- ${e}`), ''] : []),
    notes,
    '',
  ].join('\n');
}

const titleCase = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * "Petrel ÷ peer" per compared metric, from medians of the same run: below 1 Petrel is faster.
 * Empty when no peer was measured.
 */
export function renderPeerComparison(results: readonly Result[]): string[] {
  const compared = results.filter((r) => r.versus !== undefined);
  if (compared.length === 0) return [];
  const lines: string[] = [];
  for (const peer of [...new Set(compared.map((r) => r.suite))]) {
    const name = titleCase(peer);
    lines.push(
      `## Petrel ÷ ${name} (same run, same Dovecot mailbox)`,
      '',
      `Medians; a ratio below 1 means Petrel is faster. Method of the ${name} rows: see "How each number is taken".`,
      '',
      `| metric | INBOX | Petrel | ${name} | Petrel ÷ ${name} |`,
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const r of compared.filter((x) => x.suite === peer)) {
      const petrel = results.find((x) => x.suite === r.versus!.suite && x.metric === r.versus!.metric && x.size === r.size);
      const ours = petrel?.summary?.median;
      const theirs = r.summary?.median;
      const cell = (n: number | undefined) => (n === undefined ? '—' : `${fmt(n)} ${r.unit}`);
      const ratio = ours !== undefined && theirs !== undefined && theirs > 0 ? (ours / theirs).toFixed(2) : '—';
      const size = r.size === null ? '—' : r.size.toLocaleString('en-US');
      lines.push(`| ${r.versus!.suite}: ${r.versus!.metric} | ${size} | ${cell(ours)} | ${cell(theirs)} | ${ratio} |`);
    }
    lines.push('');
  }
  return lines;
}
