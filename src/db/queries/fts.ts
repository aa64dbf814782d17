/** Writes to articles_fts (contentless FTS5, rowid = articles.id): always folded, always in the caller's transaction. */
import { foldForSearch } from '../search-text.js';
import type { KzDb } from '../types.js';
import { prepared } from './statements.js';

export function insertFtsRow(kz: KzDb, articleId: number, title: string, body: string): void {
  prepared(kz, 'INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)').run(
    articleId,
    foldForSearch(title),
    foldForSearch(body),
  );
}

export function replaceFtsRow(kz: KzDb, articleId: number, title: string, body: string): void {
  prepared(kz, 'DELETE FROM articles_fts WHERE rowid = ?').run(articleId);
  insertFtsRow(kz, articleId, title, body);
}
