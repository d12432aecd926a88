import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SearchTables } from '../../database/tables.js';
import type { ParsedTerm } from '../../query/parse-term.js';
import type { SearchFilter } from '../../query/search-filter.js';
import { boostSql } from '../sql/boost-sql.js';
import { countFacets } from '../sql/facets-sql.js';
import { activeGenerationJoin, filterSql } from '../sql/filter-sql.js';
import { readHits, type RankedRow } from '../sql/read-hits.js';
import { COUNT_CAP, tieredPage } from '../sql/tiered-page.js';
import { RANKING, type EngineQuery, type HighlightTags, type SearchEngine } from '../types.js';
import { compileFts5Match, FTS_COLUMNS, type Fts5Match } from './fts5-match.js';

const W = RANKING.weights;
const BM25 = sql.raw(`bm25(search_documents_fts, ${W.name}.0, ${W.title}.0, ${W.keywords}.0, ${W.text}.0)`);
const HEAD_BM25 = sql.raw(`bm25(search_documents_head_fts, ${W.name}.0, ${W.title}.0)`);
const TEXT_COLUMN = FTS_COLUMNS.indexOf('text');
const TITLE_COLUMN = FTS_COLUMNS.indexOf('title');
/** Tokens of context around a match in text snippets. */
const SNIPPET_TOKENS = 32;

interface Target {
  term: ParsedTerm;
  filter: SearchFilter | undefined;
  collatorIds: readonly string[];
}

/**
 * SQLite FTS5: bm25 with column weights, prefix matching through the prefix index, highlight()
 * and snippet() for the returned page only. Every query starts from the full-text match and
 * reaches the documents by rowid.
 */
export function createSqliteEngine(db: Kysely<SearchTables>): SearchEngine {
  const count = async (target: Target) => {
    const result = await sql<{ total: number }>`
      SELECT count(*) AS total FROM (${matchingIdsSql(target, compileFts5Match(target.term))} LIMIT ${COUNT_CAP}) m`.execute(db);
    return Number(result.rows[0]?.total ?? 0);
  };

  return {
    kind: 'sqlite-fts5',
    fuzzy: false,

    async query(query) {
      const match = compileFts5Match(query.term);
      const rows = await (match.match === undefined ? browse(db, query, match) : ranked(db, query, match));
      const [total, highlights] = await Promise.all([
        rows.length < query.limit && (rows.length > 0 || query.offset === 0) ? query.offset + rows.length : count(query),
        match.match && rows.length ? highlightRows(db, match.match, rows.map((row) => Number(row.id)), query.highlight) : undefined,
      ]);
      return { hits: await readHits(db, rows, highlights), total };
    },

    count,

    facets: (query) => countFacets(db, query, (filter) => matchingIdsSql({ ...query, filter }, compileFts5Match(query.term))),
  };
}

/** Name and title matches first (exact ones on top), then matches in other text. */
function ranked(db: Kysely<SearchTables>, query: EngineQuery, match: Fts5Match): Promise<RankedRow[]> {
  const boost = boostSql(query.ownershipRefs, query.now);
  const phrase = query.term.phrase;
  const from = (ftsMatch: string) => sql`
    FROM search_documents_fts CROSS JOIN search_documents d ON d.id = search_documents_fts.rowid
    ${activeGenerationJoin(query.collatorIds, { cross: true })}
    WHERE search_documents_fts MATCH ${ftsMatch} AND ${filterSql(query.filter)}`;
  return tieredPage(
    {
      head: async (limit) =>
        (
          await sql<RankedRow>`
            SELECT d.id, CASE WHEN d.name_norm = ${phrase} THEN 4 WHEN d.title_norm = ${phrase} THEN 3 ELSE 2 END AS tier,
              -${HEAD_BM25} * ${boost} AS score
            FROM search_documents_head_fts CROSS JOIN search_documents d ON d.id = search_documents_head_fts.rowid
            ${activeGenerationJoin(query.collatorIds, { cross: true })}
            WHERE search_documents_head_fts MATCH ${match.positive!} ${excludedSql(match.exclusions)} AND ${filterSql(query.filter)}
            ORDER BY tier DESC, score DESC, d.id LIMIT ${limit}`.execute(db)
        ).rows,
      rest: async (limit, offset) =>
        (
          await sql<RankedRow>`
            SELECT d.id, 1 AS tier, -${BM25} * ${boost} AS score
            ${from(without(match.match!, match.titleMatch))}
            ORDER BY score DESC, d.id LIMIT ${limit} OFFSET ${offset}`.execute(db)
        ).rows,
    },
    query.offset,
    query.limit,
  );
}

/**
 * No words: everything the filters allow, by title. Walking the title index stops after a
 * page; SQLite's planner would rather read the collators' documents and sort them all.
 */
async function browse(db: Kysely<SearchTables>, query: EngineQuery, match: Fts5Match): Promise<RankedRow[]> {
  const result = await sql<RankedRow>`
    SELECT d.id, 0 AS tier, 0 AS score
    FROM search_documents d INDEXED BY search_documents_title_idx ${activeGenerationJoin(query.collatorIds, { cross: true })}
    WHERE ${filterSql(query.filter)} ${excludedSql(match.exclusions)}
    ORDER BY d.title_norm, d.id LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db);
  return result.rows;
}

function without(match: string, excluded: string | undefined): string {
  return excluded === undefined ? match : `(${match}) NOT (${excluded})`;
}

function excludedSql(exclusions: string | undefined): RawBuilder<unknown> {
  return exclusions === undefined
    ? sql``
    : sql`AND d.id NOT IN (SELECT rowid FROM search_documents_fts WHERE search_documents_fts MATCH ${exclusions})`;
}

/** The ids of every document the term and filter match, for counts and facets. */
function matchingIdsSql(target: Target, match: Fts5Match): RawBuilder<{ id: number }> {
  if (match.match === undefined) {
    return sql`
      SELECT d.id FROM search_documents d ${activeGenerationJoin(target.collatorIds, { cross: true })}
      WHERE ${filterSql(target.filter)} ${excludedSql(match.exclusions)}`;
  }
  return sql`
    SELECT d.id FROM search_documents_fts CROSS JOIN search_documents d ON d.id = search_documents_fts.rowid
    ${activeGenerationJoin(target.collatorIds, { cross: true })}
    WHERE search_documents_fts MATCH ${match.match} AND ${filterSql(target.filter)}`;
}

/**
 * highlight() and snippet() for the page's documents. They run on a scratch FTS5 table holding
 * just those documents: on the full index, each row's highlight would repeat the whole match
 * (costly for a prefix of a common word). The transaction keeps other queries on the shared
 * connection away from the scratch table meanwhile.
 */
async function highlightRows(db: Kysely<SearchTables>, match: string, ids: number[], tags: HighlightTags): Promise<Map<number, { title: string; text: string }>> {
  return db.transaction().execute(async (trx) => {
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_highlight USING fts5(
      name, title, keywords, text, tokenize='porter unicode61 remove_diacritics 2')`.execute(trx);
    await sql`DELETE FROM temp.search_highlight`.execute(trx);
    await sql`INSERT INTO temp.search_highlight(rowid, name, title, keywords, text)
      SELECT id, name, title, keywords, text FROM search_documents WHERE id IN (${sql.join(ids)})`.execute(trx);
    const result = await sql<{ id: number; title: string; text: string }>`
      SELECT rowid AS id,
        highlight(search_highlight, ${sql.lit(TITLE_COLUMN)}, ${tags.preTag}, ${tags.postTag}) AS title,
        snippet(search_highlight, ${sql.lit(TEXT_COLUMN)}, ${tags.preTag}, ${tags.postTag}, '…', ${sql.lit(SNIPPET_TOKENS)}) AS text
      FROM temp.search_highlight WHERE search_highlight MATCH ${match}`.execute(trx);
    await sql`DELETE FROM temp.search_highlight`.execute(trx);
    return new Map(result.rows.map((row) => [Number(row.id), { title: row.title, text: row.text }]));
  });
}
