import { describe, expect, it } from 'vitest';
import {
  bucketsHex,
  cosine,
  minhash,
  packedCosine,
  packVector,
  shingleWords,
  storyCounts,
  storyVector,
  termCounts,
  termKey,
  tfidfVector,
  topPacked,
  vectorBytes,
  vectorFromBytes,
} from '../../src/pipeline/dedup.js';
import { fmix32 } from '../../src/pipeline/dedup/hash.js';
import { PERMUTATIONS } from '../../src/pipeline/dedup/minhash.js';
import { cleanDraft, normalizeParagraph } from '../../src/pipeline/normalize.js';
import { DEDUP } from '../../src/settings.js';
import { SEED_IDS, seedDraft } from './seed-drafts.js';

const seedText = (id: (typeof SEED_IDS)[number]): string[] => cleanDraft(seedDraft(id)).paragraphs;

describe('shingle words', () => {
  it('are the words of the comparison keys', () => {
    const tricky = [
      'Из\u00adвестие «Ёлки» — “ﬁнал” 2024‑го: ＡＢＣ\u200bD, т.е. 450,5 тенге!',
      'Республиканский   бюджет… (проект) - 3/4 Ёмкость',
      ...SEED_IDS.flatMap(seedText),
    ];
    const byKey = tricky.flatMap((t) => normalizeParagraph(t).match(/[\p{L}\p{N}]+/gu) ?? []);
    expect(shingleWords(tricky)).toEqual(byKey);
    expect(shingleWords([tricky[0] as string])).toEqual(['известие', 'елки', 'fiнал', '2024', 'го', 'abcd', 'т', 'е', '450', '5', 'тенге']);
  });
});

describe('MinHash signature', () => {
  it('is, per permutation, the least unsigned fmix32 of shingle xor seed', () => {
    const shingles = new Set([0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 123456789, 3000000000]);
    let state = 0x9e3779b9;
    const seeds = Array.from({ length: PERMUTATIONS }, () => {
      state = (state + 0x9e3779b9) >>> 0;
      return fmix32(state);
    });
    const expected = seeds.map((seed) => Math.min(...[...shingles].map((h) => fmix32((h ^ seed) >>> 0))));
    expect([...minhash(shingles)]).toEqual(expected);
  });
});

describe('story terms', () => {
  it('counts inflected forms of one stem under one key, without function words', () => {
    const counts = termCounts(['Организация и организации; организацию в Астане.'], 'ru');
    expect(counts.get(termKey('организац'))).toBe(3);
    expect(counts.has(termKey('и'))).toBe(false);
    expect(counts.size).toBe(2);
  });

  it('gives the same counts with a warm cache as with a cold one', () => {
    const article = { title: 'Токаев провел встречу', lead: null, body: seedText('001'), language: 'ru' as const };
    const first = storyCounts(article);
    for (const id of SEED_IDS) storyCounts({ ...article, body: seedText(id) });
    expect(storyCounts(article)).toEqual(first);
  });
});

describe('packed story vectors', () => {
  const counts = SEED_IDS.map((id) => storyCounts({ title: '', lead: null, body: seedText(id), language: 'ru' }));
  const df = new Map<number, number>();
  for (const c of counts) for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const vectors = counts.map((c) => tfidfVector(c, (t) => df.get(t) ?? 0, counts.length));

  it('keep the cosine of the full vectors to float precision', () => {
    for (const a of vectors) {
      for (const b of vectors) expect(packedCosine(packVector(a), packVector(b))).toBeCloseTo(cosine(a, b), 5);
    }
  });

  it('read back from their bytes as written', () => {
    const packed = packVector(vectors[1] as Map<number, number>);
    const bytes = vectorBytes(packed);
    expect(bytes.byteLength).toBe(8 * packed.terms.length);
    // At an odd offset, as a blob may sit in a larger buffer.
    const shifted = Buffer.concat([Buffer.from([7]), bytes]).subarray(1);
    expect(vectorFromBytes(shifted)).toEqual(packed);
    expect(() => vectorFromBytes(bytes.subarray(1))).toThrow(/multiple of 8/);
  });

  it('list their top terms by weight, ties by the lower key, query terms led by the index terms', () => {
    const packed = packVector(new Map([[5, 0.5], [-3, 0.5], [9, 0.7], [1, 0.1]]));
    expect(topPacked(packed, 3)).toEqual([9, -3, 5]);
    const s = storyVector(counts[0] as Map<number, number>, (t) => df.get(t) ?? 1, counts.length);
    expect(s.queryTerms).toHaveLength(Math.min(DEDUP.storyQueryTerms, s.vector.terms.length));
    expect(s.indexTerms).toEqual(s.queryTerms.slice(0, DEDUP.storyIndexTerms));
  });
});

describe('the stored fingerprint', () => {
  it('spells each band key as 8 hex digits of its unsigned value', () => {
    expect(bucketsHex([0, -1, 1, 0x7fffffff, -0x80000000, 0x1234abcd])).toBe(
      ['00000000', 'ffffffff', '00000001', '7fffffff', '80000000', '1234abcd'].join(''),
    );
  });
});
