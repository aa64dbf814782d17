/**
 * Paragraph rows and their use counts. paragraphs.article_count counts distinct articles,
 * paragraph_sources.article_count distinct articles of one source, paragraphs.source_count the sources
 * with a non-zero count: these numbers are what boilerplate detection trusts, so every change of an
 * article's paragraph set goes through useParagraph / releaseParagraph.
 * A paragraph no article uses any more keeps its row (count 0): its id stays valid for whoever noted it.
 */
import type { KzDb } from '../types.js';
import { prepared } from './statements.js';

const SQL = {
  intern: `INSERT INTO paragraphs (hash, text, article_count, source_count) VALUES (?, ?, 1, 0)
    ON CONFLICT (hash) DO UPDATE SET article_count = article_count + 1 RETURNING id`,
  idByHash: 'SELECT id FROM paragraphs WHERE hash = ?',
  addArticle: 'UPDATE paragraphs SET article_count = article_count + 1 WHERE id = ?',
  addSourceUse: `INSERT INTO paragraph_sources (paragraph_id, source_id, article_count) VALUES (?, ?, 1)
    ON CONFLICT (paragraph_id, source_id) DO UPDATE SET article_count = article_count + 1 RETURNING article_count`,
  addSource: 'UPDATE paragraphs SET source_count = source_count + 1 WHERE id = ?',
  dropArticle: 'UPDATE paragraphs SET article_count = article_count - 1 WHERE id = ?',
  dropSourceUse: `UPDATE paragraph_sources SET article_count = article_count - 1
    WHERE paragraph_id = ? AND source_id = ? RETURNING article_count`,
  deleteSourceUse: 'DELETE FROM paragraph_sources WHERE paragraph_id = ? AND source_id = ?',
  dropSource: 'UPDATE paragraphs SET source_count = source_count - 1 WHERE id = ?',
  linksOf: 'SELECT DISTINCT paragraph_id FROM article_paragraphs WHERE article_id = ?',
} as const;

function addSourceUse(kz: KzDb, paragraphId: number, sourceId: string): void {
  const count = prepared(kz, SQL.addSourceUse).pluck().get(paragraphId, sourceId) as number;
  if (count === 1) prepared(kz, SQL.addSource).run(paragraphId);
}

/** Counts one more article (of `sourceId`) using the paragraph with this hash, creating it if new; returns its id. */
export function useParagraph(kz: KzDb, hash: string, text: string, sourceId: string): number {
  const id = prepared(kz, SQL.intern).pluck().get(hash, text) as number;
  addSourceUse(kz, id, sourceId);
  return id;
}

/** Counts one more article using an existing paragraph. */
export function useParagraphId(kz: KzDb, paragraphId: number, sourceId: string): void {
  prepared(kz, SQL.addArticle).run(paragraphId);
  addSourceUse(kz, paragraphId, sourceId);
}

/** Counts one article (of `sourceId`) fewer using the paragraph. */
export function releaseParagraph(kz: KzDb, paragraphId: number, sourceId: string): void {
  prepared(kz, SQL.dropArticle).run(paragraphId);
  const left = prepared(kz, SQL.dropSourceUse).pluck().get(paragraphId, sourceId) as number | undefined;
  if (left === 0) {
    prepared(kz, SQL.deleteSourceUse).run(paragraphId, sourceId);
    prepared(kz, SQL.dropSource).run(paragraphId);
  }
}

export const paragraphIdByHash = (kz: KzDb, hash: string): number | undefined =>
  prepared(kz, SQL.idByHash).pluck().get(hash) as number | undefined;

/** Distinct paragraph ids an article links to now. */
export const linkedParagraphs = (kz: KzDb, articleId: number): Set<number> =>
  new Set(prepared(kz, SQL.linksOf).pluck().all(articleId) as number[]);

/**
 * Moves an article's paragraph use from its old set (under `oldSource`) to the paragraphs of `hashes`
 * (under `newSource`), touching only what changed; returns the id for each position of `hashes`.
 */
export function relinkParagraphs(
  kz: KzDb,
  old: { ids: Set<number>; sourceId: string | null },
  next: { hashes: readonly string[]; texts: readonly string[]; sourceId: string },
): number[] {
  const sameSource = old.sourceId === next.sourceId;
  const byHash = new Map<string, number>();
  const kept = new Set<number>();
  next.hashes.forEach((hash, i) => {
    if (byHash.has(hash)) return;
    // A new article needs no lookup: the upsert in useParagraph finds or creates the row.
    const existing = old.ids.size > 0 ? paragraphIdByHash(kz, hash) : undefined;
    if (existing !== undefined && sameSource && old.ids.has(existing)) {
      kept.add(existing);
      byHash.set(hash, existing);
    } else if (existing !== undefined) {
      useParagraphId(kz, existing, next.sourceId);
      byHash.set(hash, existing);
    } else {
      byHash.set(hash, useParagraph(kz, hash, next.texts[i] ?? '', next.sourceId));
    }
  });
  if (old.sourceId !== null) {
    for (const id of old.ids) if (!kept.has(id)) releaseParagraph(kz, id, old.sourceId);
  }
  return next.hashes.map((hash) => byHash.get(hash) as number);
}
