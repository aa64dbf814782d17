/** Articles as read back (ArticleView): by id, by URL, or a ranked list of ids. */
import type { ArticleView, KzDb } from '../types.js';
import { prepared } from './statements.js';

export const VIEW_COLUMNS = `a.id, a.url, a.source_id AS source, a.title, a.lead, a.published_at AS published,
  a.updated_at AS modified, a.language AS lang, a.author, a.tags, a.images, a.body AS text,
  a.duplicate_of AS duplicateOf, a.story_id AS storyId, a.revision, a.first_seen_at AS firstSeen,
  a.last_seen_at AS lastSeen`;

export type ViewRow = Omit<ArticleView, 'tags' | 'images'> & { tags: string; images: string };

const parseList = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

export const toView = (row: ViewRow): ArticleView => ({ ...row, tags: parseList(row.tags), images: parseList(row.images) });

/** The articles with these ids, in the order of `ids` (ids with no article are skipped). */
export function viewsByIds(kz: KzDb, ids: readonly number[]): ArticleView[] {
  if (ids.length === 0) return [];
  const rows = prepared(kz, `SELECT ${VIEW_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as ViewRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toView(row)] : [];
  });
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
