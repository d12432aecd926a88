/** Latency statistics, computed exactly as the peer harness does so the two can be compared. */

export interface LatencySummary {
  iterations: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
  min_ms: number;
  max_ms: number;
}

/**
 * Nearest-rank percentile of an ascending list: the smallest sample such that at least p% of the
 * samples are at or below it. No interpolation, so a reported p50 is a latency that really happened.
 */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) throw new Error('percentile of an empty list');
  if (p < 0 || p > 100) throw new Error(`percentile ${p} is outside 0..100`);
  const rank = Math.ceil((p / 100) * sortedAscending.length) - 1;
  const index = Math.min(sortedAscending.length - 1, Math.max(0, rank));
  return sortedAscending[index] as number;
}

export function summarizeLatencies(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    iterations: sorted.length,
    p50_ms: round3(percentile(sorted, 50)),
    p95_ms: round3(percentile(sorted, 95)),
    p99_ms: round3(percentile(sorted, 99)),
    mean_ms: round3(total / sorted.length),
    min_ms: round3(sorted[0] as number),
    max_ms: round3(sorted[sorted.length - 1] as number),
  };
}

/** Median of the numbers present; null when there are none. Used to fold several peer runs into one. */
export function median(values: ReadonlyArray<number | null | undefined>): number | null {
  const numbers = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  if (numbers.length === 0) return null;
  numbers.sort((a, b) => a - b);
  const middle = numbers.length >> 1;
  return numbers.length % 2 ? (numbers[middle] as number) : ((numbers[middle - 1] as number) + (numbers[middle] as number)) / 2;
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;
export const round3 = (value: number): number => Math.round(value * 1000) / 1000;
