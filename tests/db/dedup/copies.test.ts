import { afterEach, describe, expect, it } from 'vitest';
import { copiesOf } from '../../../src/db/dedup-store.js';
import { periodOf, SQL as COPY_SQL } from '../../../src/db/dedup/copies.js';
import { SQL as STORY_SQL } from '../../../src/db/dedup/stories.js';
import type { KzDb } from '../../../src/db/types.js';
import { DEDUP } from '../../../src/settings.js';
import { seedDraft, SEED_SOURCES } from '../../pipeline/seed-drafts.js';
import { article, dedupDb, prose, row, store, type DedupDb } from './helpers.js';

const open: DedupDb[] = [];
const db = (...sources: string[]): DedupDb => {
  const d = dedupDb(sources);
  open.push(d);
  return d;
};
afterEach(() => {
  for (const d of open.splice(0)) d.cleanup();
});

const original = seedDraft('001');
/** The same article on a mirror, under a URL with tracking parameters. */
const mirror = seedDraft('001', { url: 'https://mirror.kz/news/tokaev-shos?utm_source=telegram', sourceId: 'mirror', publishedAt: '2025-09-01T09:00:00.000Z' });
/** Run by another site: its own attribution, one paragraph less, its own subscription line. */
const syndicated = seedDraft('001', {
  url: 'https://tengri.kz/news/tokaev-shos-priority',
  sourceId: 'tengri',
  publishedAt: '2025-09-01T10:30:00.000Z',
  paragraphs: [
    ...original.paragraphs.slice(0, 9).map((p) => p.replace('сообщает Zakon.kz', 'передает Tengrinews.kz')),
    'Подписывайтесь на наш Telegram-канал',
  ],
});

describe('verbatim copies', () => {
  it('stores a copy of 001 under another URL with duplicate_of the original', () => {
    const { kz } = db(...SEED_SOURCES, 'mirror');
    const a = store(kz, original);
    const b = store(kz, mirror);
    expect(a.duplicateOf).toBeNull();
    expect(b.duplicateOf).toBe(a.articleId);
    expect(row(kz, mirror.url).duplicateOf).toBe(a.articleId);
    // Never silently dropped: the copy is a row of its own, with its body.
    expect(row(kz, mirror.url).body).toBe(row(kz, original.url).body);
  });

  it('recognizes a near copy run by another site', () => {
    const { kz } = db(...SEED_SOURCES, 'tengri');
    const a = store(kz, original);
    expect(store(kz, syndicated).duplicateOf).toBe(a.articleId);
  });

  it('points the group at the earliest copy whatever the arrival order', () => {
    const { kz } = db(...SEED_SOURCES, 'mirror', 'tengri');
    store(kz, syndicated);
    store(kz, mirror);
    store(kz, original);
    const first = row(kz, original.url).id;
    expect(row(kz, original.url).duplicateOf).toBeNull();
    expect(row(kz, mirror.url).duplicateOf).toBe(first);
    expect(row(kz, syndicated.url).duplicateOf).toBe(first);
    expect(copiesOf(kz, first).map((c) => c.url)).toEqual([mirror.url, syndicated.url]);
    expect(copiesOf(kz, row(kz, mirror.url).id).map((c) => c.url)).toEqual([original.url, syndicated.url]);
  });

  it('leaves articles of one event in different words apart (001 and 003)', () => {
    const { kz } = db(...SEED_SOURCES);
    store(kz, seedDraft('001'));
    expect(store(kz, seedDraft('003')).duplicateOf).toBeNull();
  });

  it('compares near copies only within the copy window, exact copies at any distance', () => {
    const { kz } = db(...SEED_SOURCES, 'mirror', 'tengri');
    store(kz, original);
    const later = (days: number): string => new Date(Date.parse(original.publishedAt as string) + days * 86_400_000).toISOString();
    const lateNear = { ...syndicated, publishedAt: later(DEDUP.copyWindowDays + 1) };
    const lateExact = { ...mirror, publishedAt: later(400) };
    expect(store(kz, lateNear).duplicateOf).toBeNull();
    expect(store(kz, lateExact).duplicateOf).toBe(row(kz, original.url).id);
  });

  it('does not take the days of a templated series for copies', () => {
    const { kz } = db('nbk');
    const day = (d: number, usd: string) =>
      article('nbk', `kurs-${d}`, [
        `Национальный банк установил официальный курс доллара на ${d} ноября 2024 года на уровне ${usd} тенге.`,
        ...prose(7, 2),
      ], { title: `Курс доллара на ${d} ноября`, publishedAt: `2024-11-${d}T03:00:00.000Z` });
    store(kz, day(20, '497,5'));
    expect(store(kz, day(21, '498,2')).duplicateOf).toBeNull();
    expect(store(kz, day(22, '497,5')).duplicateOf).toBeNull();
  });

  it('takes a changed article out of its copy group, handing the group to the next earliest', () => {
    const { kz } = db(...SEED_SOURCES, 'mirror', 'tengri');
    store(kz, original);
    store(kz, mirror);
    store(kz, syndicated);
    store(kz, { ...original, paragraphs: prose(5) }, '2025-09-03T00:00:00.000Z');
    expect(row(kz, original.url).duplicateOf).toBeNull();
    expect(row(kz, mirror.url).duplicateOf).toBeNull();
    expect(row(kz, syndicated.url).duplicateOf).toBe(row(kz, mirror.url).id);
  });

  it('keeps its decision when an unchanged article is seen again', () => {
    const { kz } = db(...SEED_SOURCES, 'mirror');
    store(kz, original);
    store(kz, mirror);
    const again = store(kz, mirror, '2025-09-05T00:00:00.000Z');
    expect(again).toMatchObject({ outcome: 'unchanged', duplicateOf: row(kz, original.url).id });
  });
});

describe('the LSH lookup', () => {
  const plan = (kz: KzDb, sql: string, params: Record<string, unknown>): string =>
    (kz.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail).join('\n');

  it('probes minhash_bands by its whole key, period first, so its cost does not grow with the archive', () => {
    const { kz } = db(...SEED_SOURCES);
    store(kz, original);
    expect(kz.sqlite.prepare('SELECT count(*) FROM minhash_bands').pluck().get()).toBe(DEDUP.lshBands);
    const params = { periods: '[1,2]', buckets: '[1,2]', from: 0, to: 1, id: 0, limit: 20 };
    expect(plan(kz, COPY_SQL.probe, params)).toMatch(
      /SEARCH m USING COVERING INDEX sqlite_autoindex_minhash_bands_1 \(period=\? AND band=\? AND bucket=\? AND day>\? AND day<\?\)/,
    );
  });

  it('reads a window of one period or two', () => {
    const within = 40 * DEDUP.copyPeriodDays + DEDUP.copyWindowDays;
    expect(periodOf(within) - periodOf(within - DEDUP.copyWindowDays)).toBe(0);
    expect(periodOf(within + DEDUP.copyPeriodDays - 1) - periodOf(within - DEDUP.copyWindowDays)).toBe(1);
    expect(DEDUP.copyPeriodDays).toBeGreaterThanOrEqual(2 * DEDUP.copyWindowDays + 1);
  });

  it('finds story candidates from the term index before it reads any article', () => {
    const { kz } = db(...SEED_SOURCES);
    store(kz, original);
    const params = { terms: '[1,2]', minHits: 2, from: 0, to: 1, id: 0, source: 'x', limit: 20 };
    const steps = plan(kz, STORY_SQL.candidates, params).split('\n');
    expect(steps).toContain('SEARCH t USING COVERING INDEX article_terms_term_day_idx (term=? AND day>? AND day<?)');
    expect(steps.filter((s) => /^(SCAN|SEARCH) (a|d)\b/.test(s))).toEqual([
      'SEARCH d USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH a USING INTEGER PRIMARY KEY (rowid=?)',
    ]);
  });
});
