/**
 * Levels 2 and 3 in the database: which paragraphs of an article are its site's boilerplate, and where a
 * neighbouring article glued below it begins. Roles are a function of the stored state (the per-site
 * counts, the marks in site_boilerplate, the titles and paragraphs of the site's other articles), and
 * whenever that state changes for a paragraph, every article of the site using it gets its roles again:
 * a page has the same body whether it was the first or the thousandth of its site to arrive.
 */
import { DEDUP } from '../../settings.js';
import { prepared } from '../queries/statements.js';
import type { KzDb, ParagraphRole, StoredParagraph } from '../types.js';
import { applyRoles, loadArticle } from './articles.js';

interface Use {
  id: number;
  /** Articles using the paragraph, over all sites, and on this site. */
  total: number;
  site: number;
  /** 1 when marked as this site's boilerplate. */
  marked: number;
}

interface Mark {
  paragraphId: number;
  sourceId: string;
  total: number;
  site: number;
}

const SQL = {
  uses: `SELECT p.id, p.article_count AS total, COALESCE(ps.article_count, 0) AS site,
      EXISTS (SELECT 1 FROM site_boilerplate b WHERE b.paragraph_id = p.id AND b.source_id = @source) AS marked
    FROM json_each(@ids) j JOIN paragraphs p ON p.id = j.value
    LEFT JOIN paragraph_sources ps ON ps.paragraph_id = p.id AND ps.source_id = @source`,
  marks: `SELECT b.paragraph_id AS paragraphId, b.source_id AS sourceId, p.article_count AS total,
      COALESCE(ps.article_count, 0) AS site
    FROM json_each(?) j JOIN site_boilerplate b ON b.paragraph_id = j.value
    JOIN paragraphs p ON p.id = b.paragraph_id
    LEFT JOIN paragraph_sources ps ON ps.paragraph_id = b.paragraph_id AND ps.source_id = b.source_id`,
  // Copies and glued neighbours do not make a paragraph boilerplate: only articles that stand on their own count.
  ownUsers: `SELECT count(*) FROM (SELECT DISTINCT ap.article_id FROM article_paragraphs ap
      JOIN articles a ON a.id = ap.article_id
      WHERE ap.paragraph_id = ? AND a.source_id = ? AND ap.role != 'neighbour' AND a.duplicate_of IS NULL LIMIT ?)`,
  mark: 'INSERT INTO site_boilerplate (source_id, paragraph_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  unmark: 'DELETE FROM site_boilerplate WHERE source_id = ? AND paragraph_id = ?',
  siteUsers: `SELECT DISTINCT ap.article_id FROM article_paragraphs ap JOIN articles a ON a.id = ap.article_id
    WHERE ap.paragraph_id = ? AND a.source_id = ? AND ap.article_id != ?`,
  usedElsewhere: `SELECT 1 FROM article_paragraphs ap JOIN articles a ON a.id = ap.article_id
    WHERE ap.paragraph_id = ? AND ap.article_id != ? AND a.source_id = ? LIMIT 1`,
  isTitle: 'SELECT 1 FROM dedup_articles WHERE source_id = ? AND title_hash = ? AND article_id != ? LIMIT 1',
  holdingTitle: `SELECT DISTINCT ap.article_id FROM paragraphs p
    JOIN article_paragraphs ap ON ap.paragraph_id = p.id JOIN articles a ON a.id = ap.article_id
    WHERE p.hash = ? AND a.source_id = ? AND ap.article_id != ? AND ap.position > 0`,
} as const;

function uses(kz: KzDb, sourceId: string, paragraphs: readonly StoredParagraph[]): Map<number, Use> {
  const ids = JSON.stringify([...new Set(paragraphs.map((p) => p.paragraphId))]);
  const rows = prepared(kz, SQL.uses).all({ ids, source: sourceId }) as Use[];
  return new Map(rows.map((u) => [u.id, u]));
}

/** The cheap part of the boilerplate rule, from the counts alone. */
const countsQualify = (site: number, total: number): boolean =>
  site >= DEDUP.boilerplateMinArticles && site >= DEDUP.boilerplateMinSiteShare * total;

const ownUsers = (kz: KzDb, paragraphId: number, sourceId: string): number =>
  prepared(kz, SQL.ownUsers).pluck().get(paragraphId, sourceId, DEDUP.boilerplateMinArticles) as number;

const siteUsers = (kz: KzDb, paragraphId: number, sourceId: string, exceptId: number): number[] =>
  prepared(kz, SQL.siteUsers).pluck().all(paragraphId, sourceId, exceptId) as number[];

export interface MarksUpdate {
  /** Other articles whose roles may have changed. */
  touched: Set<number>;
  /** The uses of the article's paragraphs on its site, marks as now: what rolesFor reads. */
  uses: Map<number, Use>;
}

/**
 * Brings the boilerplate marks of an article's paragraphs up to date: a paragraph of its site that now
 * qualifies is marked, and a mark (of any site) that no longer qualifies (the paragraph spread to other
 * sites: a quote) is lifted.
 */
export function updateMarks(kz: KzDb, articleId: number, sourceId: string, paragraphs: readonly StoredParagraph[]): MarksUpdate {
  const touched = new Set<number>();
  const ids = JSON.stringify([...new Set(paragraphs.map((p) => p.paragraphId))]);
  for (const m of prepared(kz, SQL.marks).all(ids) as Mark[]) {
    if (countsQualify(m.site, m.total)) continue;
    prepared(kz, SQL.unmark).run(m.sourceId, m.paragraphId);
    for (const id of siteUsers(kz, m.paragraphId, m.sourceId, articleId)) touched.add(id);
  }
  const byId = uses(kz, sourceId, paragraphs);
  for (const u of byId.values()) {
    if (u.marked || !countsQualify(u.site, u.total)) continue;
    if (ownUsers(kz, u.id, sourceId) < DEDUP.boilerplateMinArticles) continue;
    prepared(kz, SQL.mark).run(sourceId, u.id);
    u.marked = 1;
    for (const id of siteUsers(kz, u.id, sourceId, articleId)) touched.add(id);
  }
  return { touched, uses: byId };
}

/** Stored articles of the site holding this title as one of their paragraphs (a neighbour glued below). */
export const articlesHoldingTitle = (kz: KzDb, titleHash: string, sourceId: string, exceptId: number): number[] =>
  prepared(kz, SQL.holdingTitle).pluck().all(titleHash, sourceId, exceptId) as number[];

/**
 * Where a glued neighbour begins: walking up from the last paragraph while each one belongs to another
 * article of the site (its boilerplate, another article's paragraph, another article's title), the
 * highest title met. Null when there is none, or it would leave the article too little of its own.
 */
function neighbourStart(kz: KzDb, articleId: number, sourceId: string, paragraphs: readonly StoredParagraph[], byId: Map<number, Use>): number | null {
  let start: number | null = null;
  for (let i = paragraphs.length - 1; i >= DEDUP.neighbourMinOwnParagraphs; i--) {
    const p = paragraphs[i] as StoredParagraph;
    const use = byId.get(p.paragraphId);
    const isTitle = prepared(kz, SQL.isTitle).get(sourceId, p.hash, articleId) !== undefined;
    if (isTitle) {
      start = i;
      continue;
    }
    const foreign =
      use !== undefined &&
      (use.marked === 1 || (use.site > 1 && prepared(kz, SQL.usedElsewhere).get(p.paragraphId, articleId, sourceId) !== undefined));
    if (!foreign) break;
  }
  return start;
}

/**
 * The role of each paragraph: 'neighbour' from where a glued article begins, 'boilerplate' for the site's
 * marked paragraphs, 'body' for the rest. An article never loses all its text to boilerplate: if nothing
 * else would be left, its marked paragraphs stay body.
 */
export function rolesFor(
  kz: KzDb,
  article: { id: number; sourceId: string; paragraphs: readonly StoredParagraph[] },
  byId: Map<number, Use> = uses(kz, article.sourceId, article.paragraphs),
): ParagraphRole[] {
  const start = neighbourStart(kz, article.id, article.sourceId, article.paragraphs, byId);
  const own = start ?? article.paragraphs.length;
  const marked = article.paragraphs.map((p) => byId.get(p.paragraphId)?.marked === 1);
  const keepMarked = marked.slice(0, own).every(Boolean);
  return article.paragraphs.map((_, i) => (i >= own ? 'neighbour' : marked[i] && !keepMarked ? 'boilerplate' : 'body'));
}

/** Gives stored articles their roles again (after a mark or a neighbour's arrival changed what they hold). */
export function recomputeRoles(kz: KzDb, ids: Iterable<number>): void {
  for (const id of ids) {
    const article = loadArticle(kz, id);
    if (!article) continue;
    applyRoles(kz, id, article.paragraphs, rolesFor(kz, article));
  }
}
