import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrate, openDatabase } from '../../src/db/client.js';
import { rawPages, searchArticles, storeArticle, upsertSources } from '../../src/db/queries.js';
import * as schema from '../../src/db/schema.js';
import { foldForSearch } from '../../src/db/search-text.js';
import type { KzDb } from '../../src/db/types.js';
import { UsageError } from '../../src/errors.js';
import { draft, input, source, tempDir } from './helpers.js';

const dirs: string[] = [];
const dir = (): string => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every migration in drizzle/, as the journal lists them (others append theirs). */
const ALL = (
  JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
).entries.map((e) => e.tag);

describe('openDatabase', () => {
  it('creates the parent directory and applies every migration, FTS table included', () => {
    const file = join(dir(), 'a', 'b', 'kznews.db');
    const kz = openDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      const tables = kz.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['articles', 'paragraphs', 'fetches', 'crawl_runs', 'articles_fts']));
      expect(kz.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(ALL.length);
    } finally {
      kz.close();
    }
  });

  it('turns on WAL, foreign keys, a busy timeout and synchronous=NORMAL', () => {
    const kz = openDatabase(join(dir(), 'kznews.db'));
    try {
      expect(kz.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(kz.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(kz.sqlite.pragma('busy_timeout', { simple: true })).toBe(10_000);
      expect(kz.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      kz.close();
    }
  });

  it('opens an up-to-date database again without re-applying anything', () => {
    const file = join(dir(), 'kznews.db');
    openDatabase(file).close();
    const kz = openDatabase(file);
    try {
      expect(kz.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(ALL.length);
    } finally {
      kz.close();
    }
  });

  it('lets a reader open the file while another connection holds the write lock', () => {
    const file = join(dir(), 'kznews.db');
    const writer = openDatabase(file);
    writer.sqlite.exec("BEGIN IMMEDIATE; INSERT INTO crawl_runs (trigger, started_at) VALUES ('manual', 'x')");
    try {
      const reader = openDatabase(file);
      expect(reader.sqlite.prepare('SELECT count(*) FROM crawl_runs').pluck().get()).toBe(0);
      reader.close();
    } finally {
      writer.sqlite.exec('ROLLBACK');
      writer.close();
    }
  });

  it('refuses a SQLite file of another program, naming the file', () => {
    const file = join(dir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    other.close();
    expect(() => openDatabase(file)).toThrow(UsageError);
    expect(() => openDatabase(file)).toThrow(`${file} is a SQLite database but not a kznews database (it holds customers`);
  });

  it('refuses a file that is not SQLite at all, naming the file', () => {
    const file = join(dir(), 'garbage.db');
    writeFileSync(file, 'this is not a database, just some text that is long enough to have a header'.repeat(20));
    expect(() => openDatabase(file)).toThrow(UsageError);
    expect(() => openDatabase(file)).toThrow(`${file} is not a usable kznews database (file is not a database)`);
  });

  it('refuses a database migrated by a newer kznews', () => {
    const file = join(dir(), 'kznews.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), 9e15);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/migrated by another program or a newer kznews \(unknown migration ffffffffffff…\)/);
  });

  it('finds the migrations next to the package root from src/ (and so from dist/)', () => {
    expect(MIGRATIONS_FOLDER).toBe(join(import.meta.dirname, '..', '..', 'drizzle'));
    expect(existsSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'))).toBe(true);
  });
});

describe('migrate', () => {
  it('reports every migration on a new file, then nothing', () => {
    const file = join(dir(), 'kznews.db');
    expect(ALL.slice(0, 3)).toEqual(['0000_init', '0001_fetches_final_url', '0002_fts']);
    expect(migrate(file)).toEqual({ path: file, applied: ALL, current: ALL.at(-1) });
    expect(migrate(file)).toEqual({ path: file, applied: [], current: ALL.at(-1) });
  });
});

/**
 * A database file migrated only up to `lastTag`, as an older kznews left it (drizzle's own migrator).
 * From 0007 on the migrations call kz_fold: here the fold older kznews indexed with (foldForSearch).
 */
function migratedUpTo(file: string, lastTag: string): Database.Database {
  const folder = join(dir(), 'drizzle');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === lastTag) + 1);
  writeFileSync(journalFile, JSON.stringify(journal));
  const sqlite = new Database(file);
  sqlite.function('kz_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : text));
  drizzleMigrate(drizzle({ client: sqlite }), { migrationsFolder: folder });
  return sqlite;
}

describe('the FTS migration that adds the lead', () => {
  it('indexes again the articles an older database holds: title, body and lead, folded', () => {
    const file = join(dir(), 'kznews.db');
    const old = migratedUpTo(file, '0006_fetches_outcome_idx');
    old.prepare("INSERT INTO sources (id, name, base_url, cron, updated_at) VALUES ('akorda.kz', 'Akorda', 'https://akorda.kz', '* * * * *', '2024-01-01')").run();
    const insert = old.prepare(
      `INSERT INTO articles (source_id, url, title, lead, body, first_seen_at, last_seen_at, fetched_at, content_hash)
       VALUES ('akorda.kz', ?, ?, ?, ?, '2024-01-01', '2024-01-01', '2024-01-01', ?)`,
    );
    insert.run('https://akorda.kz/1', 'Саммит ШОС', 'Глава государства прибыл в Туркестан.', 'Переговоры прошли в Ёлкине.', 'a');
    insert.run('https://akorda.kz/2', 'Погода', null, 'Снег в столице.', 'b');
    old.close();

    const kz = openDatabase(file);
    try {
      const found = (words: string): number[] => searchArticles(kz, { words }).map((a) => a.id);
      expect(found('шос')).toEqual([1]);
      expect(found('ТУРКЕСТАН')).toEqual([1]);
      expect(found('елкине')).toEqual([1]);
      expect(found('снег')).toEqual([2]);
      expect(kz.sqlite.prepare('SELECT count(*) FROM articles_fts_docsize').pluck().get()).toBe(2);
    } finally {
      kz.close();
    }
  });
});

describe('the FTS migration to the ascii tokenizer (drizzle/0011)', () => {
  it('indexes again the articles a 0010 database holds: still found and ranked, re-extracted from their raw pages', () => {
    const file = join(dir(), 'kznews.db');
    const sqlite = migratedUpTo(file, '0010_dedup_rebuild_pending');
    const old: KzDb = { db: drizzle({ client: sqlite, schema }), sqlite, path: file, close: () => sqlite.close() };
    upsertSources(old, [source('akorda.kz')]);
    const summit = draft({
      url: 'https://akorda.kz/1',
      sourceId: 'akorda.kz',
      title: 'Саммит ШОС',
      lead: 'Глава государства прибыл в Туркестан.',
      paragraphs: ['Переговоры прошли в Ёлкине.', 'Кофе в «Café Central» — после.'],
    });
    const weather = draft({ url: 'https://akorda.kz/2', sourceId: 'akorda.kz', title: 'Погода', paragraphs: ['Снег в столице.', 'ШОС ни при чём.'] });
    storeArticle(old, input(summit));
    storeArticle(old, input(weather));
    // The index as an older kznews wrote it: folded text, split by unicode61.
    sqlite.exec(`DELETE FROM articles_fts;
      INSERT INTO articles_fts (rowid, title, body, lead) SELECT id, kz_fold(title), kz_fold(body), kz_fold(coalesce(lead, '')) FROM articles`);
    sqlite.close();

    const kz = openDatabase(file);
    try {
      const found = (words: string): number[] => searchArticles(kz, { words }).map((a) => a.id);
      expect(kz.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").pluck().get()).toMatch(/tokenize = 'ascii'/);
      expect(found('шос')).toEqual([1, 2]);
      expect(found('ТУРКЕСТАН')).toEqual([1]);
      expect(found('елкине')).toEqual([1]);
      expect(found('cafe central')).toEqual([1]);
      expect(found('CAFÉ')).toEqual([1]);
      expect(found('снег')).toEqual([2]);
      expect(kz.sqlite.prepare('SELECT count(*) FROM articles_fts_docsize').pluck().get()).toBe(2);
      kz.sqlite.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").run();

      // `kznews reextract`: each stored raw page read back and stored again as a new revision.
      const pages = [...rawPages(kz)];
      expect(pages.map((p) => [p.url, p.html.includes('Ёлкине')])).toEqual([
        ['https://akorda.kz/1', true],
        ['https://akorda.kz/2', false],
      ]);
      const page = pages[0] as (typeof pages)[number];
      const again = storeArticle(kz, {
        ...input({ ...summit, paragraphs: ['Переговоры прошли в Астане.'] }, { html: page.html, fetchedAt: page.fetchedAt }),
        logFetch: false,
      });
      expect(again).toMatchObject({ articleId: 1, outcome: 'updated', revision: 2 });
      expect(found('астане')).toEqual([1]);
      expect(found('елкине')).toEqual([]);
      expect(found('шос')).toEqual([1, 2]);
    } finally {
      kz.close();
    }
  });
});
