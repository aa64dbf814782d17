/** `kznews stats`: per source, per day, and totals. */
import { DB } from '../../settings.js';
import type { DayStats, KzDb, SourceStats, Stats } from '../types.js';
import { prepared } from './statements.js';

const DAY_MS = 86_400_000;

const SQL = {
  // Correlated subqueries: each is one probe of a (source_id, …) index, so the cost grows with sources, not rows.
  sources: `SELECT s.id AS sourceId, s.name,
      (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles,
      (SELECT max(a.published_at) FROM articles a WHERE a.source_id = s.id) AS lastPublished,
      (SELECT max(f.fetched_at) FROM fetches f WHERE f.source_id = s.id) AS lastFetched,
      (SELECT count(*) FROM fetches f WHERE f.source_id = s.id AND f.outcome = 'failed') AS failures
    FROM sources s ORDER BY s.id`,
  // The latest days that have articles, not the calendar's last days: an archive filled by backfill is
  // mostly older than this month.
  days: `SELECT day, articles FROM (SELECT substr(published_at, 1, 10) AS day, count(*) AS articles FROM articles
    WHERE published_at IS NOT NULL AND published_at < ? GROUP BY day ORDER BY day DESC LIMIT ?) ORDER BY day`,
  totals: `SELECT
      (SELECT count(*) FROM articles) AS articles,
      (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL) AS duplicates,
      (SELECT count(*) FROM (SELECT story_id FROM articles WHERE story_id IS NOT NULL
        GROUP BY story_id HAVING count(*) >= 2)) AS stories,
      (SELECT count(*) FROM fetches WHERE outcome = 'failed') AS fetchesFailed`,
} as const;

/** Counts by source, by UTC day of publication (the latest DB.statsDays days with articles, up to `now`), and totals. */
export function stats(kz: KzDb, now: Date = new Date()): Stats {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const to = new Date(today + DAY_MS).toISOString().slice(0, 10);
  return {
    sources: prepared(kz, SQL.sources).all() as SourceStats[],
    days: prepared(kz, SQL.days).all(to, DB.statsDays) as DayStats[],
    totals: prepared(kz, SQL.totals).get() as Stats['totals'],
  };
}
