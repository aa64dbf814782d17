/**
 * Near-duplicate fingerprints: word shingles hashed to 32 bits, a MinHash signature over them, and its
 * LSH bands (each band a bucket key: two texts share a bucket in some band with probability
 * 1 − (1 − J^rows)^bands for Jaccard similarity J). Pure and deterministic: fixed seeds, no randomness.
 */
import { DEDUP } from '../../settings.js';
import { normalizeParagraph } from '../normalize.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** murmur3's 32-bit finalizer: a cheap, well-mixed hash of a 32-bit value. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, finalized. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** The words of the texts as one stream (paragraph breaks differ between copies), by comparison key. */
export function shingleWords(texts: readonly string[]): string[] {
  return texts.flatMap((t) => normalizeParagraph(t).match(WORD) ?? []);
}

/** Hashes of the distinct `size`-word shingles (a text shorter than that is one shingle). */
export function shingles(words: readonly string[], size: number = DEDUP.shingleSize): Set<number> {
  const out = new Set<number>();
  if (words.length === 0) return out;
  const hashes = words.map(hashString);
  const span = Math.min(size, words.length);
  for (let i = 0; i + span <= hashes.length; i++) {
    let h = span;
    for (let j = i; j < i + span; j++) h = Math.imul(h ^ (hashes[j] as number), 0x01000193);
    out.add(fmix32(h));
  }
  return out;
}

export const PERMUTATIONS = DEDUP.lshBands * DEDUP.lshRows;

/** One seed per permutation, from a fixed splitmix-style sequence. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(PERMUTATIONS);
  let state = 0x9e3779b9;
  for (let i = 0; i < PERMUTATIONS; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds[i] = fmix32(state);
  }
  return seeds;
})();

/** The MinHash signature: for each permutation, the least permuted shingle hash. */
export function minhash(shingleSet: ReadonlySet<number>): Uint32Array {
  const sig = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (const h of shingleSet) {
    for (let i = 0; i < PERMUTATIONS; i++) {
      const v = fmix32(h ^ (SEEDS[i] as number));
      if (v < (sig[i] as number)) sig[i] = v;
    }
  }
  return sig;
}

/** The bucket key of each band: a hash of its rows, as a signed 32-bit integer (what SQLite stores compactly). */
export function bandBuckets(sig: Uint32Array): number[] {
  const buckets: number[] = [];
  for (let b = 0; b < DEDUP.lshBands; b++) {
    let h = b + 1;
    for (let r = 0; r < DEDUP.lshRows; r++) h = fmix32(Math.imul(h, 0x01000193) ^ (sig[b * DEDUP.lshRows + r] as number));
    buckets.push(h | 0);
  }
  return buckets;
}

/**
 * The band keys as hex (8 digits per band): the stored near-duplicate fingerprint. Two articles are LSH
 * candidates when they share a key at some position; a third of the full signature's size.
 */
export function bucketsHex(buckets: readonly number[]): string {
  return buckets.map((b) => (b >>> 0).toString(16).padStart(8, '0')).join('');
}
