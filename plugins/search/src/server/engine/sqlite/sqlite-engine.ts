import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SearchTables } from '../../database/tables.js';
import { isEmptyTerm, type ParsedTerm } from '../../query/parse-term.js';
import type { SearchFilter } from '../../query/search-filter.js';
import { boostSql } from '../sql/boost-sql.js';
import { countFacets } from '../sql/facets-sql.js';
import { readHits, type RankedRow } from '../sql/read-hits.js';
import { activeGenerationJoin, filterSql } from '../sql/filter-sql.js';
import { RANKING, type EngineQuery, type SearchEngine } from '../types.js';
import { compileFts5Match, FTS_COLUMNS } from './fts5-match.js';

const W = RANKING.weights;
const BM25 = sql.raw(`bm25(search_documents_fts, ${W.name}.0, ${W.title}.0, ${W.keywords}.0, ${W.text}.0)`);
const TEXT_COLUMN = FTS_COLUMNS.indexOf('text');
const TITLE_COLUMN = FTS_COLUMNS.indexOf('title');
/** Tokens of context around a match in text snippets. */
const SNIPPET_TOKENS = 32;

/**
 * SQLite FTS5: bm25 with column weights, prefix matching through the prefix index, highlight()
 * and snippet() computed for the returned page only.
 */
export function createSqliteEngine(db: Kysely<SearchTables>): SearchEngine {
  return {
    kind: 'sqlite-fts5',
    fuzzy: false,

    async query(query) {
      const match = compileFts5Match(query.term);
      const ranked = await sql<RankedRow>`${rankedSql(query, match.match, match.titleMatch, match.exclusions)}`.execute(db);
      const rows = ranked.rows;
      if (rows.length === 0) {
        return { hits: [], total: query.offset > 0 ? await this.count(query) : 0 };
      }
      const highlights = match.match ? await highlightRows(db, match.match, rows.map((row) => row.id), query.highlight) : undefined;
      return { hits: await readHits(db, rows, highlights), total: Number(rows[0]!.total) };
    },

    async count(query) {
      const row = await sql<{ total: number }>`SELECT count(*) AS total FROM (${matchingIdsSql(query.term, query.filter, query.collatorIds)}) m`.execute(db);
      return Number(row.rows[0]?.total ?? 0);
    },

    facets: (query) => countFacets(db, query, (filter) => matchingIdsSql(query.term, filter, query.collatorIds)),
  };
}

function rankedSql(query: EngineQuery, match: string | undefined, titleMatch: string | undefined, exclusions: string | undefined): RawBuilder<RankedRow> {
  const boost = boostSql(query.ownershipRefs, query.now);
  const page = sql`LIMIT ${query.limit} OFFSET ${query.offset}`;
  if (match === undefined || titleMatch === undefined) {
    // No words: everything the filters allow, the searcher's and recent documents first.
    return sql<RankedRow>`
      SELECT d.id, 0 AS tier, ${boost} AS score, count(*) OVER () AS total
      FROM search_documents d ${activeGenerationJoin(query.collatorIds)}
      WHERE ${filterSql(query.filter)} ${excludedSql(exclusions)}
      ORDER BY score DESC, d.title_norm, d.id ${page}`;
  }
  const phrase = query.term.phrase;
  // FTS5 computes bm25 only while it drives the scan, so the match runs on its own first.
  return sql<RankedRow>`
    WITH m AS MATERIALIZED (
      SELECT rowid AS id, -${BM25} AS relevance FROM search_documents_fts WHERE search_documents_fts MATCH ${match})
    SELECT d.id,
      CASE WHEN d.name_norm = ${phrase} THEN 4
           WHEN d.title_norm = ${phrase} THEN 3
           WHEN d.id IN (SELECT rowid FROM search_documents_fts WHERE search_documents_fts MATCH ${titleMatch}) THEN 2
           ELSE 1 END AS tier,
      m.relevance * ${boost} AS score,
      count(*) OVER () AS total
    FROM m JOIN search_documents d ON d.id = m.id
    ${activeGenerationJoin(query.collatorIds)}
    WHERE ${filterSql(query.filter)}
    ORDER BY tier DESC, score DESC, d.id ${page}`;
}

function excludedSql(exclusions: string | undefined): RawBuilder<unknown> {
  return exclusions === undefined
    ? sql``
    : sql`AND d.id NOT IN (SELECT rowid FROM search_documents_fts WHERE search_documents_fts MATCH ${exclusions})`;
}

/** The ids of every document the term and filter match, for counts and facets. */
function matchingIdsSql(term: ParsedTerm, filter: SearchFilter | undefined, collatorIds: readonly string[]): RawBuilder<{ id: number }> {
  const match = compileFts5Match(term);
  if (isEmptyTerm(term) || match.match === undefined) {
    return sql`SELECT d.id FROM search_documents d ${activeGenerationJoin(collatorIds)} WHERE ${filterSql(filter)} ${excludedSql(match.exclusions)}`;
  }
  return sql`
    SELECT d.id FROM search_documents d ${activeGenerationJoin(collatorIds)}
    WHERE d.id IN (SELECT rowid FROM search_documents_fts WHERE search_documents_fts MATCH ${match.match}) AND ${filterSql(filter)}`;
}

async function highlightRows(
  db: Kysely<SearchTables>,
  match: string,
  ids: number[],
  tags: EngineQuery['highlight'],
): Promise<Map<number, { title: string; text: string }>> {
  const result = await sql<{ id: number; title: string; text: string }>`
    SELECT rowid AS id,
      highlight(search_documents_fts, ${sql.lit(TITLE_COLUMN)}, ${tags.preTag}, ${tags.postTag}) AS title,
      snippet(search_documents_fts, ${sql.lit(TEXT_COLUMN)}, ${tags.preTag}, ${tags.postTag}, '…', ${sql.lit(SNIPPET_TOKENS)}) AS text
    FROM search_documents_fts
    WHERE search_documents_fts MATCH ${match} AND rowid IN (${sql.join(ids)})`.execute(db);
  return new Map(result.rows.map((row) => [Number(row.id), { title: row.title, text: row.text }]));
}
