/**
 * Writes to articles_fts (contentless FTS5, rowid = articles.id): always in searchText's form (the ascii
 * tokenizer only splits it), always in the caller's transaction.
 *
 * Inside deferFtsWrites the rows wait until the end of the transaction. SQLite opens a statement
 * savepoint for every multi-row write (an article's paragraphs and links, dedup's tables), and FTS5
 * flushes its pending terms into a new segment at each savepoint: rows written between an article's
 * other statements made one small segment per article, and merge work for each, instead of one per
 * transaction. Nothing reads articles_fts inside a store transaction, so the wait is not visible.
 */
import type Database from 'better-sqlite3';
import { searchText } from '../search-text.js';
import type { KzDb } from '../types.js';
import { prepared } from './statements.js';

/** The indexed fields of an article (the lead may be missing). */
export interface FtsText {
  title: string;
  lead: string | null;
  body: string;
}

interface PendingRow extends FtsText {
  /** The index already holds a row for this id (from before the transaction): delete it first. */
  indexed: boolean;
}

/** Rows waiting for the end of the current store transaction, per connection (no entry: write at once). */
const pendingRows = new WeakMap<Database.Database, Map<number, PendingRow>>();

function writeRow(kz: KzDb, articleId: number, row: PendingRow): void {
  if (row.indexed) prepared(kz, 'DELETE FROM articles_fts WHERE rowid = ?').run(articleId);
  prepared(kz, 'INSERT INTO articles_fts (rowid, title, body, lead) VALUES (?, ?, ?, ?)').run(
    articleId,
    searchText(row.title),
    searchText(row.body),
    searchText(row.lead ?? ''),
  );
}

function queue(kz: KzDb, articleId: number, row: PendingRow): void {
  const pending = pendingRows.get(kz.sqlite);
  if (!pending) {
    writeRow(kz, articleId, row);
    return;
  }
  // A row queued earlier in this transaction decides whether the index held one before.
  const earlier = pending.get(articleId);
  pending.set(articleId, earlier ? { ...row, indexed: earlier.indexed } : row);
}

export function insertFtsRow(kz: KzDb, articleId: number, text: FtsText): void {
  queue(kz, articleId, { ...text, indexed: false });
}

export function replaceFtsRow(kz: KzDb, articleId: number, text: FtsText): void {
  queue(kz, articleId, { ...text, indexed: true });
}

/**
 * Runs `work` (inside the caller's transaction) with FTS writes held back, then writes them, last,
 * so FTS5 builds one segment for the lot. A nested call joins the outer one. If `work` throws, the
 * held rows are dropped with the rest of the transaction.
 */
export function deferFtsWrites<T>(kz: KzDb, work: () => T): T {
  if (pendingRows.has(kz.sqlite)) return work();
  const pending = new Map<number, PendingRow>();
  pendingRows.set(kz.sqlite, pending);
  try {
    const result = work();
    for (const [articleId, row] of pending) writeRow(kz, articleId, row);
    return result;
  } finally {
    pendingRows.delete(kz.sqlite);
  }
}
