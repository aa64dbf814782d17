/** Reading articles back: full-text search, newest-first listings, one article by id or URL. */
import { UsageError } from '../../errors.js';
import { DB } from '../../settings.js';
import { toMatchExpression } from '../search-text.js';
import type { ArticleView, KzDb, SearchQuery } from '../types.js';
import { prepared } from './statements.js';

const VIEW_COLUMNS = `a.id, a.url, a.source_id AS source, a.title, a.lead, a.published_at AS published,
  a.updated_at AS modified, a.language AS lang, a.author, a.tags, a.images, a.body AS text,
  a.duplicate_of AS duplicateOf, a.story_id AS storyId, a.revision, a.first_seen_at AS firstSeen,
  a.last_seen_at AS lastSeen`;

type ViewRow = Omit<ArticleView, 'tags' | 'images'> & { tags: string; images: string };

const parseList = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

const toView = (row: ViewRow): ArticleView => ({ ...row, tags: parseList(row.tags), images: parseList(row.images) });

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

function limitOf(q: SearchQuery): number {
  const limit = q.limit ?? DB.searchDefaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > DB.searchMaxLimit) {
    throw new UsageError(`--limit ${q.limit} is not valid: expected a whole number from 1 to ${DB.searchMaxLimit}`);
  }
  return limit;
}

interface Built {
  sql: string;
  params: Record<string, string | number>;
}

function build(q: SearchQuery, match: string | null, limit: number): Built {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (match !== null) {
    where.push('articles_fts MATCH @match');
    params.match = match;
  }
  if (q.source) {
    where.push('a.source_id = @source');
    params.source = q.source;
  }
  if (q.since) {
    where.push('a.published_at >= @since');
    params.since = timeBound(q.since, 'since');
  }
  if (q.until) {
    where.push('a.published_at < @until');
    params.until = timeBound(q.until, 'until');
  }
  if (q.lang) {
    where.push('a.language = @lang');
    params.lang = q.lang;
  }
  if (q.dedup) where.push('a.duplicate_of IS NULL');
  const from = match !== null ? 'articles_fts JOIN articles a ON a.id = articles_fts.rowid' : 'articles a';
  // The rank column is bm25 with the title weighted (configured in the FTS migration).
  const order = match !== null ? 'articles_fts.rank, a.id DESC' : 'a.published_at DESC, a.id DESC';
  // With dedup the rows are read lazily until `limit` stories are found, so no SQL LIMIT.
  if (!q.dedup) params.limit = limit;
  const sql = `SELECT ${VIEW_COLUMNS} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order}${q.dedup ? '' : ' LIMIT @limit'}`;
  return { sql, params };
}

/**
 * Articles matching the query: by relevance (bm25, title above body) when words are given, newest
 * first otherwise (published desc, undated last, then id desc). `dedup` keeps the first article of
 * each story and hides articles marked as copies.
 */
export function searchArticles(kz: KzDb, q: SearchQuery = {}): ArticleView[] {
  const limit = limitOf(q);
  const match = q.words === undefined ? null : toMatchExpression(q.words);
  // Words that hold no searchable character match nothing (rather than everything).
  if (q.words !== undefined && q.words.trim() !== '' && match === null) return [];
  const { sql, params } = build(q, match, limit);
  const stmt = prepared(kz, sql);
  if (!q.dedup) return (stmt.all(params) as ViewRow[]).map(toView);
  const out: ArticleView[] = [];
  const stories = new Set<number>();
  for (const row of stmt.iterate(params) as IterableIterator<ViewRow>) {
    if (row.storyId !== null) {
      if (stories.has(row.storyId)) continue;
      stories.add(row.storyId);
    }
    out.push(toView(row));
    if (out.length === limit) break;
  }
  return out;
}

/** URL forms tried in turn: as given, without fragment, with and without the trailing slash. */
function urlVariants(url: string): string[] {
  const bare = url.trim().replace(/#.*$/, '');
  const noSlash = bare.replace(/\/+$/, '');
  return [...new Set([url.trim(), bare, noSlash, `${noSlash}/`])];
}

/** One article by id (a number or a string of digits) or by URL. */
export function getArticle(kz: KzDb, idOrUrl: number | string): ArticleView | null {
  if (typeof idOrUrl === 'number' || /^\d+$/.test(idOrUrl)) {
    const row = prepared(kz, `SELECT ${VIEW_COLUMNS} FROM articles a WHERE a.id = ?`).get(Number(idOrUrl)) as
      | ViewRow
      | undefined;
    return row ? toView(row) : null;
  }
  const byUrl = prepared(kz, `SELECT ${VIEW_COLUMNS} FROM articles a WHERE a.url = ?`);
  for (const url of urlVariants(idOrUrl)) {
    const row = byUrl.get(url) as ViewRow | undefined;
    if (row) return toView(row);
  }
  return null;
}
