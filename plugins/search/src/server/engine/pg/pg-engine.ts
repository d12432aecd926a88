import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SearchTables } from '../../database/tables.js';
import type { ParsedTerm } from '../../query/parse-term.js';
import type { SearchFilter } from '../../query/search-filter.js';
import { boostSql } from '../sql/boost-sql.js';
import { countFacets } from '../sql/facets-sql.js';
import { activeGenerationJoin, filterSql } from '../sql/filter-sql.js';
import { readHits, type RankedRow } from '../sql/read-hits.js';
import { RANKING, type EngineQuery, type SearchEngine } from '../types.js';
import { compileTsQuery, type PgTsQueries } from './tsquery.js';

const W = RANKING.weights;
/** ts_rank_cd reads weights as {D, C, B, A}: text, keywords, title, name (scaled to at most 1). */
const RANK_WEIGHTS = `{${[W.text, W.keywords, W.title, W.name].map((weight) => (weight / W.name).toFixed(2)).join(',')}}`;
const TEXT_HEADLINE = 'MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "';

export interface PgEngineOptions {
  /** pg_trgm is installed and fuzzy_text has its trigram index. */
  fuzzy: boolean;
  /** word_similarity above which a name or title counts as a typo-tolerant match. */
  fuzzyThreshold: number;
}

/**
 * How a term matches: `words` through the tsvector; `near` (when no document matches the words
 * and pg_trgm is there) by trigram similarity of names and titles, so a misspelt name still
 * finds its target. Deciding once per request keeps pages, counts and facets consistent.
 */
type MatchMode = 'words' | 'near';

interface Target {
  term: ParsedTerm;
  filter: SearchFilter | undefined;
  collatorIds: readonly string[];
}

/**
 * PostgreSQL full-text search: a generated, weighted tsvector with a GIN index, ts_rank_cd
 * scores, ts_headline for the returned page only, and typo tolerance through pg_trgm.
 */
export function createPgEngine(db: Kysely<SearchTables>, options: PgEngineOptions): SearchEngine {
  // word_similarity's threshold is a setting; set_config(..., true) keeps it to this transaction.
  const withMode = async <T>(target: Target, fn: (executor: Kysely<SearchTables>, mode: MatchMode) => Promise<T>): Promise<T> => {
    const ts = compileTsQuery(target.term);
    const mayBeNear = options.fuzzy && ts.positive !== undefined && target.term.phrase.length >= 3;
    if (!mayBeNear || (await hasWordMatch(db, target, ts))) return fn(db, 'words');
    return db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(options.fuzzyThreshold)}, true)`.execute(trx);
      return fn(trx, 'near');
    });
  };

  const count = (target: Target) =>
    withMode(target, async (executor, mode) => {
      const result = await sql<{ total: number }>`SELECT count(*) AS total FROM (${matchingIdsSql(target, mode)}) m`.execute(executor);
      return Number(result.rows[0]?.total ?? 0);
    });

  return {
    kind: 'postgres',
    fuzzy: options.fuzzy,

    query(query) {
      return withMode(query, async (executor, mode) => {
        const ts = compileTsQuery(query.term);
        const rows = (await sql<RankedRow>`${rankedSql(query, ts, mode)}`.execute(executor)).rows;
        if (rows.length === 0) return { hits: [], total: query.offset > 0 ? await count(query) : 0 };
        const ids = rows.map((row) => Number(row.id));
        const highlights = ts.positive ? await headlines(executor, ts.positive, ids, query.highlight) : undefined;
        return { hits: await readHits(executor, rows, highlights), total: Number(rows[0]!.total) };
      });
    },

    count,

    facets(query) {
      // The mode follows the unfiltered term, so every facet counts the same kind of match.
      return withMode({ term: query.term, filter: undefined, collatorIds: query.collatorIds }, (executor, mode) =>
        countFacets(executor, query, (filter) => matchingIdsSql({ term: query.term, filter, collatorIds: query.collatorIds }, mode)),
      );
    },
  };
}

const tsquery = (text: string) => sql`to_tsquery('english'::regconfig, ${text})`;

async function hasWordMatch(db: Kysely<SearchTables>, target: Target, ts: PgTsQueries): Promise<boolean> {
  const result = await sql<{ found: number }>`
    SELECT 1 AS found FROM search_documents d ${activeGenerationJoin(target.collatorIds)}
    WHERE ${matchSql(target.term, ts, 'words')} AND ${filterSql(target.filter)} LIMIT 1`.execute(db);
  return result.rows.length > 0;
}

function matchSql(term: ParsedTerm, ts: PgTsQueries, mode: MatchMode): RawBuilder<unknown> {
  const excluded = ts.exclusions ? sql`AND NOT (d.tsv @@ ${tsquery(ts.exclusions)})` : sql``;
  if (!ts.positive) return sql`1 = 1 ${excluded}`;
  if (mode === 'near') return sql`${term.phrase} <% d.fuzzy_text ${excluded}`;
  return sql`d.tsv @@ ${tsquery(ts.positive)} ${excluded}`;
}

function rankedSql(query: EngineQuery, ts: PgTsQueries, mode: MatchMode): RawBuilder<RankedRow> {
  const boost = boostSql(query.ownershipRefs, query.now);
  const page = sql`LIMIT ${query.limit} OFFSET ${query.offset}`;
  const where = sql`${matchSql(query.term, ts, mode)} AND ${filterSql(query.filter)}`;
  if (!ts.positive || !ts.titleOnly) {
    return sql<RankedRow>`
      SELECT d.id, 0 AS tier, ${boost} AS score, count(*) OVER () AS total
      FROM search_documents d ${activeGenerationJoin(query.collatorIds)}
      WHERE ${where}
      ORDER BY score DESC, d.title_norm, d.id ${page}`;
  }
  const phrase = query.term.phrase;
  const relevance =
    mode === 'near'
      ? sql`word_similarity(${phrase}, d.fuzzy_text)`
      : sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], d.tsv, ${tsquery(ts.positive)})`;
  return sql<RankedRow>`
    SELECT d.id,
      CASE WHEN d.name_norm = ${phrase} THEN 4
           WHEN d.title_norm = ${phrase} THEN 3
           WHEN d.tsv @@ ${tsquery(ts.titleOnly)} THEN 2
           ELSE 1 END AS tier,
      CAST(${relevance} AS double precision) * ${boost} AS score,
      count(*) OVER () AS total
    FROM search_documents d ${activeGenerationJoin(query.collatorIds)}
    WHERE ${where}
    ORDER BY tier DESC, score DESC, d.id ${page}`;
}

function matchingIdsSql(target: Target, mode: MatchMode): RawBuilder<{ id: number }> {
  return sql`
    SELECT d.id FROM search_documents d ${activeGenerationJoin(target.collatorIds)}
    WHERE ${matchSql(target.term, compileTsQuery(target.term), mode)} AND ${filterSql(target.filter)}`;
}

async function headlines(
  db: Kysely<SearchTables>,
  positive: string,
  ids: number[],
  tags: EngineQuery['highlight'],
): Promise<Map<number, { title: string; text: string }>> {
  const selectors = `StartSel="${tags.preTag}", StopSel="${tags.postTag}"`;
  const query = tsquery(positive);
  const result = await sql<{ id: number; title: string; text: string }>`
    SELECT id,
      ts_headline('english'::regconfig, title, ${query}, ${`${selectors}, HighlightAll=true`}) AS title,
      ts_headline('english'::regconfig, text, ${query}, ${`${selectors}, ${TEXT_HEADLINE}`}) AS text
    FROM search_documents WHERE id IN (${sql.join(ids)})`.execute(db);
  return new Map(result.rows.map((row) => [Number(row.id), { title: row.title, text: row.text }]));
}
