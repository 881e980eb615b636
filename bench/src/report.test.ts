import { describe, expect, it } from 'vitest';
import { atLeast, atMost, measured, unmeasured } from './report.ts';

const base = { suite: 's', metric: 'm', size: 10, unit: 'ms' };

describe('measured', () => {
  it('judges the statistic the target names', () => {
    expect(measured({ ...base, target: atMost(100, 'ms') }, [50, 60, 500]).verdict).toBe('met');
    expect(measured({ ...base, target: atMost(100, 'ms', 'p95') }, [50, 60, 500]).verdict).toBe('missed');
    expect(measured({ ...base, target: atLeast(10, 'msg/s') }, [9, 9, 20]).verdict).toBe('missed');
    expect(measured({ ...base, target: null }, [1]).verdict).toBe('no target');
  });
  it('reports a failure, not a number, without samples', () => {
    const r = measured({ ...base, target: atMost(1, 'ms') }, []);
    expect(r).toMatchObject({ summary: null, verdict: 'failed' });
    expect(unmeasured({ ...base, target: null }, 'pending', 'later')).toMatchObject({ summary: null, verdict: 'pending', note: 'later' });
  });
});
