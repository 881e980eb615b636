/** Summary statistics over repeated runs (nearest-rank percentiles). */
export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize() needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return {
    runs: sorted.length,
    median: rank(0.5),
    p95: rank(0.95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}
