import { describe, expect, it } from 'vitest';
import { budgetTable, budgetVerdicts } from './budgets.js';
import { comparisonTable, ratioText } from './report.js';
import type { RunSummary } from './results.js';

function summary(product: RunSummary['product'], n: number, overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    product,
    n,
    db: 'memory',
    config: '-',
    runIds: [`${product}-run`],
    startup: { firstAnswerMs: 300, catalog200Ms: 400 },
    ingest: { firstVisibleS: 1, allVisibleS: 20, fullyProcessedS: 21, entitiesPerS: 2381, serverCpuS: 30, otherCpuS: 0.5, rssAfterMb: 250, resolutionS: 0.5, longestPollS: 0.2, complete: true },
    peakRssMb: 310,
    queries: {
      'by-name': { p50: 0.4, p95: 0.9, p99: 1.2, iterations: 200, cpuMs: 1, correct: true },
      'by-query-filter': { p50: 3, p95: 6, p99: 8, iterations: 200, cpuMs: 1, correct: true },
      'facets-spec.type': { p50: 12, p95: 15, p99: 20, iterations: 200, cpuMs: 1, correct: true },
    },
    loads: {
      'by-query-filter': { reqPerS: 1500, p99Ms: 20, failures: 0 },
      'by-name': { reqPerS: 4000, p99Ms: 8, failures: 0 },
    },
    ...overrides,
  };
}

describe('ratioText', () => {
  it('says how many times better or worse Portico is, in the metric\'s words', () => {
    expect(ratioText(21, 1124.6, 'lower', ['faster', 'slower'])).toBe('54x faster');
    expect(ratioText(3, 2, 'lower', ['faster', 'slower'])).toBe('1.5x slower');
    expect(ratioText(1500, 3, 'higher', ['more', 'fewer'])).toBe('500x more');
    expect(ratioText(310, 2083, 'lower', ['less', 'more'])).toBe('6.7x less');
    expect(ratioText(100, 102, 'lower', ['faster', 'slower'])).toBe('same');
    expect(ratioText(null, 3, 'lower', ['faster', 'slower'])).toBe('-');
    expect(ratioText(0, 3, 'lower', ['faster', 'slower'])).toBe('-');
  });
});

describe('comparisonTable', () => {
  it('puts both products side by side with ratios, and Portico-only rows with a dash', () => {
    const portico = summary('Portico', 50_000, {
      queries: { ...summary('Portico', 50_000).queries, 'by-refs-100': { p50: 2, p95: 3, p99: 4, iterations: 200, cpuMs: 1, correct: true } },
    });
    const backstage = summary('Backstage', 50_000, {
      ingest: { ...summary('Backstage', 50_000).ingest, fullyProcessedS: 1124.6 },
      loads: { 'by-query-filter': { reqPerS: 3, p99Ms: 9497, failures: 2 } },
    });
    const table = comparisonTable(portico, backstage);
    expect(table).toContain('| ingest: fully processed (s) | 21.0 | 1,124.6 | 54x faster |');
    expect(table).toContain('| query by-refs-100 p50 (ms) | 2.00 | - | - |');
    expect(table).toContain('| query by-name server CPU/request (ms) | 1.0 | 1.0 | same |');
    expect(table).toContain('| ingest: time resolution, last poll cycle (s) | 0.5 | 0.5 |  |');
    expect(table).toContain('| load by-query-filter: req/s | 1,500 | 3 | 500x more |');
    expect(table).toContain('| load by-query-filter: errors + non-2xx | 0 | 2 |  |');
    expect(table).toContain('| all answers right, fully processed | yes | yes | |');
  });

  it('names the wrong answers', () => {
    const portico = summary('Portico', 1000, {
      queries: { 'by-name': { p50: 0.4, p95: 0.9, p99: 1.2, iterations: 200, cpuMs: 1, correct: false } },
      ingest: { ...summary('Portico', 1000).ingest, complete: false },
    });
    expect(comparisonTable(portico, null)).toContain('| all answers right, fully processed | NO (ingestion checks, by-name) | - | |');
  });
});

describe('budgetVerdicts', () => {
  it('judges each budget and notes the size it is set at', () => {
    const verdicts = budgetVerdicts(summary('Portico', 50_000), summary('Backstage', 50_000, {
      ingest: { ...summary('Backstage', 50_000).ingest, fullyProcessedS: 1124.6 },
    }), 10);
    const byName = Object.fromEntries(verdicts.map((verdict) => [verdict.budget, verdict]));
    expect(byName['ingest, fully processed']).toMatchObject({ verdict: 'PASS', measured: '21.0 s', note: 'budget is set at N=100,000' });
    expect(byName['by-name p50']).toMatchObject({ verdict: 'PASS', measured: '0.40 ms', note: '' });
    expect(byName['ingest vs Backstage on the same files']).toMatchObject({ verdict: 'PASS', measured: '54x faster', note: '' });
    expect(byName['load by-query-filter, 10 connections']).toMatchObject({ verdict: 'PASS', measured: '1,500 req/s, 0 errors' });
    expect(byName['server memory, peak RSS']).toMatchObject({ verdict: 'PASS', measured: '310 MB' });
  });

  it('fails what misses, and says "not measured" without peer numbers', () => {
    const slow = summary('Portico', 100_000, {
      ingest: { ...summary('Portico', 100_000).ingest, fullyProcessedS: 75 },
      peakRssMb: 420,
      queries: { 'by-name': { p50: 1.3, p95: 2, p99: 3, iterations: 200, cpuMs: 1, correct: true }, 'facets-kind+spec.type+spec.lifecycle': { p50: 61, p95: 70, p99: 80, iterations: 200, cpuMs: 1, correct: true } },
      loads: { 'by-name': { reqPerS: 2000, p99Ms: 9, failures: 3 } },
    });
    const byName = Object.fromEntries(budgetVerdicts(slow, null, 20).map((verdict) => [verdict.budget, verdict]));
    expect(byName['ingest, fully processed']).toMatchObject({ verdict: 'FAIL', note: '' });
    expect(byName['by-name p50']?.verdict).toBe('FAIL');
    expect(byName['facets p50 (worst facets row)']).toMatchObject({ verdict: 'FAIL', measured: '61.00 ms' });
    expect(byName['server memory, peak RSS']?.verdict).toBe('FAIL');
    expect(byName['ingest vs Backstage on the same files']?.verdict).toBe('not measured');
    expect(byName['filtered page of 50 (by-query-filter) p50']?.verdict).toBe('not measured');
    expect(byName['load by-name, 10 connections']).toMatchObject({ verdict: 'FAIL', note: 'budget is set at N=50,000; this run used 20 connections' });
    expect(budgetTable(budgetVerdicts(slow, null, 10))).toContain('| by-name p50 | < 1 ms | 1.30 ms | FAIL |  |');
  });
});
