/** The sources table: the site registry mirrored for joins and per-source stats. */
import { sql } from 'drizzle-orm';
import type { Source } from '../../scrapers/types.js';
import { sources } from '../schema.js';
import type { KzDb } from '../types.js';
import { nowIso } from './statements.js';

/** Inserts or updates a row per registry source. Rows of sources no longer registered are kept (articles point at them). */
export function upsertSources(kz: KzDb, list: readonly Source[]): void {
  if (list.length === 0) return;
  const updatedAt = nowIso();
  kz.db
    .insert(sources)
    .values(
      list.map((s) => ({
        id: s.id,
        name: s.name,
        baseUrl: s.baseUrl,
        languages: JSON.stringify(s.languages),
        renderer: s.renderer,
        cron: s.cron,
        timezone: s.timezone,
        enabled: s.enabled,
        updatedAt,
      })),
    )
    .onConflictDoUpdate({
      target: sources.id,
      set: {
        name: sql`excluded.name`,
        baseUrl: sql`excluded.base_url`,
        languages: sql`excluded.languages`,
        renderer: sql`excluded.renderer`,
        cron: sql`excluded.cron`,
        timezone: sql`excluded.timezone`,
        enabled: sql`excluded.enabled`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .run();
}

/**
 * A row for an ad-hoc host (a URL crawled that no adapter owns), so its articles have a source.
 * Never scheduled: no cron, disabled. An existing row is left as it is.
 */
export function ensureSource(kz: KzDb, source: { id: string; name: string; baseUrl: string }): void {
  kz.db
    .insert(sources)
    .values({ ...source, cron: '', enabled: false, updatedAt: nowIso() })
    .onConflictDoNothing({ target: sources.id })
    .run();
}
