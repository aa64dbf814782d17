/** `kznews query` and `kznews show`: reading what was stored. */
import { UsageError } from '../errors.js';
import { copiesOf, storySiblings } from '../db/dedup-store.js';
import { getArticle, searchArticles, type ArticleView } from '../db/queries.js';
import { parseSince } from './since.js';
import type { CommandContext } from './context.js';
import { OUTPUT_FORMATS, renderRecords, type OutputFormat, type TableColumn } from './format.js';

export interface QueryCommandOptions {
  source?: string;
  since?: string;
  until?: string;
  lang?: string;
  limit?: number;
  format?: string;
  dedup?: boolean;
}

const COLUMNS: readonly TableColumn<ArticleView>[] = [
  { header: 'id', value: (a) => a.id },
  { header: 'published', value: (a) => a.published?.slice(0, 16).replace('T', ' ') ?? '' },
  { header: 'source', value: (a) => a.source, max: 14 },
  { header: 'lang', value: (a) => a.lang },
  { header: 'title', value: (a) => a.title, max: 70 },
  { header: 'dup', value: (a) => (a.duplicateOf === null ? '' : `#${a.duplicateOf}`) },
  { header: 'story', value: (a) => a.storyId },
];

export function parseFormat(value: string | undefined): OutputFormat {
  const f = value ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) {
    throw new UsageError(`--format ${f}: expected one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  return f as OutputFormat;
}

export function queryCommand(ctx: CommandContext, words: string[], opts: QueryCommandOptions): string {
  const format = parseFormat(opts.format);
  const now = new Date();
  const since = parseSince(opts.since, now);
  const until = parseSince(opts.until, now, '--until');
  if (opts.source) ctx.registry.get(opts.source);
  const rows = searchArticles(ctx.db(), {
    ...(words.length > 0 ? { words: words.join(' ') } : {}),
    ...(opts.source ? { source: opts.source } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(opts.lang ? { lang: opts.lang } : {}),
    limit: opts.limit ?? 20,
    dedup: opts.dedup ?? false,
  });
  return renderRecords(rows, format, COLUMNS);
}

function lookup(ctx: CommandContext, ref: string): ArticleView {
  const id = /^\d+$/.test(ref) ? Number(ref) : ref;
  const article = getArticle(ctx.db(), id);
  if (!article) throw new UsageError(`no stored article ${ref} (give an id from \`kznews query\` or a stored URL)`);
  return article;
}

export function showCommand(ctx: CommandContext, ref: string, opts: { json?: boolean }): string {
  const kz = ctx.db();
  const a = lookup(ctx, ref);
  const copies = copiesOf(kz, a.id);
  const siblings = storySiblings(kz, a.id);
  if (opts.json) return JSON.stringify({ ...a, copies, storySiblings: siblings }, null, 2);
  const lines = [
    a.title,
    '',
    `id:         ${a.id}`,
    `url:        ${a.url}`,
    `source:     ${a.source}`,
    `published:  ${a.published ?? '—'}`,
    `modified:   ${a.modified ?? '—'}`,
    `author:     ${a.author ?? '—'}`,
    `language:   ${a.lang ?? '—'}`,
    `tags:       ${a.tags.length > 0 ? a.tags.join(', ') : '—'}`,
    `revision:   ${a.revision} (first seen ${a.firstSeen}, last seen ${a.lastSeen})`,
    `duplicate:  ${a.duplicateOf === null ? 'no' : `of #${a.duplicateOf}`}`,
    `story:      ${a.storyId === null ? '—' : `#${a.storyId}`}`,
  ];
  if (copies.length > 0) lines.push('', 'Copies:', ...copies.map((c) => `  #${c.id}  ${c.url}`));
  if (siblings.length > 0) lines.push('', 'Same story:', ...siblings.map((s) => `  #${s.id}  ${s.source}  ${s.title}`));
  if (a.lead) lines.push('', a.lead);
  lines.push('', a.text);
  return lines.join('\n');
}
