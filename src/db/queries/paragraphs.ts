/**
 * Paragraph rows and their use counts. paragraphs.article_count counts distinct articles,
 * paragraph_sources.article_count distinct articles of one source, paragraphs.source_count the sources
 * with a non-zero count: these numbers are what boilerplate detection trusts, so every change of an
 * article's paragraph set goes through useParagraphs / releaseParagraph.
 * A paragraph no article uses any more keeps its row (count 0): its id stays valid for whoever noted it.
 *
 * An article's links and counts are written set-wise (a JSON array of ids bound to one statement)
 * rather than one statement per paragraph. The paragraphs themselves are upserted one statement each:
 * their text in a JSON array cost more to build and parse than the statements (bench/ingest batched,
 * paragraph upserts 175 -> 137-155 µs an article).
 */
import type { KzDb } from '../types.js';
import { prepared } from './statements.js';

const SQL = {
  // A row coming back to use after dropping to 0 also had no source left: its source count restarts at 1.
  intern: `INSERT INTO paragraphs (hash, text, article_count, source_count) VALUES (?, ?, 1, 1)
    ON CONFLICT (hash) DO UPDATE SET article_count = article_count + 1,
      source_count = CASE WHEN article_count = 0 THEN 1 ELSE source_count END
    RETURNING id, article_count AS articles`,
  firstSourceUse: `INSERT INTO paragraph_sources (paragraph_id, source_id, article_count)
    SELECT value, ?, 1 FROM json_each(?)`,
  addSourceUse: `INSERT INTO paragraph_sources (paragraph_id, source_id, article_count)
    SELECT value, ?, 1 FROM json_each(?) WHERE true
    ON CONFLICT (paragraph_id, source_id) DO UPDATE SET article_count = article_count + 1
    RETURNING paragraph_id AS id, article_count AS articles`,
  addSources: 'UPDATE paragraphs SET source_count = source_count + 1 WHERE id IN (SELECT value FROM json_each(?))',
  idByHash: 'SELECT id FROM paragraphs WHERE hash = ?',
  dropArticle: 'UPDATE paragraphs SET article_count = article_count - 1 WHERE id = ?',
  dropSourceUse: `UPDATE paragraph_sources SET article_count = article_count - 1
    WHERE paragraph_id = ? AND source_id = ? RETURNING article_count`,
  deleteSourceUse: 'DELETE FROM paragraph_sources WHERE paragraph_id = ? AND source_id = ?',
  dropSource: 'UPDATE paragraphs SET source_count = source_count - 1 WHERE id = ?',
  linksOf: 'SELECT DISTINCT paragraph_id FROM article_paragraphs WHERE article_id = ?',
  link: `INSERT INTO article_paragraphs (article_id, position, paragraph_id, role)
    SELECT ?, key, value, 'body' FROM json_each(?)`,
} as const;

/**
 * Counts one more article (of `sourceId`) using each paragraph, creating those that are new.
 * `paragraphs` must hold distinct hashes. Returns hash → paragraph id.
 */
export function useParagraphs(kz: KzDb, paragraphs: readonly { hash: string; text: string }[], sourceId: string): Map<string, number> {
  const ids = new Map<string, number>();
  if (paragraphs.length === 0) return ids;
  const intern = prepared(kz, SQL.intern);
  const fresh: number[] = [];
  const shared: number[] = [];
  for (const { hash, text } of paragraphs) {
    const row = intern.get(hash, text) as { id: number; articles: number };
    ids.set(hash, row.id);
    (row.articles === 1 ? fresh : shared).push(row.id);
  }
  if (fresh.length > 0) prepared(kz, SQL.firstSourceUse).run(sourceId, JSON.stringify(fresh));
  if (shared.length > 0) {
    const uses = prepared(kz, SQL.addSourceUse).all(sourceId, JSON.stringify(shared)) as { id: number; articles: number }[];
    const newSource = uses.filter((u) => u.articles === 1).map((u) => u.id);
    if (newSource.length > 0) prepared(kz, SQL.addSources).run(JSON.stringify(newSource));
  }
  return ids;
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

/** Distinct paragraph ids an article links to now. */
export const linkedParagraphs = (kz: KzDb, articleId: number): Set<number> =>
  new Set(prepared(kz, SQL.linksOf).pluck().all(articleId) as number[]);

/** Writes an article's ordered links (all with role 'body'; dedup may change roles afterwards). */
export function linkParagraphs(kz: KzDb, articleId: number, paragraphIds: readonly number[]): void {
  if (paragraphIds.length > 0) prepared(kz, SQL.link).run(articleId, JSON.stringify(paragraphIds));
}

/**
 * Moves an article's paragraph use from its old set (under `oldSource`) to the paragraphs of `hashes`
 * (under `newSource`), touching only what changed; returns the id for each position of `hashes`.
 */
export function relinkParagraphs(
  kz: KzDb,
  old: { ids: Set<number>; sourceId: string | null },
  next: { hashes: readonly string[]; texts: readonly string[]; sourceId: string },
): number[] {
  const keepable = old.sourceId === next.sourceId && old.ids.size > 0;
  const byHash = new Map<string, number>();
  const kept = new Set<number>();
  const added: { hash: string; text: string }[] = [];
  const seen = new Set<string>();
  next.hashes.forEach((hash, i) => {
    if (seen.has(hash)) return;
    seen.add(hash);
    // Only a revision needs the lookup: a paragraph it keeps is not counted again.
    const existing = keepable ? (prepared(kz, SQL.idByHash).pluck().get(hash) as number | undefined) : undefined;
    if (existing !== undefined && old.ids.has(existing)) {
      kept.add(existing);
      byHash.set(hash, existing);
    } else {
      added.push({ hash, text: next.texts[i] ?? '' });
    }
  });
  for (const [hash, id] of useParagraphs(kz, added, next.sourceId)) byHash.set(hash, id);
  if (old.sourceId !== null) {
    for (const id of old.ids) if (!kept.has(id)) releaseParagraph(kz, id, old.sourceId);
  }
  return next.hashes.map((hash) => byHash.get(hash) as number);
}
