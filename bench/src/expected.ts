import fs from 'node:fs';
import path from 'node:path';
import { isObject, numberAt, stringAt } from './json.js';

/** One "fully processed" check of the generated catalog: by-query `filter` must reach `expected` totalItems. */
export interface IngestCheck {
  filter: string;
  expected: number;
}

/** The generator's `expected.json`: what a fully ingested and stitched catalog must answer. */
export interface ExpectedCatalog {
  n: number;
  seed: number;
  files: number;
  locationEntities: number;
  byKind: Record<string, number>;
  checks: IngestCheck[];
  queries: {
    /** `kind/namespace/name` of the sample component. */
    byName: string;
    fullTextTerm: string;
    tag: string;
    counts: { serviceComponents: number; javaTagged: number; fullTextComponents: number };
  };
}

export class ExpectedFileError extends Error {}

export function readExpected(catalogDir: string): ExpectedCatalog {
  const file = path.join(catalogDir, 'expected.json');
  return parseExpected(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file);
}

/** Checks every field the benchmark relies on, so a changed generator fails here and not mid-run. */
export function parseExpected(raw: unknown, source: string): ExpectedCatalog {
  const fail = (what: string): never => {
    throw new ExpectedFileError(`${source}: ${what}`);
  };
  const need = (key: string): number => numberAt(raw, key) ?? fail(`${key} must be a number`);
  const needText = (key: string): string => stringAt(raw, key) ?? fail(`${key} must be a string`);
  const byKindRaw = isObject(raw) ? raw.byKind : undefined;
  if (!isObject(byKindRaw)) fail('byKind must be an object of counts');
  const byKind: Record<string, number> = {};
  for (const [kind, count] of Object.entries(byKindRaw as Record<string, unknown>)) {
    byKind[kind] = typeof count === 'number' ? count : fail(`byKind.${kind} must be a number`);
  }
  const checksRaw = isObject(raw) ? raw.checks : undefined;
  if (!Array.isArray(checksRaw) || checksRaw.length === 0) fail('checks must be a non-empty list');
  const checks = (checksRaw as unknown[]).map((check, index) => ({
    filter: stringAt(check, 'filter') ?? fail(`checks[${index}].filter must be a string`),
    expected: numberAt(check, 'expected') ?? fail(`checks[${index}].expected must be a number`),
  }));
  const byName = needText('queries.byName');
  if (byName.split('/').length !== 3) fail(`queries.byName must be kind/namespace/name, not '${byName}'`);
  return {
    n: need('n'),
    seed: need('seed'),
    files: need('files'),
    locationEntities: need('locationEntities'),
    byKind,
    checks,
    queries: {
      byName,
      fullTextTerm: needText('queries.fullTextTerm'),
      tag: needText('queries.tag'),
      counts: {
        serviceComponents: need('queries.counts.serviceComponents'),
        javaTagged: need('queries.counts.javaTagged'),
        fullTextComponents: need('queries.counts.fullTextComponents'),
      },
    },
  };
}
