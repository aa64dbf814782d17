/**
 * A story vector as it is stored and compared: term keys in ascending order beside their weights as 32-bit
 * floats (a cosine is compared at two decimals). Stored as one blob, read back without parsing, and two
 * vectors meet in one merge pass.
 */
import type { TermVector } from './tfidf.js';

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

/** The `k` terms of highest weight, highest first (ties by the lower key, so the choice is stable). */
export function topPacked(v: PackedVector, k: number): number[] {
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
