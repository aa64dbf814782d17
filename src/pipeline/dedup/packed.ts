/**
 * A story vector as it is stored and compared: term keys in ascending order beside their weights as 32-bit
 * floats (a cosine is compared at two decimals). Stored as one blob, read back without parsing, and two
 * vectors meet in one merge pass.
 */
import { idf, tfidfVector, type TermVector } from './tfidf.js';

export interface PackedVector {
  /** Term keys, ascending. */
  terms: Int32Array;
  weights: Float32Array;
}

export function packVector(vector: TermVector<number>): PackedVector {
  const terms = Int32Array.from(vector.keys()).sort();
  const weights = new Float32Array(terms.length);
  terms.forEach((t, i) => (weights[i] = vector.get(t) as number));
  return { terms, weights };
}

/** Cosine of two packed normalized vectors. */
export function packedCosine(a: PackedVector, b: PackedVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i] as number;
    const y = b.terms[j] as number;
    if (x === y) dot += (a.weights[i++] as number) * (b.weights[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** Entries above this many are beyond the sort keys below (an index takes 21 bits beside 32 of weight or key). */
const INDEX_SPAN = 2 ** 21;

/**
 * packVector(tfidfVector(counts, docFreq, docs)) without the Map between them: the same weights to the bit
 * (computed and summed in the counts' order, divided by the same length), sorted by key as numbers
 * (key and position in one float) rather than through a comparator.
 */
export function packTfidf(counts: ReadonlyMap<number, number>, docFreq: (term: number) => number, docs: number): PackedVector {
  const n = counts.size;
  if (n >= INDEX_SPAN) return packVector(tfidfVector(counts, docFreq, docs));
  const raw = new Float64Array(n);
  const order = new Float64Array(n);
  let norm = 0;
  let i = 0;
  for (const [term, tf] of counts) {
    const w = (1 + Math.log(tf)) * idf(docFreq(term), docs);
    raw[i] = w;
    norm += w * w;
    order[i] = (term + 2 ** 31) * INDEX_SPAN + i;
    i++;
  }
  order.sort();
  const length = Math.sqrt(norm);
  const terms = new Int32Array(n);
  const weights = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    const key = order[j] as number;
    const at = key % INDEX_SPAN;
    terms[j] = (key - at) / INDEX_SPAN - 2 ** 31;
    weights[j] = norm === 0 ? (raw[at] as number) : (raw[at] as number) / length;
  }
  return { terms, weights };
}

/** The `k` terms of highest weight, highest first (ties by the lower key, so the choice is stable). */
export function topPacked(v: PackedVector, k: number): number[] {
  const n = v.terms.length;
  const bits = new Uint32Array(v.weights.buffer, v.weights.byteOffset, n);
  // A non-negative float's bits order like the float: weight and position sort as one number.
  if (n < INDEX_SPAN && bits.every((b) => b < 0x7f800001)) {
    const order = new Float64Array(n);
    for (let i = 0; i < n; i++) order[i] = (bits[i] as number) * INDEX_SPAN + (INDEX_SPAN - 1 - i);
    order.sort();
    const top: number[] = [];
    for (let j = n - 1; j >= 0 && top.length < k; j--) top.push(v.terms[INDEX_SPAN - 1 - ((order[j] as number) % INDEX_SPAN)] as number);
    return top;
  }
  const order = Array.from(v.terms.keys());
  order.sort((x, y) => (v.weights[y] as number) - (v.weights[x] as number) || (v.terms[x] as number) - (v.terms[y] as number));
  return order.slice(0, k).map((i) => v.terms[i] as number);
}

/** The blob: the n keys (little-endian int32), then the n weights (little-endian float32). */
export function vectorBytes(v: PackedVector): Buffer {
  const n = v.terms.length;
  const buf = Buffer.alloc(n * 8);
  for (let i = 0; i < n; i++) {
    buf.writeInt32LE(v.terms[i] as number, i * 4);
    buf.writeFloatLE(v.weights[i] as number, (n + i) * 4);
  }
  return buf;
}

export function vectorFromBytes(buf: Uint8Array): PackedVector {
  if (buf.byteLength % 8 !== 0) throw new Error(`story vector blob of ${buf.byteLength} bytes (a multiple of 8 expected)`);
  const n = buf.byteLength / 8;
  // A copy: the blob's bytes need not be aligned for typed-array views (and are little-endian as stored).
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const terms = new Int32Array(n);
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    terms[i] = view.getInt32(i * 4, true);
    weights[i] = view.getFloat32((n + i) * 4, true);
  }
  return { terms, weights };
}
