import type { MachineInfo } from './machine.ts';
import type { Summary } from './stats.ts';

export interface Result {
  suite: string;
  metric: string;
  /** Messages in the benchmarked INBOX, when it matters. */
  size: number | null;
  unit: string;
  summary: Summary;
  /** The number to beat, in words, e.g. "≤ 300 ms" or "bare imapflow: 12,000 msg/s". */
  target: string | null;
}

export interface Report {
  date: string;
  smoke: boolean;
  machine: MachineInfo;
  results: Result[];
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

/** The committed, human-readable table (bench/REPORT.md). */
export function renderMarkdown(report: Report): string {
  const m = report.machine;
  const lines = [
    '# Petrel benchmarks',
    '',
    `Taken ${report.date}${report.smoke ? ' (smoke run: tiny sizes, not representative)' : ''} with \`pnpm bench\`.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; ${m.dovecot.startsWith('2') ? `Dovecot ${m.dovecot}` : m.dovecot}; ${m.chromium}.`,
    '',
    '| suite | metric | INBOX size | median | p95 | runs | unit | target / baseline |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...report.results.map(
      (r) =>
        `| ${r.suite} | ${r.metric} | ${r.size === null ? '—' : r.size.toLocaleString('en-US')} | ${fmt(r.summary.median)} | ${fmt(r.summary.p95)} | ${r.summary.runs} | ${r.unit} | ${r.target ?? ''} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
