import { measured, type Result } from '../report.ts';

export interface RoundcubeSamples {
  login: number[];
  reload: number[];
  open: number[];
}

/**
 * The Petrel rows each Roundcube figure is compared with (suites/first-rows.ts and
 * suites/open-message.ts; roundcube-results.test.ts fails if those metric names change).
 */
export const PETREL_COUNTERPARTS = {
  login: {
    suite: 'first-rows',
    metric: 'cold: Sign in click → first 50 rows painted (empty profile)',
  },
  reload: {
    suite: 'first-rows',
    metric: 'warm: reload (cache filled, online) → first 50 rows painted',
  },
  open: { suite: 'open-message', metric: 'click row → 200 KB HTML body shown (uncached)' },
} as const;

type Parts = { [K in keyof RoundcubeSamples]?: boolean };

/** Roundcube's rows of the report; `parts` names the measurements that were run. */
export function roundcubeResults(
  size: number,
  s: RoundcubeSamples,
  parts: Parts,
  version: string,
): Result[] {
  const base = {
    suite: 'roundcube',
    size,
    unit: 'ms',
    target: null,
    note: `Roundcube ${version}, nginx + php-fpm`,
  };
  const issue = (tenK: string, hundredK: string) => `issue: ${size >= 100_000 ? hundredK : tenK}`;
  const results: Result[] = [];
  if (parts.login) {
    results.push(
      measured(
        {
          ...base,
          metric: 'cold: Login click → first 50 rows painted (empty profile)',
          baseline: issue('0.9 s', '1.4 s'),
          versus: PETREL_COUNTERPARTS.login,
        },
        s.login,
      ),
    );
  }
  if (parts.reload) {
    results.push(
      measured(
        {
          ...base,
          metric: 'warm: reload (signed in) → first 50 rows painted',
          baseline: issue('0.5 s', '1.1 s'),
          versus: PETREL_COUNTERPARTS.reload,
        },
        s.reload,
      ),
    );
  }
  if (parts.open) {
    results.push(
      measured(
        {
          ...base,
          metric: 'click newest row → 200 KB HTML body shown (preview frame)',
          baseline: issue('0.4 s', '1.0 s'),
          versus: PETREL_COUNTERPARTS.open,
        },
        s.open,
      ),
    );
  }
  return results;
}
