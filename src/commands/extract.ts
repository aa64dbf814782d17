/** `kznews extract <file-or-url>`: run extraction on one saved HTML file or one URL, store nothing. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { cleanDraft } from '../pipeline/normalize.js';
import { createPipeline } from '../pipeline/ingest.js';
import { extractWith, pageFromHtml } from '../pipeline/extraction.js';
import { decodeBody } from '../scrapers/fetch/charset.js';
import { canonicalizeUrl, isFetchableUrl } from '../scrapers/fetch/url.js';
import type { ArticleDraft, Page } from '../scrapers/types.js';
import { mergeConnectTo, type CommandContext } from './context.js';

export interface ExtractCommandOptions {
  url?: string;
  json?: boolean;
  source?: string;
  connectTo?: string[];
}

/** The JSON record `kznews extract --json` prints. */
export interface ExtractRecord {
  url: string;
  title: string;
  published: string | null;
  modified: string | null;
  author: string | null;
  lang: string | null;
  tags: string[];
  lead: string | null;
  images: string[];
  paragraphs: string[];
  text: string;
}

export function toRecord(d: ArticleDraft): ExtractRecord {
  return {
    url: d.url,
    title: d.title,
    published: d.publishedAt,
    modified: d.updatedAt,
    author: d.author,
    lang: d.language,
    tags: d.tags,
    lead: d.lead,
    images: d.images,
    paragraphs: d.paragraphs,
    text: d.paragraphs.join('\n'),
  };
}

export function renderRecord(r: ExtractRecord): string {
  return [
    `title:      ${r.title}`,
    `url:        ${r.url}`,
    `published:  ${r.published ?? '—'}`,
    `modified:   ${r.modified ?? '—'}`,
    `author:     ${r.author ?? '—'}`,
    `language:   ${r.lang ?? '—'}`,
    `tags:       ${r.tags.length > 0 ? r.tags.join(', ') : '—'}`,
    ...(r.lead ? ['', r.lead] : []),
    '',
    r.text,
  ].join('\n');
}

function pageFromFile(path: string, url: string): Page {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const { text, charset } = decodeBody(bytes, null);
  return pageFromHtml({ url, html: text, charset, bytes: bytes.length, fetchedAt: new Date().toISOString(), renderer: 'http' });
}

export async function extractCommand(ctx: CommandContext, target: string, opts: ExtractCommandOptions): Promise<ExtractRecord> {
  if (isFetchableUrl(target)) {
    const pipeline = createPipeline({ config: ctx.config, registry: ctx.registry, kz: ctx.db(), connectTo: mergeConnectTo(ctx.config, opts.connectTo) });
    try {
      const r = await pipeline.extractUrl(target, opts.source ? { sourceId: opts.source } : {});
      if (!r.ok || !r.draft) throw new UsageError(`${target}: not an article (${r.reason ?? 'no body'})`);
      return toRecord(r.draft);
    } finally {
      await pipeline.close();
    }
  }
  if (opts.url !== undefined && !isFetchableUrl(opts.url)) throw new UsageError(`--url ${opts.url}: expected an http(s) URL`);
  const url = canonicalizeUrl(opts.url ?? 'http://localhost/');
  const source = opts.source ? ctx.registry.get(opts.source) : ctx.registry.forUrl(url);
  const result = extractWith(source, pageFromFile(target, url), new Date());
  if (!result.ok) throw new UsageError(`${target}: not an article (${result.reason})`);
  return toRecord(cleanDraft(result.draft));
}
