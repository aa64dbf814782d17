/**
 * Level 4 in the database: verbatim copies. Exact copies by content hash; near copies through the LSH
 * bands in minhash_bands, probed by (period, band, bucket, day range) so the cost of a lookup does not grow
 * with the archive, then verified on the text. Copies form a group whose original is its earliest article;
 * every other member points at it with duplicate_of.
 */
import { compareEarliest, copyText, verifyCopy, type Dated, type Fingerprint } from '../../pipeline/dedup.js';
import { DEDUP } from '../../settings.js';
import { prepared } from '../queries/statements.js';
import type { KzDb } from '../types.js';

export const SQL = {
  sameHash: 'SELECT id FROM articles WHERE content_hash = ? AND id != ? ORDER BY id LIMIT ?',
  // CROSS JOIN keeps this nesting: without statistics SQLite would seek by period alone and scan it.
  probe: `SELECT m.article_id AS id, count(*) AS hits FROM json_each(@periods) p CROSS JOIN json_each(@buckets) j
    CROSS JOIN minhash_bands m ON m.period = p.value AND m.band = j.key AND m.bucket = j.value AND m.day BETWEEN @from AND @to
    WHERE m.article_id != @id GROUP BY m.article_id ORDER BY hits DESC, m.article_id LIMIT @limit`,
  body: 'SELECT body FROM articles WHERE id = ?',
  // One row per statement is cheaper than the rows from json_each: 40 bands 116 vs 140 µs per article
  // (20,000 articles' random buckets into a fresh table, batches of 250).
  addBand: 'INSERT INTO minhash_bands (period, band, bucket, day, article_id) VALUES (?, ?, ?, ?, ?)',
  dropBands: 'DELETE FROM minhash_bands WHERE article_id = ?',
  original: `SELECT r.id, r.published_at AS publishedAt FROM articles a JOIN articles r ON r.id = COALESCE(a.duplicate_of, a.id)
    WHERE a.id = ?`,
  dated: 'SELECT id, published_at AS publishedAt, duplicate_of AS duplicateOf FROM articles WHERE id = ?',
  repoint: 'UPDATE articles SET duplicate_of = @to WHERE (duplicate_of = @from OR id = @from) AND id != @to',
  setDuplicate: 'UPDATE articles SET duplicate_of = ? WHERE id = ?',
  copies: 'SELECT id, published_at AS publishedAt FROM articles WHERE duplicate_of = ?',
} as const;

export interface CopyLookup {
  id: number;
  contentHash: string;
  day: number;
  fingerprint: Fingerprint;
}

/** The period of minhash_bands' key a day falls in. */
export const periodOf = (day: number): number => Math.floor(day / DEDUP.copyPeriodDays);

/** Candidates the LSH bands give inside the copy window, those sharing most bands first. */
export function lshCandidates(kz: KzDb, x: CopyLookup): number[] {
  if (x.fingerprint.buckets.length === 0) return [];
  const from = x.day - DEDUP.copyWindowDays;
  const to = x.day + DEDUP.copyWindowDays;
  const periods: number[] = [];
  for (let p = periodOf(from); p <= periodOf(to); p++) periods.push(p);
  const rows = prepared(kz, SQL.probe).all({
    periods: JSON.stringify(periods),
    buckets: JSON.stringify(x.fingerprint.buckets),
    from,
    to,
    id: x.id,
    limit: DEDUP.copyMaxCandidates,
  }) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Stored articles that are copies of this one: same content hash (any date), or verified near copies in the window. */
export function findCopies(kz: KzDb, x: CopyLookup): number[] {
  const exact = prepared(kz, SQL.sameHash).pluck().all(x.contentHash, x.id, DEDUP.copyMaxCandidates) as number[];
  const found = new Set(exact);
  for (const id of lshCandidates(kz, x)) {
    if (found.has(id)) continue;
    const body = prepared(kz, SQL.body).pluck().get(id) as string | undefined;
    if (body === undefined || body === '') continue;
    if (verifyCopy(x.fingerprint.text, copyText(body.split('\n'))).copy) found.add(id);
  }
  return [...found];
}

export function storeBands(kz: KzDb, id: number, day: number, buckets: readonly number[]): void {
  const add = prepared(kz, SQL.addBand);
  const period = periodOf(day);
  buckets.forEach((bucket, band) => add.run(period, band, bucket, day, id));
}

export const dropBands = (kz: KzDb, id: number): void => void prepared(kz, SQL.dropBands).run(id);

const originalOf = (kz: KzDb, id: number): Dated | undefined => prepared(kz, SQL.original).get(id) as Dated | undefined;

export interface GroupResult {
  /** The group's original (this article itself when it is the earliest, or when it has no copies). */
  original: number;
  duplicateOf: number | null;
  /** Originals of the groups that were merged into this one (their members now point at `original`). */
  merged: number[];
}

/**
 * Puts the article in one group with the copies found (merging their groups) under the earliest article
 * of all; re-points every member when a later-arriving article turns out to be the earliest.
 */
export function joinGroup(kz: KzDb, articleId: number, copies: readonly number[]): GroupResult {
  const self = prepared(kz, SQL.dated).get(articleId) as Dated & { duplicateOf: number | null };
  const originals = new Map<number, Dated>();
  for (const id of [...copies, ...(self.duplicateOf !== null ? [self.duplicateOf] : [])]) {
    const original = originalOf(kz, id);
    if (original && original.id !== articleId) originals.set(original.id, original);
  }
  if (originals.size === 0) return { original: articleId, duplicateOf: null, merged: [] };
  const all = [...originals.values(), { id: articleId, publishedAt: self.publishedAt }];
  const earliest = all.reduce((a, b) => (compareEarliest(a, b) <= 0 ? a : b)).id;
  const repoint = prepared(kz, SQL.repoint);
  for (const id of [...originals.keys(), articleId]) if (id !== earliest) repoint.run({ from: id, to: earliest });
  if (earliest === articleId) prepared(kz, SQL.setDuplicate).run(null, articleId);
  return { original: earliest, duplicateOf: earliest === articleId ? null : earliest, merged: [...originals.keys()] };
}

/**
 * Takes an article out of its group (its text changed): a copy just leaves; an original hands the group to
 * the earliest of its copies.
 */
export function leaveGroup(kz: KzDb, articleId: number): void {
  const self = prepared(kz, SQL.dated).get(articleId) as (Dated & { duplicateOf: number | null }) | undefined;
  if (!self) return;
  if (self.duplicateOf !== null) {
    prepared(kz, SQL.setDuplicate).run(null, articleId);
    return;
  }
  const copies = prepared(kz, SQL.copies).all(articleId) as Dated[];
  if (copies.length === 0) return;
  const heir = copies.reduce((a, b) => (compareEarliest(a, b) <= 0 ? a : b)).id;
  prepared(kz, SQL.repoint).run({ from: articleId, to: heir });
  prepared(kz, SQL.setDuplicate).run(null, heir);
  prepared(kz, SQL.setDuplicate).run(null, articleId);
}
