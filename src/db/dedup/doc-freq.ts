/**
 * Document frequencies of stems, as the story step reads and counts them. The state is in the database:
 * a stem's frequency is its count in term_stats plus the number of pending articles holding it, the
 * articles of dedup_articles above the watermark `df_through` (dedup_counters), whose stems are not yet
 * in term_stats. A new article is only pending (its stems are in its stored vector); every
 * docFreqPendingArticles articles the pending counts are added to term_stats at once, one write per
 * distinct stem instead of one per stem of each article. An article at or below the watermark (a new
 * revision of an older one, a rebuild out of id order) is counted into term_stats directly.
 *
 * Each connection keeps what it has read and counted in memory, and trusts it only while nothing else
 * wrote: every session moves a token in dedup_counters from the value this connection left to a fresh
 * random one. When the token is not the one it left (another process counted articles, a rebuild emptied
 * the counters, a transaction holding this connection's writes was rolled back), the memory is dropped
 * and read again from the tables. Frequencies are those of the tables alone, whoever wrote them.
 */
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { vectorFromBytes } from '../../pipeline/dedup.js';
import { DEDUP } from '../../settings.js';
import { prepared } from '../queries/statements.js';
import type { KzDb } from '../types.js';

const TOKEN = 'df_token';
const WATERMARK = 'df_through';

const SQL = {
  stored: 'SELECT doc_count FROM term_stats WHERE term = ?',
  add: `INSERT INTO term_stats (term, doc_count) VALUES (?, ?)
    ON CONFLICT (term) DO UPDATE SET doc_count = doc_count + excluded.doc_count`,
  counter: 'SELECT value FROM dedup_counters WHERE name = ?',
  setCounter: `INSERT INTO dedup_counters (name, value) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
  // Moves the token on only from the value this connection left: no row changed means it was not there.
  pass: 'UPDATE dedup_counters SET value = @next WHERE name = @name AND value = @last',
  pending: 'SELECT article_id AS id, vector FROM dedup_articles WHERE article_id > ?',
} as const;

interface Memory {
  token: number;
  /** term_stats as this connection read or wrote it (terms not read yet are missing). */
  stored: Map<number, number>;
  /** Articles above the watermark holding each term. */
  pending: Map<number, number>;
  pendingArticles: number;
  /** The highest pending article id (the watermark when there is none). */
  lastPending: number;
  watermark: number;
}

const memories = new WeakMap<Database.Database, Memory>();

/** A random token, never 0. */
const freshToken = (): number => randomInt(1, 2 ** 47);

const counter = (kz: KzDb, name: string): number => (prepared(kz, SQL.counter).pluck().get(name) as number | undefined) ?? 0;

function load(kz: KzDb, token: number): Memory {
  const watermark = counter(kz, WATERMARK);
  const m: Memory = { token, stored: new Map(), pending: new Map(), pendingArticles: 0, lastPending: watermark, watermark };
  for (const row of prepared(kz, SQL.pending).all(watermark) as { id: number; vector: Buffer }[]) {
    for (const term of vectorFromBytes(row.vector).terms) m.pending.set(term, (m.pending.get(term) ?? 0) + 1);
    m.pendingArticles++;
    m.lastPending = Math.max(m.lastPending, row.id);
  }
  return m;
}

/** This connection's memory of the frequencies, valid for the writes that follow in this transaction. */
function session(kz: KzDb): Memory {
  const next = freshToken();
  const m = memories.get(kz.sqlite);
  if (m && m.stored.size <= DEDUP.docFreqCacheTerms && prepared(kz, SQL.pass).run({ name: TOKEN, next, last: m.token }).changes === 1) {
    m.token = next;
    return m;
  }
  prepared(kz, SQL.setCounter).run(TOKEN, next);
  const fresh = load(kz, next);
  memories.set(kz.sqlite, fresh);
  return fresh;
}

function stored(kz: KzDb, m: Memory, term: number): number {
  let n = m.stored.get(term);
  if (n === undefined) {
    n = (prepared(kz, SQL.stored).pluck().get(term) as number | undefined) ?? 0;
    m.stored.set(term, n);
  }
  return n;
}

/** Adds `by` to terms' counts in term_stats (and in memory, where it holds them). */
function addStored(kz: KzDb, m: Memory, counts: Iterable<[number, number]>): void {
  const add = prepared(kz, SQL.add);
  for (const [term, by] of counts) {
    if (by === 0) continue;
    add.run(term, by);
    const n = m.stored.get(term);
    if (n !== undefined) m.stored.set(term, n + by);
  }
}

/** Moves the pending articles' counts into term_stats and the watermark up to them. */
function flush(kz: KzDb, m: Memory): void {
  addStored(kz, m, m.pending);
  prepared(kz, SQL.setCounter).run(WATERMARK, m.lastPending);
  m.pending.clear();
  m.pendingArticles = 0;
  m.watermark = m.lastPending;
}

/**
 * Counts article `id`, holding these terms, into the frequencies (its vector is stored next, in the
 * same transaction); returns each term's frequency with it.
 */
export function countArticle(kz: KzDb, id: number, terms: Iterable<number>): Map<number, number> {
  const m = session(kz);
  if (m.pendingArticles >= DEDUP.docFreqPendingArticles) flush(kz, m);
  const df = new Map<number, number>();
  if (id > m.watermark) {
    for (const term of terms) {
      const pending = (m.pending.get(term) ?? 0) + 1;
      m.pending.set(term, pending);
      df.set(term, stored(kz, m, term) + pending);
    }
    m.pendingArticles++;
    m.lastPending = Math.max(m.lastPending, id);
    return df;
  }
  const list = [...terms];
  addStored(kz, m, list.map((term): [number, number] => [term, 1]));
  for (const term of list) df.set(term, stored(kz, m, term) + (m.pending.get(term) ?? 0));
  return df;
}

/** Takes article `id`, holding these terms, back out of the frequencies (before its vector is dropped). */
export function uncountArticle(kz: KzDb, id: number, terms: Iterable<number>): void {
  const m = session(kz);
  if (id <= m.watermark) {
    addStored(kz, m, Array.from(terms, (term): [number, number] => [term, -1]));
    return;
  }
  for (const term of terms) m.pending.set(term, (m.pending.get(term) ?? 0) - 1);
  m.pendingArticles--;
}
