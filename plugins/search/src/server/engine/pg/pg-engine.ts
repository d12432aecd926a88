import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SearchTables } from '../../database/tables.js';
import type { ParsedTerm } from '../../query/parse-term.js';
import type { SearchFilter } from '../../query/search-filter.js';
import { boostSql } from '../sql/boost-sql.js';
import { countFacets } from '../sql/facets-sql.js';
import { activeGenerationJoin, filterSql } from '../sql/filter-sql.js';
import { readHits, type RankedRow } from '../sql/read-hits.js';
import { COUNT_CAP, tieredPage } from '../sql/tiered-page.js';
import { RANKING, type EngineHit, type EngineQuery, type SearchEngine } from '../types.js';
import { correctTerm } from './correct-term.js';
import { compileTsQuery, type PgTsQueries } from './tsquery.js';

const W = RANKING.weights;
/** ts_rank_cd reads weights as {D, C, B, A}: text, keywords, title, name (scaled to at most 1). */
const RANK_WEIGHTS = `{${[W.text, W.keywords, W.title, W.name].map((weight) => (weight / W.name).toFixed(2)).join(',')}}`;
const TEXT_HEADLINE = 'MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "';

export interface PgEngineOptions {
  /** pg_trgm is installed and search_words has its trigram index. */
  fuzzy: boolean;
  /** Trigram similarity from which a known word counts as a spelling of a search word. */
  fuzzyThreshold: number;
}

interface Target {
  term: ParsedTerm;
  filter: SearchFilter | undefined;
  collatorIds: readonly string[];
}

/**
 * PostgreSQL full-text search: weighted tsvectors with GIN indexes (one for names and titles,
 * one for everything), ts_rank_cd scores, ts_headline for the returned page only. When no
 * document has the words and pg_trgm is there, misspelt words are widened to the known words
 * of names and titles that look like them.
 */
export function createPgEngine(db: Kysely<SearchTables>, options: PgEngineOptions): SearchEngine {
  const correct = (term: ParsedTerm) => (options.fuzzy ? correctTerm(db, term, options.fuzzyThreshold) : Promise.resolve(undefined));
  /** The term as searched: as typed, or corrected when nothing has its words. */
  const effective = async (target: Target): Promise<ParsedTerm> => {
    const ts = compileTsQuery(target.term);
    if (!options.fuzzy || ts.positive === undefined || (await hasWordMatch(db, target, ts))) return target.term;
    return (await correct(target.term)) ?? target.term;
  };

  const countTerm = async (target: Target) => {
    const result = await sql<{ total: number }>`
      SELECT count(*) AS total FROM (${matchingIdsSql(target)} LIMIT ${COUNT_CAP}) m`.execute(db);
    return Number(result.rows[0]?.total ?? 0);
  };

  return {
    kind: 'postgres',
    fuzzy: options.fuzzy,

    async query(query) {
      const page = (term: ParsedTerm) => {
        const ts = compileTsQuery(term);
        return ts.positive === undefined ? browse(db, query, ts) : ranked(db, { ...query, term }, ts);
      };
      let term = query.term;
      let rows = await page(term);
      if (rows.length === 0 && options.fuzzy && (query.offset === 0 || !(await hasWordMatch(db, query, compileTsQuery(term))))) {
        const corrected = await correct(term);
        if (corrected) {
          term = corrected;
          rows = await page(term);
        }
      }
      const total =
        rows.length < query.limit && (rows.length > 0 || query.offset === 0)
          ? query.offset + rows.length
          : await countTerm({ ...query, term });
      const positive = compileTsQuery(term).positive;
      const hits = positive ? await readHitsWithHeadlines(db, rows, positive, query.highlight) : await readHits(db, rows, undefined);
      return { hits, total };
    },

    count: async (target) => countTerm({ ...target, term: await effective(target) }),

    async facets(query) {
      // The spelling follows the unfiltered term, so every facet counts the same matches.
      const term = await effective({ term: query.term, filter: undefined, collatorIds: query.collatorIds });
      return countFacets(db, query, (filter) => matchingIdsSql({ term, filter, collatorIds: query.collatorIds }));
    },
  };
}

const tsquery = (text: string) => sql`to_tsquery('english'::regconfig, ${text})`;

async function hasWordMatch(db: Kysely<SearchTables>, target: Target, ts: PgTsQueries): Promise<boolean> {
  const result = await sql<{ found: number }>`
    SELECT 1 AS found FROM search_documents d ${activeGenerationJoin(target.collatorIds)}
    WHERE ${matchSql(ts)} AND ${filterSql(target.filter)} LIMIT 1`.execute(db);
  return result.rows.length > 0;
}

function matchSql(ts: PgTsQueries): RawBuilder<unknown> {
  const excluded = ts.exclusions ? sql`AND NOT (d.tsv @@ ${tsquery(ts.exclusions)})` : sql``;
  if (!ts.positive) return sql`1 = 1 ${excluded}`;
  return sql`d.tsv @@ ${tsquery(ts.positive)} ${excluded}`;
}

/** Name and title matches first (exact ones on top), then matches in other text. */
function ranked(db: Kysely<SearchTables>, query: EngineQuery, ts: PgTsQueries): Promise<RankedRow[]> {
  const boost = boostSql(query.ownershipRefs, query.now);
  const phrase = query.term.phrase;
  const positive = tsquery(ts.positive!);
  const excluded = ts.exclusions ? sql`AND NOT (d.tsv @@ ${tsquery(ts.exclusions)})` : sql``;
  const from = (match: RawBuilder<unknown>) => sql`
    FROM search_documents d ${activeGenerationJoin(query.collatorIds)}
    WHERE ${match} ${excluded} AND ${filterSql(query.filter)}`;
  const tier = sql`CASE WHEN d.name_norm = ${phrase} THEN 4 WHEN d.title_norm = ${phrase} THEN 3 ELSE 2 END`;
  return tieredPage(
    {
      head: (limit) =>
        rows(db, sql<RankedRow>`
          SELECT d.id, ${tier} AS tier, CAST(ts_rank_cd(${RANK_WEIGHTS}::float4[], d.head_tsv, ${positive}) AS double precision) * ${boost} AS score
          ${from(sql`d.head_tsv @@ ${positive}`)}
          ORDER BY tier DESC, score DESC, d.id LIMIT ${limit}`),
      rest: (limit, offset) =>
        rows(db, sql<RankedRow>`
          SELECT d.id, 1 AS tier, CAST(ts_rank_cd(${RANK_WEIGHTS}::float4[], d.tsv, ${positive}) AS double precision) * ${boost} AS score
          ${from(sql`d.tsv @@ ${positive} AND NOT (d.head_tsv @@ ${positive})`)}
          ORDER BY score DESC, d.id LIMIT ${limit} OFFSET ${offset}`),
    },
    query.offset,
    query.limit,
  );
}

/** No words: everything the filters allow, by title. */
function browse(db: Kysely<SearchTables>, query: EngineQuery, ts: PgTsQueries): Promise<RankedRow[]> {
  return rows(db, sql<RankedRow>`
    SELECT d.id, 0 AS tier, 0 AS score
    FROM search_documents d ${activeGenerationJoin(query.collatorIds)}
    WHERE ${matchSql(ts)} AND ${filterSql(query.filter)}
    ORDER BY d.title_norm, d.id LIMIT ${query.limit} OFFSET ${query.offset}`);
}

async function rows(db: Kysely<SearchTables>, query: RawBuilder<RankedRow>): Promise<RankedRow[]> {
  return (await query.execute(db)).rows;
}

function matchingIdsSql(target: Target): RawBuilder<{ id: number }> {
  return sql`
    SELECT d.id FROM search_documents d ${activeGenerationJoin(target.collatorIds)}
    WHERE ${matchSql(compileTsQuery(target.term))} AND ${filterSql(target.filter)}`;
}

/** The page's documents in rank order, with ts_headline highlights, in one round trip. */
async function readHitsWithHeadlines(
  db: Kysely<SearchTables>,
  rows: readonly RankedRow[],
  positive: string,
  tags: EngineQuery['highlight'],
): Promise<EngineHit[]> {
  if (rows.length === 0) return [];
  const selectors = `StartSel="${tags.preTag}", StopSel="${tags.postTag}"`;
  const query = tsquery(positive);
  const result = await sql<{ id: number; type: string; title: string; text: string; location: string; fields: string; title_hl: string; text_hl: string }>`
    SELECT id, type, title, text, location, fields,
      ts_headline('english'::regconfig, title, ${query}, ${`${selectors}, HighlightAll=true`}) AS title_hl,
      ts_headline('english'::regconfig, text, ${query}, ${`${selectors}, ${TEXT_HEADLINE}`}) AS text_hl
    FROM search_documents WHERE id IN (${sql.join(rows.map((row) => Number(row.id)))})`.execute(db);
  const byId = new Map(result.rows.map((row) => [Number(row.id), row]));
  return rows.flatMap((ranked) => {
    const row = byId.get(Number(ranked.id));
    if (!row) return [];
    return [
      {
        type: row.type,
        title: row.title,
        text: row.text,
        location: row.location,
        fields: JSON.parse(row.fields) as Record<string, unknown>,
        highlight: { title: row.title_hl, text: row.text_hl },
      },
    ];
  });
}
