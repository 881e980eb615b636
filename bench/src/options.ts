import { parseArgs } from 'node:util';

export const SUITES = ['imap-baseline', 'header-sync', 'first-rows', 'push', 'actions', 'open-message', 'scroll', 'resync', 'server-capacity'] as const;
export type SuiteName = (typeof SUITES)[number];
/** Other webmails measured beside Petrel in the same run (`--peer`). */
export const PEERS = ['roundcube'] as const;
export type PeerName = (typeof PEERS)[number];

export interface BenchOptions {
  sizes: number[];
  runs: number;
  smoke: boolean;
  only: SuiteName[] | null;
  peer: PeerName | null;
  build: boolean;
  /** Only re-render REPORT.md from results/latest.json. */
  renderOnly: boolean;
  /** Per-size sample counts (the runs option covers the per-login measurements). */
  pushMessages: number;
  flagToggles: number;
  newsletters: number;
  capacity: { levels: number[]; activeUsers: number; messagesEach: number; requestsPerUser: number };
}

const USAGE = `Usage: pnpm bench [options]
  --sizes 10000,100000   INBOX sizes (default both)
  --runs 3               logins / repetitions per measurement (median and p95 are reported)
  --smoke                tiny sizes, one run, every suite quickly (CI-sized)
  --only a,b             only these suites: ${SUITES.join(', ')}
  --peer roundcube       also measure Debian's Roundcube 1.6 (nginx + php-fpm, installed with apt-get
                         when missing) on the same mailboxes: first-rows and open-message
  --build                build apps/web first (default: use apps/web/dist as it is)
  --render-only          re-render REPORT.md from results/latest.json`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      runs: { type: 'string', default: '3' },
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      peer: { type: 'string' },
      build: { type: 'boolean', default: false },
      'render-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const fail = (message: string): never => {
    console.error(`bench: ${message}\n${USAGE}`);
    process.exit(2);
  };
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const smoke = values.smoke ?? false;
  const sizes = smoke ? [500] : values.sizes!.split(',').map(Number);
  const runs = smoke ? 1 : Number(values.runs);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) fail('--sizes takes positive integers separated by commas');
  if (!Number.isInteger(runs) || runs <= 0 || runs > 50) fail('--runs takes an integer from 1 to 50');
  let only: SuiteName[] | null = null;
  if (values.only !== undefined) {
    const names = values.only.split(',').map((s) => s.trim());
    const unknown = names.filter((n) => !(SUITES as readonly string[]).includes(n));
    if (unknown.length > 0) fail(`unknown suite(s): ${unknown.join(', ')}`);
    only = names as SuiteName[];
  }
  const peer = values.peer ?? null;
  if (peer !== null && !(PEERS as readonly string[]).includes(peer)) fail(`unknown peer: ${peer} (known: ${PEERS.join(', ')})`);
  return {
    sizes,
    runs,
    smoke,
    only,
    peer: peer as PeerName | null,
    build: values.build ?? false,
    renderOnly: values['render-only'] ?? false,
    pushMessages: smoke ? 5 : 50,
    flagToggles: smoke ? 4 : 20,
    newsletters: smoke ? 2 : Math.max(5, runs),
    capacity: smoke
      ? { levels: [10, 20], activeUsers: 10, messagesEach: 20, requestsPerUser: 3 }
      : { levels: [100, 500], activeUsers: 100, messagesEach: 200, requestsPerUser: 10 },
  };
}

export function wants(options: BenchOptions, ...suites: SuiteName[]): boolean {
  return options.only === null || suites.some((s) => options.only!.includes(s));
}
