/** `kznews sources`, `kznews stats`, `kznews migrate`: what is configured and what is stored. */
import { migrate } from '../db/client.js';
import { dedupStats } from '../db/dedup-store.js';
import { stats } from '../db/queries.js';
import type { CommandContext } from './context.js';
import { renderTable } from './format.js';

export function sourcesCommand(ctx: CommandContext, opts: { json?: boolean }): string {
  const counts = new Map(stats(ctx.db()).sources.map((s) => [s.sourceId, s]));
  const rows = ctx.registry.all().map((s) => ({
    id: s.id,
    name: s.name,
    enabled: s.enabled,
    renderer: s.renderer,
    cron: s.cron,
    timezone: s.timezone,
    languages: s.languages,
    articles: counts.get(s.id)?.articles ?? 0,
    lastPublished: counts.get(s.id)?.lastPublished ?? null,
    lastFetched: counts.get(s.id)?.lastFetched ?? null,
  }));
  if (opts.json) return JSON.stringify(rows, null, 2);
  return renderTable(rows, [
    { header: 'id', value: (r) => r.id },
    { header: 'name', value: (r) => r.name, max: 28 },
    { header: 'on', value: (r) => (r.enabled ? 'yes' : 'no') },
    { header: 'renderer', value: (r) => r.renderer },
    { header: 'schedule', value: (r) => r.cron },
    { header: 'lang', value: (r) => r.languages },
    { header: 'articles', value: (r) => r.articles },
    { header: 'last published', value: (r) => r.lastPublished?.slice(0, 16).replace('T', ' ') ?? '' },
  ]);
}

export function statsCommand(ctx: CommandContext, opts: { json?: boolean }): string {
  const kz = ctx.db();
  const s = stats(kz);
  const d = dedupStats(kz);
  if (opts.json) return JSON.stringify({ ...s, dedup: d }, null, 2);
  return [
    `articles ${s.totals.articles}, duplicates ${d.duplicates}, stories ${d.stories} (${d.articlesInStories} articles in them), failed fetches ${s.totals.fetchesFailed}`,
    '',
    renderTable(s.sources, [
      { header: 'source', value: (r) => r.sourceId },
      { header: 'articles', value: (r) => r.articles },
      { header: 'failures', value: (r) => r.failures },
      { header: 'last published', value: (r) => r.lastPublished?.slice(0, 16).replace('T', ' ') ?? '' },
      { header: 'last fetched', value: (r) => r.lastFetched?.slice(0, 16).replace('T', ' ') ?? '' },
    ]),
    '',
    renderTable(s.days, [
      { header: 'day', value: (r) => r.day },
      { header: 'articles', value: (r) => r.articles },
    ]),
  ].join('\n');
}

export function migrateCommand(ctx: CommandContext): string {
  const r = migrate(ctx.config.databasePath);
  return r.applied.length === 0
    ? `${r.path}: up to date (${r.current ?? 'empty'})`
    : `${r.path}: applied ${r.applied.join(', ')}`;
}
