import { describe, expect, it } from 'vitest';
import {
  bandBuckets,
  compareEarliest,
  copyText,
  cosine,
  fingerprint,
  minhash,
  numbersConflict,
  referenceDay,
  shingleWords,
  shingles,
  storyCounts,
  tfidfVector,
  verifyCopy,
} from '../../src/pipeline/dedup.js';
import { numberPlaces } from '../../src/pipeline/dedup/copies.js';
import { cleanDraft } from '../../src/pipeline/normalize.js';
import { DEDUP } from '../../src/settings.js';
import { SEED_IDS, seedDraft, type SeedId } from './seed-drafts.js';

const clean = (id: SeedId): string[] => cleanDraft(seedDraft(id)).paragraphs;

/** TF-IDF cosine of every pair among the given seeds, the document frequencies taken from those seeds. */
function storyCosines(ids: readonly SeedId[]): Map<string, number> {
  const counts = ids.map((id) => {
    const d = cleanDraft(seedDraft(id));
    return storyCounts({ title: d.title, lead: d.lead, body: d.paragraphs, language: d.language });
  });
  const df = new Map<number, number>();
  for (const c of counts) for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const vectors = counts.map((c) => tfidfVector(c, (t) => df.get(t) ?? 0, ids.length));
  const out = new Map<string, number>();
  ids.forEach((a, i) => ids.forEach((b, j) => j > i && out.set(`${a}-${b}`, cosine(vectors[i]!, vectors[j]!))));
  return out;
}

/** Seed 001 as another site would run it: its own attribution, one paragraph less, its own footer. */
function syndicated(): string[] {
  const p = clean('001');
  return [(p[0] as string).replace('сообщает Zakon.kz', 'передает Tengrinews.kz'), ...p.slice(1, -1), 'Подписывайтесь на наш Telegram-канал'];
}

const rates = (day: number, usd: string, eur: string): string[] => [
  `Курс доллара на ${day} ноября 2024 года`,
  `Национальный банк Казахстана установил официальный курс доллара на ${day} ноября на уровне ${usd} тенге, евро стоит ${eur} тенге.`,
  'На Казахстанской фондовой бирже торги по доллару открылись в обычном режиме, объем торгов остался на уровне прошлой недели, сообщает пресс-служба биржи.',
  'Официальный курс применяется для бухгалтерского учета и расчета таможенных платежей и не обязателен для обменных пунктов.',
  'В обменных пунктах Алматы и Астаны доллар продают дороже официального курса, а разница между покупкой и продажей остается прежней.',
  'Аналитики связывают движение курса с ценами на нефть и решениями регулятора по базовой ставке.',
];

describe('copy verification', () => {
  it('finds the seeds 001 and 003 (one event, different words) far from copies', () => {
    const v = verifyCopy(copyText(clean('001')), copyText(clean('003')));
    expect(v.copy).toBe(false);
    expect(v.jaccard).toBeLessThan(0.05);
  });

  it('recognizes a syndicated copy with its own attribution, a paragraph less and a footer', () => {
    const v = verifyCopy(copyText(clean('001')), copyText(syndicated()));
    expect(v).toMatchObject({ copy: true });
    expect(v.jaccard).toBeGreaterThan(DEDUP.copyJaccard);
  });

  it('recognizes a shorter copy contained in the original, but not a short excerpt', () => {
    const full = clean('003');
    expect(verifyCopy(copyText(full), copyText(full.slice(0, 32))).copy).toBe(true);
    expect(verifyCopy(copyText(full), copyText(full.slice(0, 10)))).toMatchObject({ copy: false, reason: 'dissimilar' });
  });

  it('does not take two days of a templated series for copies', () => {
    const v = verifyCopy(copyText(rates(20, '497,5', '524,1')), copyText(rates(21, '498,2', '525,0')));
    expect(v).toMatchObject({ copy: false, reason: 'numbers differ' });
    expect(v.jaccard).toBeGreaterThan(DEDUP.copyJaccard);
    expect(verifyCopy(copyText(rates(20, '497,5', '524,1')), copyText(rates(20, '497,5', '524,1'))).copy).toBe(true);
  });

  it('places numbers by the words around them', () => {
    const places = numberPlaces(shingleWords(['Курс доллара на 20 ноября составил 497,5 тенге.']));
    expect(places).toEqual(
      new Map([
        ['доллара на _ ноября', new Set(['20'])],
        ['ноября составил _ тенге', new Set(['497.5'])],
      ]),
    );
    // A site's own line with a year does not stand where another site's does.
    expect(numbersConflict(copyText(['Текст. © 2011-2026 Akorda']).numbers, copyText(['Текст. © 2024 Tengri']).numbers)).toBe(false);
  });
});

describe('MinHash and LSH bands', () => {
  it('gives equal texts equal buckets, a near copy some shared band, and unrelated seeds none', () => {
    const a = fingerprint(clean('001'));
    expect(fingerprint(clean('001')).buckets).toEqual(a.buckets);
    expect(a.buckets).toHaveLength(DEDUP.lshBands);
    expect(a.hex).toMatch(new RegExp(`^[0-9a-f]{${8 * DEDUP.lshBands}}$`));
    const near = fingerprint(syndicated());
    expect(near.buckets.filter((b, i) => b === a.buckets[i]).length).toBeGreaterThan(0);
    for (const id of SEED_IDS.filter((s) => s !== '001')) {
      const other = fingerprint(clean(id));
      expect(other.buckets.filter((b, i) => b === a.buckets[i])).toEqual([]);
    }
  });

  it('estimates Jaccard similarity from signatures', () => {
    const a = shingles(shingleWords(clean('003')));
    const b = shingles(shingleWords(clean('003').slice(0, 30)));
    const common = [...a].filter((h) => b.has(h)).length;
    const jaccard = common / (a.size + b.size - common);
    const sa = minhash(a);
    const sb = minhash(b);
    const agree = sa.filter((v, i) => v === sb[i]).length / sa.length;
    expect(Math.abs(agree - jaccard)).toBeLessThan(0.15);
    expect(bandBuckets(sa)).not.toEqual(bandBuckets(sb));
  });

  it('gives an empty body no fingerprint', () => {
    expect(fingerprint([])).toMatchObject({ buckets: [], hex: null });
  });
});

describe('story similarity over stems', () => {
  it('puts 001 and 003 above the story threshold and every other seed pair below it', () => {
    const cos = storyCosines(SEED_IDS);
    expect(cos.get('001-003')).toBeGreaterThanOrEqual(DEDUP.storyThreshold);
    for (const [pair, value] of cos) if (pair !== '001-003') expect(value, pair).toBeLessThan(DEDUP.storyThreshold);
  });

  it('keeps that separation in a corpus of two documents', () => {
    expect(storyCosines(['001', '003']).get('001-003')).toBeGreaterThanOrEqual(DEDUP.storyThreshold);
    expect(storyCosines(['001', '002']).get('001-002')).toBeLessThan(DEDUP.storyThreshold);
    expect(storyCosines(['000', '003']).get('000-003')).toBeLessThan(DEDUP.storyThreshold);
  });
});

describe('ordering', () => {
  it('takes the earliest publication as the original, undated last, then the lower id', () => {
    const a = { id: 5, publishedAt: '2025-09-01T06:00:00.000Z' };
    const b = { id: 2, publishedAt: '2025-09-01T07:00:00.000Z' };
    const undated = { id: 1, publishedAt: null };
    expect([b, undated, a].sort(compareEarliest).map((x) => x.id)).toEqual([5, 2, 1]);
    expect(compareEarliest({ id: 3, publishedAt: a.publishedAt }, a)).toBeLessThan(0);
  });

  it('dates an article by its publication, or its first sighting', () => {
    expect(referenceDay('2025-09-01T23:59:00.000Z', '2026-01-01T00:00:00.000Z')).toBe(20332);
    expect(referenceDay(null, '2025-09-02T00:00:00.000Z')).toBe(20333);
  });
});
