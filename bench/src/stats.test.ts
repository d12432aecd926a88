import { describe, expect, it } from 'vitest';
import { median, percentile, summarizeLatencies } from './stats.js';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('takes the nearest rank, never interpolating', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
  });

  it('clamps to the first and last sample', () => {
    expect(percentile([7, 9], 0)).toBe(7);
    expect(percentile([7, 9], 100)).toBe(9);
    expect(percentile([42], 99)).toBe(42);
  });

  it('rejects an empty list and a percentile outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(() => percentile([1], 101)).toThrow(/outside/);
  });
});

describe('summarizeLatencies', () => {
  it('sorts the samples itself and rounds to microseconds', () => {
    const summary = summarizeLatencies([3.00049, 1, 2, 10, 4]);
    expect(summary).toEqual({ iterations: 5, p50_ms: 3, p95_ms: 10, p99_ms: 10, mean_ms: 4, min_ms: 1, max_ms: 10 });
  });

  it('reports a tail that only a few requests hit', () => {
    const samples = [...Array.from({ length: 190 }, () => 1), ...Array.from({ length: 10 }, () => 50)];
    const summary = summarizeLatencies(samples);
    expect(summary.p50_ms).toBe(1);
    expect(summary.p95_ms).toBe(1);
    expect(summary.p99_ms).toBe(50);
  });
});

describe('median', () => {
  it('averages the middle pair of an even count and ignores missing values', () => {
    expect(median([4, null, 1, 3, undefined, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([null, undefined])).toBeNull();
  });
});
