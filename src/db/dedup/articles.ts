/** Reading an article as dedup sees it, and writing back the roles of its paragraphs. */
import type { Lang } from '../../scrapers/types.js';
import { refreshArticleBody } from '../queries/store.js';
import { prepared } from '../queries/statements.js';
import type { KzDb, ParagraphRole, StoredParagraph } from '../types.js';

export interface DedupArticle {
  id: number;
  sourceId: string;
  title: string;
  lead: string | null;
  language: Lang | null;
  publishedAt: string | null;
  firstSeenAt: string;
  contentHash: string;
  duplicateOf: number | null;
  storyId: number | null;
  fingerprint: string | null;
  paragraphs: StoredParagraph[];
}

const SQL = {
  article: `SELECT id, source_id AS sourceId, title, lead, language, published_at AS publishedAt,
      first_seen_at AS firstSeenAt, content_hash AS contentHash, duplicate_of AS duplicateOf,
      story_id AS storyId, fingerprint
    FROM articles WHERE id = ?`,
  paragraphs: `SELECT ap.paragraph_id AS paragraphId, p.hash, p.text, ap.position
    FROM article_paragraphs ap JOIN paragraphs p ON p.id = ap.paragraph_id
    WHERE ap.article_id = ? ORDER BY ap.position`,
  roles: 'SELECT role FROM article_paragraphs WHERE article_id = ? ORDER BY position',
  setRole: 'UPDATE article_paragraphs SET role = ? WHERE article_id = ? AND position = ? AND role != ?',
} as const;

export function loadArticle(kz: KzDb, id: number): DedupArticle | null {
  const row = prepared(kz, SQL.article).get(id) as Omit<DedupArticle, 'paragraphs'> | undefined;
  if (!row) return null;
  return { ...row, paragraphs: prepared(kz, SQL.paragraphs).all(id) as StoredParagraph[] };
}

export const storedRoles = (kz: KzDb, id: number): ParagraphRole[] =>
  prepared(kz, SQL.roles).pluck().all(id) as ParagraphRole[];

/** Writes the roles that differ; returns whether any did. */
export function writeRoles(kz: KzDb, id: number, paragraphs: readonly StoredParagraph[], roles: readonly ParagraphRole[]): boolean {
  const stmt = prepared(kz, SQL.setRole);
  let changed = false;
  paragraphs.forEach((p, i) => {
    const role = roles[i] as ParagraphRole;
    if (stmt.run(role, id, p.position, role).changes > 0) changed = true;
  });
  return changed;
}

/** Writes new roles of an already stored article and rebuilds its body and FTS row when they changed. */
export function applyRoles(kz: KzDb, id: number, paragraphs: readonly StoredParagraph[], roles: readonly ParagraphRole[]): void {
  if (writeRoles(kz, id, paragraphs, roles)) refreshArticleBody(kz, id);
}
