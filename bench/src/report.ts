import type { RunSummary } from './results.js';

type Better = 'lower' | 'higher';

interface Row {
  metric: string;
  better: Better;
  /** Words for "Portico is better" / "Portico is worse". */
  words: [string, string];
  get(summary: RunSummary): number | null;
  digits: number;
}

const TIME: [string, string] = ['faster', 'slower'];
const AMOUNT: [string, string] = ['less', 'more'];
const THROUGHPUT: [string, string] = ['more', 'fewer'];

function rows(portico: RunSummary, peer: RunSummary | null): Row[] {
  const list: Row[] = [
    { metric: 'startup: first HTTP answer (ms)', better: 'lower', words: TIME, digits: 0, get: (s) => s.startup.firstAnswerMs },
    { metric: 'startup: catalog answers 200 (ms)', better: 'lower', words: TIME, digits: 0, get: (s) => s.startup.catalog200Ms },
    { metric: 'ingest: first entity visible (s)', better: 'lower', words: TIME, digits: 1, get: (s) => s.ingest.firstVisibleS },
    { metric: 'ingest: all N visible (s)', better: 'lower', words: TIME, digits: 1, get: (s) => s.ingest.allVisibleS },
    { metric: 'ingest: fully processed (s)', better: 'lower', words: TIME, digits: 1, get: (s) => s.ingest.fullyProcessedS },
    { metric: 'ingest: time resolution, last poll cycle (s)', better: 'lower', words: TIME, digits: 1, get: (s) => s.ingest.resolutionS },
    { metric: 'ingest: slowest count poll, API unresponsive (s)', better: 'lower', words: TIME, digits: 1, get: (s) => s.ingest.longestPollS },
    { metric: 'ingest: entities/s until fully processed', better: 'higher', words: THROUGHPUT, digits: 0, get: (s) => s.ingest.entitiesPerS },
    { metric: 'ingest: server CPU (s)', better: 'lower', words: AMOUNT, digits: 1, get: (s) => s.ingest.serverCpuS },
    { metric: 'memory: RSS after ingest (MB)', better: 'lower', words: AMOUNT, digits: 0, get: (s) => s.ingest.rssAfterMb },
    { metric: 'memory: peak RSS, VmHWM (MB)', better: 'lower', words: AMOUNT, digits: 0, get: (s) => s.peakRssMb },
  ];
  const queryNames = [...new Set([...Object.keys(portico.queries), ...Object.keys(peer?.queries ?? {})])];
  for (const name of queryNames) {
    for (const p of ['p50', 'p95'] as const) {
      list.push({ metric: `query ${name} ${p} (ms)`, better: 'lower', words: TIME, digits: 2, get: (s) => s.queries[name]?.[p] ?? null });
    }
    list.push({ metric: `query ${name} server CPU/request (ms)`, better: 'lower', words: AMOUNT, digits: 1, get: (s) => s.queries[name]?.cpuMs ?? null });
  }
  const loadNames = [...new Set([...Object.keys(portico.loads), ...Object.keys(peer?.loads ?? {})])];
  for (const name of loadNames) {
    list.push({ metric: `load ${name}: req/s`, better: 'higher', words: THROUGHPUT, digits: 0, get: (s) => s.loads[name]?.reqPerS ?? null });
    list.push({ metric: `load ${name}: p99 (ms)`, better: 'lower', words: TIME, digits: 0, get: (s) => s.loads[name]?.p99Ms ?? null });
    list.push({ metric: `load ${name}: errors + non-2xx`, better: 'lower', words: AMOUNT, digits: 0, get: (s) => s.loads[name]?.failures ?? null });
  }
  return list;
}

export function formatNumber(value: number | null, digits: number): string {
  if (value === null) return '-';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "20x faster", "1.5x slower", "same"; '-' when either side is missing or zero. */
export function ratioText(portico: number | null, peer: number | null, better: Better, words: [string, string]): string {
  if (portico === null || peer === null || portico <= 0 || peer <= 0) return '-';
  const factor = better === 'lower' ? peer / portico : portico / peer;
  if (Math.abs(factor - 1) < 0.05) return 'same';
  const [good, bad] = words;
  const shown = factor >= 1 ? factor : 1 / factor;
  const text = shown >= 10 ? Math.round(shown).toLocaleString('en-US') : shown.toFixed(1);
  return `${text}x ${factor >= 1 ? good : bad}`;
}

export function comparisonTable(portico: RunSummary, peer: RunSummary | null): string {
  const lines = ['| metric | Portico | Backstage | Portico vs Backstage |', '|---|---:|---:|---|'];
  for (const row of rows(portico, peer)) {
    const mine = row.get(portico);
    const theirs = peer ? row.get(peer) : null;
    if (mine === null && theirs === null) continue;
    // Counts of errors and the poll resolution are facts to read, not something to be faster at.
    const ratio = /errors|resolution/.test(row.metric) ? '' : ratioText(mine, theirs, row.better, row.words);
    lines.push(`| ${row.metric} | ${formatNumber(mine, row.digits)} | ${formatNumber(theirs, row.digits)} | ${ratio} |`);
  }
  lines.push(`| all answers right, fully processed | ${correctness(portico)} | ${peer ? correctness(peer) : '-'} | |`);
  return lines.join('\n');
}

function correctness(summary: RunSummary): string {
  const wrong = Object.entries(summary.queries)
    .filter(([, query]) => !query.correct)
    .map(([name]) => name);
  if (!summary.ingest.complete) wrong.unshift('ingestion checks');
  return wrong.length ? `NO (${wrong.join(', ')})` : 'yes';
}
