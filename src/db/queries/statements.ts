/**
 * Prepared statements, compiled once per connection and reused: the hot path (storeArticle) runs
 * some twenty statements per article, and compiling them each time would cost more than running them.
 */
import type Database from 'better-sqlite3';
import type { KzDb } from '../types.js';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The cached statement for `sql`. Its pluck mode sticks to it, so each SQL text is used in one mode only. */
export function prepared(kz: KzDb, sql: string): Database.Statement {
  let cache = caches.get(kz.sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(kz.sqlite, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = kz.sqlite.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** Splits a list into runs of at most `size` (IN lists stay far below any parameter limit). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** "?, ?, ?" for an IN list of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export const nowIso = (): string => new Date().toISOString();
