/**
 * Opens the SQLite database and brings its schema up to date with the migrations in drizzle/.
 * One connection per process: better-sqlite3 is synchronous, WAL lets readers run beside a writer.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { UsageError } from '../errors.js';
import { DB } from '../settings.js';
import * as schema from './schema.js';
import { searchText } from './search-text.js';
import type { KzDb } from './types.js';
import { finishUpgrade } from './upgrade.js';

export type { KzDb } from './types.js';

/** src/db/client.ts and dist/db/client.js both sit two levels below the package root. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

const MIGRATIONS_TABLE = '__drizzle_migrations';
const IN_MEMORY = ':memory:';

interface Migration extends MigrationMeta {
  tag: string;
}

export interface MigrateResult {
  path: string;
  /** Tags of the migrations this call applied (e.g. "0001_fts"), oldest first. */
  applied: string[];
  /** Tag of the newest migration now in the database. */
  current: string | null;
}

function loadMigrations(): Migration[] {
  const metas = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  };
  return metas.map((m, i) => ({ ...m, tag: journal.entries[i]?.tag ?? `#${i}` }));
}

const userTables = (sqlite: Database.Database): string[] =>
  sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];

/**
 * The migrations not yet in the database, by drizzle's own rule (newer than the last one recorded).
 * Refuses a database that some other program made, before anything is written to it.
 */
function pendingMigrations(sqlite: Database.Database, migrations: Migration[], path: string): Migration[] {
  const tables = userTables(sqlite);
  if (!tables.includes(MIGRATIONS_TABLE)) {
    if (tables.length > 0) {
      throw new UsageError(
        `${path} is a SQLite database but not a kznews database (it holds ${tables.slice(0, 5).join(', ')}` +
          `${tables.length > 5 ? ', …' : ''} and no kznews migrations): point DATABASE_PATH at a new or kznews file`,
      );
    }
    return migrations;
  }
  const recorded = sqlite.prepare(`SELECT hash, created_at AS createdAt FROM ${MIGRATIONS_TABLE}`).all() as {
    hash: string;
    createdAt: number;
  }[];
  const known = new Set(migrations.map((m) => m.hash));
  const foreign = recorded.find((r) => !known.has(r.hash));
  if (foreign) {
    throw new UsageError(
      `${path} was migrated by another program or a newer kznews (unknown migration ${foreign.hash.slice(0, 12)}…): ` +
        'upgrade kznews or use another DATABASE_PATH',
    );
  }
  const last = Math.max(-Infinity, ...recorded.map((r) => Number(r.createdAt)));
  return migrations.filter((m) => m.folderMillis > last);
}

function currentTag(sqlite: Database.Database, migrations: Migration[]): string | null {
  const last = sqlite.prepare(`SELECT max(created_at) FROM ${MIGRATIONS_TABLE}`).pluck().get() as number | null;
  return migrations.find((m) => m.folderMillis === Number(last))?.tag ?? null;
}

function applyMigrations(kz: KzDb): MigrateResult {
  const migrations = loadMigrations();
  const pending = pendingMigrations(kz.sqlite, migrations, kz.path);
  // A reader opening beside a running worker must not take the write lock when there is nothing to do.
  if (pending.length > 0) {
    try {
      drizzleMigrate(kz.db, { migrationsFolder: MIGRATIONS_FOLDER });
    } catch (e) {
      // Two processes opening a new file at once: the loser finds the winner's tables; that is success.
      if (pendingMigrations(kz.sqlite, migrations, kz.path).length > 0) throw e;
      return { path: kz.path, applied: [], current: currentTag(kz.sqlite, migrations) };
    }
  }
  return { path: kz.path, applied: pending.map((m) => m.tag), current: currentTag(kz.sqlite, migrations) };
}

function configure(sqlite: Database.Database, path: string): void {
  // busy_timeout first: switching to WAL itself waits on a lock another process may hold.
  sqlite.pragma(`busy_timeout = ${DB.busyTimeoutMs}`);
  const mode = sqlite.pragma('journal_mode = WAL', { simple: true }) as string;
  if (mode !== 'wal' && path !== IN_MEMORY) {
    throw new UsageError(`${path}: SQLite refused WAL mode (got "${mode}"): is the file on a network or read-only disk?`);
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`cache_size = -${DB.cacheSizeKiB}`);
  sqlite.pragma(`mmap_size = ${DB.mmapBytes}`);
  sqlite.pragma('temp_store = MEMORY');
  // The FTS migrations index stored rows in the form the application writes (drizzle/0007, 0011).
  sqlite.function('kz_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? searchText(text) : text));
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function connect(path: string): KzDb {
  const file = path === IN_MEMORY ? path : resolve(path);
  if (file !== IN_MEMORY) mkdirSync(dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (e) {
    throw new UsageError(`cannot open the database ${file}: ${describe(e)}`);
  }
  try {
    configure(sqlite, file);
  } catch (e) {
    sqlite.close();
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file} is not a usable kznews database (${describe(e)}): is it corrupt or not SQLite?`);
  }
  const db = drizzle({ client: sqlite, schema });
  return {
    db,
    sqlite,
    path: file,
    close() {
      if (sqlite.open) sqlite.close();
    },
  };
}

function migrated(kz: KzDb): MigrateResult {
  try {
    const result = applyMigrations(kz);
    finishUpgrade(kz, (r) => process.stderr.write(`kznews: ${kz.path}: ${r.message}\n`));
    return result;
  } catch (e) {
    kz.close();
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${kz.path}: could not bring the schema up to date (${describe(e)}): is the file corrupt?`);
  }
}

/** Opens (creating it and its directory if needed) and migrates the database at `path`. */
export function openDatabase(path: string): KzDb {
  const kz = connect(path);
  migrated(kz);
  return kz;
}

/** `kznews migrate`: applies what is pending and says what that was. */
export function migrate(path: string): MigrateResult {
  const kz = connect(path);
  try {
    return migrated(kz);
  } finally {
    kz.close();
  }
}
