import { describe, expect, it } from 'vitest';
import { packTfidf, packVector, storyCounts, tfidfVector, topPacked, type PackedVector } from '../../src/pipeline/dedup.js';
import { cleanDraft } from '../../src/pipeline/normalize.js';
import { random } from '../db/dedup/helpers.js';
import { SEED_IDS, seedDraft } from './seed-drafts.js';

/** topPacked's definition: sorted by weight, highest first, ties by the lower key. */
function topByComparator(v: PackedVector, k: number): number[] {
  const order = Array.from(v.terms.keys());
  order.sort((x, y) => (v.weights[y] as number) - (v.weights[x] as number) || (v.terms[x] as number) - (v.terms[y] as number));
  return order.slice(0, k).map((i) => v.terms[i] as number);
}

describe('story vectors packed directly', () => {
  it('have the weights of tfidfVector to the bit, for the seeds and random counts', () => {
    const counts = SEED_IDS.map((id) => {
      const d = cleanDraft(seedDraft(id));
      return storyCounts({ title: d.title, lead: d.lead, body: d.paragraphs, language: d.language });
    });
    const next = random(11);
    for (let i = 0; i < 200; i++) {
      const c = new Map<number, number>();
      const n = Math.floor(next() * 300);
      for (let j = 0; j < n; j++) c.set(Math.floor((next() - 0.5) * 2 ** 32), 1 + Math.floor(next() * 6));
      counts.push(c);
    }
    counts.push(new Map([[-(2 ** 31), 2], [2 ** 31 - 1, 1], [0, 3]]), new Map());
    counts.forEach((c, i) => {
      const df = (t: number): number => ((t >>> 0) % 17) + (i % 3);
      expect(packTfidf(c, df, 50)).toEqual(packVector(tfidfVector(c, df, 50)));
    });
  });

  it('list the top terms of the comparator order, ties included', () => {
    const next = random(12);
    for (let i = 0; i < 200; i++) {
      const weights = new Map<number, number>();
      const n = Math.floor(next() * 200);
      // Few distinct weights: many ties.
      for (let j = 0; j < n; j++) weights.set(Math.floor((next() - 0.5) * 2 ** 32), Math.floor(next() * 5) / 4);
      const v = packVector(weights);
      for (const k of [0, 1, 16, 48, 500]) expect(topPacked(v, k)).toEqual(topByComparator(v, k));
    }
    const negative = packVector(new Map([[1, -0.5], [2, 0.25], [3, -0], [4, 0]]));
    expect(topPacked(negative, 4)).toEqual(topByComparator(negative, 4));
  });
});
