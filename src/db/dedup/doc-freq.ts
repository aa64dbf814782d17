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
 * wrote: every session moves a token in dedup_counters from the value this connection left to a new
 * one. When the token is not the one it left (another process counted articles, a rebuild emptied
 * the counters, a transaction holding this connection's writes was rolled back), the memory is dropped
 * and read again from the tables. Frequencies are those of the tables alone, whoever wrote them.
 */
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { vectorFromBytes } from '../../pipeline/dedup.js';
import { DEDUP } from '../../settings.js';
import { prepared } from '../queries/statements.js';
import type { KzDb } from '../types.js';
import { PENDING, STORED, TermTable } from './term-table.js';

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
  pass: 'UPDATE dedup_counters SET value = ? WHERE name = ? AND value = ?',
  pending: 'SELECT article_id AS id, vector FROM dedup_articles WHERE article_id > ?',
} as const;

interface Memory {
  token: number;
  /** One entry per term met: one lookup per stem of an article. */
  terms: TermTable;
  /** Keys of the terms whose pending count moved since the last flush. */
  changed: number[];
  pendingArticles: number;
  /** The highest pending article id (the watermark when there is none). */
  lastPending: number;
  watermark: number;
}

const memories = new WeakMap<Database.Database, Memory>();

/**
 * Tokens: a random base per process, then consecutive (randomInt costs ~10 µs a call): distinct between
 * this process's connections and, all but surely, from another process's.
 */
let lastToken = randomInt(1, 2 ** 47);
const freshToken = (): number => ++lastToken;

const counter = (kz: KzDb, name: string): number => (prepared(kz, SQL.counter).pluck().get(name) as number | undefined) ?? 0;

/** Moves the pending count of the term at `at` by `by`. */
function movePending(m: Memory, key: number, at: number, by: number): void {
  const slots = m.terms.slots;
  slots[at + PENDING] = (slots[at + PENDING] as number) + by;
  if (m.terms.list(at)) m.changed.push(key);
}

function load(kz: KzDb, token: number): Memory {
  const watermark = counter(kz, WATERMARK);
  const m: Memory = { token, terms: new TermTable(), changed: [], pendingArticles: 0, lastPending: watermark, watermark };
  for (const row of prepared(kz, SQL.pending).all(watermark) as { id: number; vector: Buffer }[]) {
    for (const key of vectorFromBytes(row.vector).terms) movePending(m, key, m.terms.find(key), 1);
    m.pendingArticles++;
    m.lastPending = Math.max(m.lastPending, row.id);
  }
  return m;
}

/** This connection's memory of the frequencies, valid for the writes that follow in this transaction. */
function session(kz: KzDb): Memory {
  const next = freshToken();
  const m = memories.get(kz.sqlite);
  if (m && m.terms.size <= DEDUP.docFreqCacheTerms && prepared(kz, SQL.pass).run(next, TOKEN, m.token).changes === 1) {
    m.token = next;
    return m;
  }
  prepared(kz, SQL.setCounter).run(TOKEN, next);
  const fresh = load(kz, next);
  memories.set(kz.sqlite, fresh);
  return fresh;
}

/** The count in term_stats of the term `key` at `at`, read once. */
function stored(kz: KzDb, m: Memory, key: number, at: number): number {
  const slots = m.terms.slots;
  if ((slots[at + STORED] as number) < 0) slots[at + STORED] = (prepared(kz, SQL.stored).pluck().get(key) as number | undefined) ?? 0;
  return slots[at + STORED] as number;
}

/** Adds `by` to the term's count in term_stats (and in memory, when it was read). */
function addStored(kz: KzDb, m: Memory, key: number, at: number, by: number): void {
  prepared(kz, SQL.add).run(key, by);
  const slots = m.terms.slots;
  if ((slots[at + STORED] as number) >= 0) slots[at + STORED] = (slots[at + STORED] as number) + by;
}

/** Moves the pending articles' counts into term_stats and the watermark up to them. */
function flush(kz: KzDb, m: Memory): void {
  // In key order the writes walk term_stats' pages in order instead of at random.
  m.changed.sort((a, b) => a - b);
  for (const key of m.changed) {
    const at = m.terms.find(key);
    const pending = m.terms.slots[at + PENDING] as number;
    if (pending !== 0) addStored(kz, m, key, at, pending);
    m.terms.slots[at + PENDING] = 0;
    m.terms.unlist(at);
  }
  m.changed = [];
  prepared(kz, SQL.setCounter).run(WATERMARK, m.lastPending);
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
  const pending = id > m.watermark;
  const df = new Map<number, number>();
  for (const key of terms) {
    const at = m.terms.find(key);
    if (pending) movePending(m, key, at, 1);
    else addStored(kz, m, key, at, 1);
    df.set(key, stored(kz, m, key, at) + (m.terms.slots[at + PENDING] as number));
  }
  if (pending) {
    m.pendingArticles++;
    m.lastPending = Math.max(m.lastPending, id);
  }
  return df;
}

/** Takes article `id`, holding these terms, back out of the frequencies (before its vector is dropped). */
export function uncountArticle(kz: KzDb, id: number, terms: Iterable<number>): void {
  const m = session(kz);
  const pending = id > m.watermark;
  for (const key of terms) {
    const at = m.terms.find(key);
    if (pending) movePending(m, key, at, -1);
    else addStored(kz, m, key, at, -1);
  }
  if (pending) m.pendingArticles--;
}
