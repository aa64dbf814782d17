/** Searching articles: full-text (bm25) when words are given, newest-first listings otherwise. */
import { UsageError } from '../../errors.js';
import { DB } from '../../settings.js';
import { toMatchExpression } from '../search-text.js';
import type { ArticleView, KzDb, SearchQuery } from '../types.js';
import { prepared } from './statements.js';
import { toView, VIEW_COLUMNS, viewsByIds, type ViewRow } from './views.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * A --since/--until bound as a string comparable with stored UTC ISO times. A bare date counts its
 * whole (UTC) day, so `until` becomes exclusive: the next day, or one millisecond after a full time.
 */
export function timeBound(value: string, kind: 'since' | 'until'): string {
  const v = value.trim();
  const ms = DATE_ONLY.test(v) ? Date.parse(`${v}T00:00:00.000Z`) : Date.parse(v);
  if (Number.isNaN(ms)) {
    throw new UsageError(`--${kind} ${value} is not a date: use YYYY-MM-DD or an ISO time like 2024-07-04T10:00:00Z`);
  }
  if (kind === 'since') return new Date(ms).toISOString();
  return new Date(ms + (DATE_ONLY.test(v) ? DAY_MS : 1)).toISOString();
}

function checkWindow(q: SearchQuery): void {
  if (q.rankWindow !== undefined && (!Number.isInteger(q.rankWindow) || q.rankWindow < 1)) {
    throw new UsageError(`rank window ${q.rankWindow} is not valid: expected a whole number of at least 1`);
  }
}

function limitOf(q: SearchQuery): number {
  const limit = q.limit ?? DB.searchDefaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > DB.searchMaxLimit) {
    throw new UsageError(`--limit ${q.limit} is not valid: expected a whole number from 1 to ${DB.searchMaxLimit}`);
  }
  return limit;
}

type Params = Record<string, string | number>;

/** Conditions on articles columns (unqualified: they read the same in a listing and in a subquery). */
interface Scope {
  conditions: string[];
  params: Params;
}

function scopeOf(q: SearchQuery): Scope {
  const conditions: string[] = [];
  const params: Params = {};
  if (q.source) {
    conditions.push('source_id = @source');
    params.source = q.source;
  }
  if (q.since) {
    conditions.push('published_at >= @since');
    params.since = timeBound(q.since, 'since');
  }
  if (q.until) {
    conditions.push('published_at < @until');
    params.until = timeBound(q.until, 'until');
  }
  if (q.lang) {
    conditions.push('language = @lang');
    params.lang = q.lang;
  }
  return { conditions, params };
}

/** Keeps the first article of each story, in order, until `limit` are kept. */
function firstPerStory(rows: Iterable<ArticleView>, limit: number, stories = new Set<number>()): ArticleView[] {
  const out: ArticleView[] = [];
  for (const row of rows) {
    if (row.storyId !== null) {
      if (stories.has(row.storyId)) continue;
      stories.add(row.storyId);
    }
    out.push(row);
    if (out.length === limit) break;
  }
  return out;
}

function* views(rows: Iterable<ViewRow>): Generator<ArticleView> {
  for (const row of rows) yield toView(row);
}

/** Newest first (undated last), walking the published_at indexes. */
function listNewest(kz: KzDb, q: SearchQuery, scope: Scope, limit: number): ArticleView[] {
  // Unary + keeps the planner off articles_duplicate_of_idx, where nearly every row is NULL.
  const where = [...scope.conditions, ...(q.dedup ? ['+duplicate_of IS NULL'] : [])];
  const sql = `SELECT ${VIEW_COLUMNS} FROM articles a${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY a.published_at DESC, a.id DESC${q.dedup ? '' : ' LIMIT @limit'}`;
  const stmt = prepared(kz, sql);
  if (!q.dedup) return (stmt.all({ ...scope.params, limit }) as ViewRow[]).map(toView);
  // Read lazily: the index walk stops as soon as `limit` stories are found.
  return firstPerStory(views(stmt.iterate(scope.params) as IterableIterator<ViewRow>), limit);
}

/**
 * The filters as rowid sets for the FTS scan: each IN list is read from a covering index
 * ((source_id, published_at), (published_at), (language, published_at)), so filtering a match never
 * reads an article row, whose metadata sits behind the body. The unary + keeps SQLite from handing
 * the list to FTS5 as rowid lookups (one index seek per listed id: seconds instead of milliseconds);
 * it stays a filter on the scan, checked against a Bloom filter.
 */
function ftsFilter(q: SearchQuery, scope: Scope): string {
  let sql = '';
  if (scope.conditions.length > 0) {
    sql += ` AND +articles_fts.rowid IN (SELECT id FROM articles WHERE ${scope.conditions.join(' AND ')})`;
  }
  if (q.dedup) sql += ' AND +articles_fts.rowid NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)';
  return sql;
}

/**
 * The lowest article id of the rank window: bm25 costs microseconds per matching row, so a query
 * matching tens of thousands of articles ranks only the `size` most recently stored of them
 * (filters applied first). Null when fewer match: then every match is ranked.
 */
function rankWindowStart(kz: KzDb, filter: string, params: Params, size: number): number | null {
  const sql = `SELECT articles_fts.rowid FROM articles_fts WHERE articles_fts MATCH @match${filter}
    ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET @offset`;
  return (prepared(kz, sql).pluck().get({ ...params, offset: size - 1 }) as number | undefined) ?? null;
}

/** Ids by bm25 (title weighted), best first; `limit` null for all of them (in the window). */
function rankedIds(kz: KzDb, filter: string, params: Params, start: number | null, limit: number | null): number[] {
  const window = start === null ? '' : ' AND articles_fts.rowid >= @windowStart';
  // bm25() rather than the rank column: FTS5 sorts `rank` over every match, ignoring the window.
  const sql = `SELECT articles_fts.rowid FROM articles_fts WHERE articles_fts MATCH @match${window}${filter}
    ORDER BY bm25(articles_fts, @titleWeight, @bodyWeight, @leadWeight), articles_fts.rowid DESC${limit === null ? '' : ' LIMIT @limit'}`;
  return prepared(kz, sql)
    .pluck()
    .all({
      ...params,
      titleWeight: DB.ftsTitleWeight,
      bodyWeight: DB.ftsBodyWeight,
      leadWeight: DB.ftsLeadWeight,
      ...(start === null ? {} : { windowStart: start }),
      ...(limit === null ? {} : { limit }),
    }) as number[];
}

function searchRanked(kz: KzDb, q: SearchQuery, scope: Scope, match: string, limit: number): ArticleView[] {
  const filter = ftsFilter(q, scope);
  const params = { ...scope.params, match };
  const start = rankWindowStart(kz, filter, params, q.rankWindow ?? DB.searchRankWindow);
  if (!q.dedup) return viewsByIds(kz, rankedIds(kz, filter, params, start, limit));
  // One per story: walk the ranked ids a page at a time until `limit` stories are found.
  const ids = rankedIds(kz, filter, params, start, null);
  const stories = new Set<number>();
  const out: ArticleView[] = [];
  const page = limit * 2;
  for (let i = 0; i < ids.length && out.length < limit; i += page) {
    out.push(...firstPerStory(viewsByIds(kz, ids.slice(i, i + page)), limit - out.length, stories));
  }
  return out;
}

/**
 * Articles matching the query: by relevance (bm25, title above body) when words are given, newest
 * first otherwise (published desc, undated last, then id desc). A query matching more than
 * DB.searchRankWindow articles ranks the most recently stored of them. `dedup` keeps the first
 * article of each story and hides articles marked as copies.
 */
export function searchArticles(kz: KzDb, q: SearchQuery = {}): ArticleView[] {
  const limit = limitOf(q);
  checkWindow(q);
  const scope = scopeOf(q);
  if (q.words === undefined || q.words.trim() === '') return listNewest(kz, q, scope, limit);
  const match = toMatchExpression(q.words);
  // Words that hold no searchable character match nothing (rather than everything).
  return match === null ? [] : searchRanked(kz, q, scope, match, limit);
}
