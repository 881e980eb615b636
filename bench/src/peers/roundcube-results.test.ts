import { describe, expect, it } from 'vitest';
import { renderPeerComparison } from '../report.ts';
import { firstRowsResults } from '../suites/first-rows.ts';
import { openResults } from '../suites/open-message.ts';
import { PETREL_COUNTERPARTS, roundcubeResults } from './roundcube-results.ts';

const SIZE = 10_000;
const petrelRows = () => [
  ...firstRowsResults(SIZE, {
    cold: [{ ms: 400, rows: 50 }],
    warm: [{ ms: 100, rows: 50 }],
    offline: [],
    offlineSkipped: 'n/a',
  }),
  ...openResults(SIZE, { uncached: [120], prefetched: [], cached: [10], stored: [60] }),
];

describe('roundcubeResults', () => {
  it('names Petrel rows that the Petrel suites produce', () => {
    const metrics = petrelRows().map((r) => `${r.suite}: ${r.metric}`);
    for (const counterpart of Object.values(PETREL_COUNTERPARTS))
      expect(metrics).toContain(`${counterpart.suite}: ${counterpart.metric}`);
  });

  it('only reports the measurements that were run', () => {
    const rows = roundcubeResults(
      SIZE,
      { login: [900], reload: [], open: [] },
      { login: true },
      '1.6.5',
    );
    expect(rows.map((r) => r.metric)).toEqual([
      'cold: Login click → first 50 rows painted (empty profile)',
    ]);
    expect(rows[0]).toMatchObject({
      suite: 'roundcube',
      verdict: 'no target',
      baseline: 'issue: 0.9 s',
    });
  });
});

describe('renderPeerComparison', () => {
  it('divides Petrel medians by the peer medians of the same size', () => {
    const roundcube = roundcubeResults(
      SIZE,
      { login: [800, 1000, 900], reload: [500, 500], open: [] },
      { login: true, reload: true, open: true },
      '1.6.5',
    );
    const lines = renderPeerComparison([...petrelRows(), ...roundcube]);
    expect(lines[0]).toBe('## Petrel ÷ Roundcube (same run, same Dovecot mailbox)');
    expect(lines).toContain(
      `| first-rows: ${PETREL_COUNTERPARTS.login.metric} | 10,000 | 400 ms | 900 ms | 0.44 |`,
    );
    expect(lines).toContain(
      `| first-rows: ${PETREL_COUNTERPARTS.reload.metric} | 10,000 | 100 ms | 500 ms | 0.20 |`,
    );
    // No Roundcube sample: no ratio rather than a made-up one.
    expect(lines).toContain(
      `| open-message: ${PETREL_COUNTERPARTS.open.metric} | 10,000 | 120 ms | — | — |`,
    );
  });

  it('renders nothing without a peer', () => {
    expect(renderPeerComparison(petrelRows())).toEqual([]);
  });
});
