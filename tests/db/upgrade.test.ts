import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/db/client.js';
import type { KzDb } from '../../src/db/types.js';
import { article, dedupDb, prose, row, store, type DedupDb } from './dedup/helpers.js';

const dbs: DedupDb[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dbs.splice(0)) d.cleanup();
});

/** Runs a migration's SQL as drizzle does: statement by statement. */
function runMigration(kz: KzDb, tag: string): void {
  const sql = readFileSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), 'utf8');
  for (const statement of sql.split('--> statement-breakpoint')) kz.sqlite.exec(statement);
}

const count = (kz: KzDb, table: string): number => kz.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('upgrading a database whose dedup state was keyed anew (drizzle/0008–0010)', () => {
  it('indexes the stored articles again at the next open, once, so later copies of them are still found', () => {
    const d = dedupDb(['zakon', 'tengri', 'orda']);
    dbs.push(d);
    const text = prose(7, 5);
    store(d.kz, article('zakon', 'original', text));
    store(d.kz, article('tengri', 'copy', text));
    const original = row(d.kz, 'https://zakon.kz/news/original').id;
    expect(row(d.kz, 'https://tengri.kz/news/copy').duplicateOf).toBe(original);

    // What an older kznews' database goes through: its dedup tables dropped and made anew, empty.
    for (const tag of ['0008_dedup_state_drop', '0009_dedup_state_keyed', '0010_dedup_rebuild_pending']) runMigration(d.kz, tag);
    expect(count(d.kz, 'dedup_articles')).toBe(0);
    expect(count(d.kz, 'kz_pending_tasks')).toBe(1);
    d.kz.close();

    const said: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      said.push(String(chunk));
      return true;
    });
    const kz = openDatabase(d.kz.path);
    vi.restoreAllMocks();
    try {
      expect(said.join('')).toMatch(/re-indexing 2 stored articles.*\n.*re-indexed 2 articles: 1 duplicates, 0 stories/s);
      expect(count(kz, 'dedup_articles')).toBe(2);
      expect(count(kz, 'kz_pending_tasks')).toBe(0);
      expect(row(kz, 'https://tengri.kz/news/copy').duplicateOf).toBe(original);
      // A copy arriving after the upgrade with a few words changed is found through the rebuilt fingerprints.
      const near = [...text.slice(0, -1), `${text.at(-1)} Подробности позже.`];
      expect(store(kz, article('orda', 'near-copy', near)).duplicateOf).toBe(original);
    } finally {
      kz.close();
    }

    const again = vi.spyOn(process.stderr, 'write');
    openDatabase(d.kz.path).close();
    expect(again).not.toHaveBeenCalled();
  });

  it('leaves nothing to do on a database that held no articles', () => {
    const d = dedupDb(['zakon']);
    dbs.push(d);
    expect(count(d.kz, 'kz_pending_tasks')).toBe(0);
  });
});
