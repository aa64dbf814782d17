/**
 * Dedup's pure side (levels 4 and 5): fingerprints and copy verification, story vectors, and the order
 * that decides which of several copies is the original. The database side (src/db/dedup-store.ts) keeps
 * the state these functions read and calls them inside the store transaction.
 */
import type { Lang } from '../scrapers/types.js';
import { DEDUP } from '../settings.js';
import { copyText, type CopyText } from './dedup/copies.js';
import { bandBuckets, bucketsHex, minhash } from './dedup/minhash.js';
import { packTfidf, topPacked, type PackedVector } from './dedup/packed.js';
import { termCounts } from './dedup/terms.js';

export { copyText, numbersConflict, verifyCopy, type CopyText, type CopyVerdict } from './dedup/copies.js';
export { PERMUTATIONS, bandBuckets, bucketsHex, minhash, shingleWords, shingles } from './dedup/minhash.js';
export { packTfidf, packVector, packedCosine, topPacked, vectorBytes, vectorFromBytes, type PackedVector } from './dedup/packed.js';
export { termCounts, termKey } from './dedup/terms.js';
export { cosine, idf, tfidfVector, type TermVector } from './dedup/tfidf.js';

const DAY_MS = 86_400_000;

/** What copy detection keeps of an article's body: the text measures and the LSH keys. */
export interface Fingerprint {
  text: CopyText;
  /** One bucket per LSH band (empty for an empty body). */
  buckets: number[];
  /** The LSH band keys as hex (the stored fingerprint), or null for an empty body. */
  hex: string | null;
}

export function fingerprint(paragraphs: readonly string[]): Fingerprint {
  const text = copyText(paragraphs);
  if (text.shingles.size === 0) return { text, buckets: [], hex: null };
  const buckets = bandBuckets(minhash(text.shingles));
  return { text, buckets, hex: bucketsHex(buckets) };
}

/** The text a story is compared on, title, lead and body: term key → occurrences. */
export function storyCounts(article: { title: string; lead: string | null; body: readonly string[]; language: Lang | null }): Map<number, number> {
  return termCounts([article.title, article.lead ?? '', ...article.body], article.language);
}

export interface StoryVector {
  vector: PackedVector;
  /** The terms it looks its candidates up by, highest weight first… */
  queryTerms: number[];
  /** …and the first of them, which it is indexed under. */
  indexTerms: number[];
}

/** An article's story vector with the document frequencies known now, and its query and index terms. */
export function storyVector(counts: ReadonlyMap<number, number>, docFreq: (term: number) => number, docs: number): StoryVector {
  const vector = packTfidf(counts, docFreq, docs);
  const queryTerms = topPacked(vector, Math.max(DEDUP.storyQueryTerms, DEDUP.storyIndexTerms));
  return { vector, queryTerms: queryTerms.slice(0, DEDUP.storyQueryTerms), indexTerms: queryTerms.slice(0, DEDUP.storyIndexTerms) };
}

/** Days since 1970-01-01 (UTC) of the publication time, or null when there is none (or it does not parse). */
export function publicationDay(publishedAt: string | null): number | null {
  const ms = publishedAt === null ? NaN : Date.parse(publishedAt);
  return Number.isNaN(ms) ? null : Math.floor(ms / DAY_MS);
}

/** Days since 1970-01-01 (UTC) of the publication time, or of the first sighting when there is none. */
export function referenceDay(publishedAt: string | null, firstSeenAt: string): number {
  return publicationDay(publishedAt) ?? Math.floor(Date.parse(firstSeenAt) / DAY_MS);
}

export interface Dated {
  id: number;
  publishedAt: string | null;
}

/** Which of two copies is the original: the earlier publication (undated ones last), then the lower id. */
export function compareEarliest(a: Dated, b: Dated): number {
  const ta = a.publishedAt === null ? NaN : Date.parse(a.publishedAt);
  const tb = b.publishedAt === null ? NaN : Date.parse(b.publishedAt);
  const na = Number.isNaN(ta);
  const nb = Number.isNaN(tb);
  if (na !== nb) return na ? 1 : -1;
  if (!na && ta !== tb) return ta - tb;
  return a.id - b.id;
}
