/**
 * TF-IDF vectors over stems and their cosine: the similarity that survives rewording, for stories.
 * Weights are (1 + ln tf) · idf with the smoothed idf ln((1 + N) / (1 + df)) + 1, so a stem in every
 * document still weighs 1 and an unseen one is well defined.
 */

/** A sparse vector: term → weight. */
export type TermVector<K = number> = Map<K, number>;

/** Smoothed inverse document frequency of a stem found in `df` of `docs` documents. */
export function idf(df: number, docs: number): number {
  return Math.log((1 + docs) / (1 + df)) + 1;
}

/** The TF-IDF vector of term counts, normalized to length 1 (empty when there are no terms). */
export function tfidfVector<K>(counts: ReadonlyMap<K, number>, docFreq: (term: K) => number, docs: number): TermVector<K> {
  const vector: TermVector<K> = new Map();
  let norm = 0;
  for (const [term, tf] of counts) {
    const w = (1 + Math.log(tf)) * idf(docFreq(term), docs);
    vector.set(term, w);
    norm += w * w;
  }
  if (norm === 0) return vector;
  const length = Math.sqrt(norm);
  for (const [term, w] of vector) vector.set(term, w / length);
  return vector;
}

/** Cosine of two normalized vectors. */
export function cosine<K>(a: TermVector<K>, b: TermVector<K>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small) {
    const v = large.get(term);
    if (v !== undefined) dot += w * v;
  }
  return dot;
}
