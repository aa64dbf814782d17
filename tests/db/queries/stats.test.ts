import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logFetch, stats, storeArticle } from '../../../src/db/queries.js';
import { draft, input, tempDb, withSources, type TempDb } from '../helpers.js';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  withSources(t.kz, 'akorda.kz', 'zakon.kz', 'orda.kz');
});
afterEach(() => t.cleanup());

describe('stats', () => {
  it('counts by source, by the latest 30 days that have articles, and in total', () => {
    const put = (url: string, sourceId: string, publishedAt: string | null, fetchedAt: string): number =>
      storeArticle(t.kz, input(draft({ url, sourceId, publishedAt }), { fetchedAt })).articleId;
    const a = put('https://akorda.kz/1', 'akorda.kz', '2024-07-04T10:00:00.000Z', '2024-07-04T10:05:00.000Z');
    const b = put('https://akorda.kz/2', 'akorda.kz', '2024-07-03T09:00:00.000Z', '2024-07-04T10:06:00.000Z');
    const c = put('https://zakon.kz/1', 'zakon.kz', '2024-07-04T11:00:00.000Z', '2024-07-04T11:05:00.000Z');
    put('https://zakon.kz/2', 'zakon.kz', '2024-05-01T00:00:00.000Z', '2024-07-04T11:06:00.000Z');
    put('https://zakon.kz/3', 'zakon.kz', null, '2024-07-04T11:07:00.000Z');
    logFetch(t.kz, { url: 'https://zakon.kz/4', sourceId: 'zakon.kz', outcome: 'failed', fetchedAt: '2024-07-04T12:00:00.000Z' });
    logFetch(t.kz, { url: 'https://orda.kz/1', sourceId: 'orda.kz', outcome: 'failed', fetchedAt: '2024-07-04T12:01:00.000Z' });
    t.kz.sqlite.exec("INSERT INTO stories (title, created_at) VALUES ('one', 'x'), ('two', 'x')");
    t.kz.sqlite.prepare('UPDATE articles SET story_id = 1 WHERE id IN (?, ?)').run(a, c);
    t.kz.sqlite.prepare('UPDATE articles SET story_id = 2, duplicate_of = ? WHERE id = ?').run(a, b);

    expect(stats(t.kz, new Date('2024-07-04T15:00:00.000Z'))).toEqual({
      sources: [
        { sourceId: 'akorda.kz', name: 'Source akorda.kz', articles: 2, lastPublished: '2024-07-04T10:00:00.000Z', lastFetched: '2024-07-04T10:06:00.000Z', failures: 0 },
        { sourceId: 'orda.kz', name: 'Source orda.kz', articles: 0, lastPublished: null, lastFetched: '2024-07-04T12:01:00.000Z', failures: 1 },
        { sourceId: 'zakon.kz', name: 'Source zakon.kz', articles: 3, lastPublished: '2024-07-04T11:00:00.000Z', lastFetched: '2024-07-04T12:00:00.000Z', failures: 1 },
      ],
      days: [
        { day: '2024-05-01', articles: 1 },
        { day: '2024-07-03', articles: 1 },
        { day: '2024-07-04', articles: 2 },
      ],
      totals: { articles: 5, duplicates: 1, stories: 1, fetchesFailed: 2 },
    });
    // Months later, an archive's days still show; a day after `now` does not.
    expect(stats(t.kz, new Date('2024-12-01T00:00:00.000Z')).days.map((d) => d.day)).toEqual(['2024-05-01', '2024-07-03', '2024-07-04']);
    expect(stats(t.kz, new Date('2024-07-03T12:00:00.000Z')).days.map((d) => d.day)).toEqual(['2024-05-01', '2024-07-03']);
  });
});
