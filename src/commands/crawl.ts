/** `kznews crawl`: URLs or whole sources through the pipeline, in-process, with a progress line and a summary. */
import { UsageError } from '../errors.js';
import type { RunCounts } from '../db/types.js';
import { crawlSource, crawlUrls, emptyCounts, type CrawlSummary } from '../pipeline/crawl.js';
import { createPipeline, type IngestOutcome, type Pipeline } from '../pipeline/ingest.js';
import type { Source } from '../scrapers/types.js';
import { mergeConnectTo, type CommandContext } from './context.js';
import { createProgress } from './progress.js';
import { parseSince } from './since.js';

export interface CrawlCommandOptions {
  source?: string[];
  all?: boolean;
  since?: string;
  max?: number;
  maxPages?: number;
  dryRun?: boolean;
  record?: string;
  replay?: string;
  force?: boolean;
  connectTo?: string[];
  concurrency?: number;
  json?: boolean;
}

export interface CrawlCommandResult {
  counts: RunCounts;
  skipped: number;
  attempted: number;
  replayMisses: string[];
}

function selectSources(ctx: CommandContext, opts: CrawlCommandOptions): Source[] {
  if (opts.all) return ctx.registry.enabled();
  const ids = (opts.source ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return ids.map((id) => ctx.registry.get(id));
}

function describe(outcome: IngestOutcome): string {
  const extra = outcome.error ? ` (${outcome.error.kind}: ${outcome.error.message})` : '';
  const dup = outcome.duplicateOf !== null ? ` duplicate of #${outcome.duplicateOf}` : '';
  return `${outcome.status.padEnd(12)} ${outcome.url}${dup}${extra}`;
}

async function dryRun(pipeline: Pipeline, urls: string[], sources: Source[], opts: CrawlCommandOptions, out: NodeJS.WritableStream): Promise<CrawlCommandResult> {
  const counts = emptyCounts();
  const targets: Array<{ url: string; sourceId?: string }> = urls.map((url) => ({ url }));
  for (const source of sources) {
    const items = await pipeline.discoverSource(source, { since: parseSince(opts.since, new Date()), ...(opts.maxPages ? { maxPages: opts.maxPages } : {}) });
    counts.discovered += items.length;
    targets.push(...items.slice(0, opts.max ?? items.length).map((i) => ({ url: i.url, sourceId: source.id })));
  }
  let skipped = 0;
  for (const t of targets) {
    try {
      const r = await pipeline.extractUrl(t.url, t.sourceId ? { sourceId: t.sourceId } : {});
      out.write(`${JSON.stringify(r.ok ? r.draft : { url: r.url, discarded: r.reason })}\n`);
      if (!r.ok) skipped += 1;
    } catch (e) {
      counts.failed += 1;
      process.stderr.write(`failed       ${t.url} (${e instanceof Error ? e.message : String(e)})\n`);
    }
  }
  return { counts, skipped, attempted: targets.length, replayMisses: pipeline.replayMisses() };
}

export async function crawlCommand(ctx: CommandContext, urls: string[], opts: CrawlCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<CrawlCommandResult> {
  const sources = selectSources(ctx, opts);
  if (urls.length === 0 && sources.length === 0) {
    throw new UsageError('nothing to crawl: give URLs, --source NAME or --all (see `kznews sources`)');
  }
  const config = opts.replay ? { ...ctx.config, hostDelayMs: 0 } : ctx.config;
  const kz = ctx.db();
  const pipeline = createPipeline({
    config,
    registry: ctx.registry,
    kz,
    connectTo: mergeConnectTo(ctx.config, opts.connectTo),
    ...(opts.replay ? { replayDir: opts.replay } : {}),
    ...(opts.record ? { recordDir: opts.record } : {}),
    onDiscoveryError: (url, error) => process.stderr.write(`discovery    ${url} (${error})\n`),
  });
  try {
    if (opts.dryRun) return await dryRun(pipeline, urls, sources, opts, out);
    const progress = createProgress(process.stderr);
    const onOutcome = (o: IngestOutcome, done: number, total: number): void => progress.update(describe(o), done, total, o.status === 'failed');
    const summaries: CrawlSummary[] = [];
    const base = { trigger: opts.since ? ('backfill' as const) : ('manual' as const), onOutcome, ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) };
    if (urls.length > 0) summaries.push(await crawlUrls(kz, pipeline, urls, base));
    const since = parseSince(opts.since, new Date());
    for (const source of sources) {
      progress.note(`source       ${source.id}: discovering…`);
      summaries.push(
        await crawlSource(kz, pipeline, source, {
          ...base,
          since,
          ...(opts.max !== undefined ? { max: opts.max } : {}),
          ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
        }),
      );
    }
    progress.done();
    const counts = emptyCounts();
    let skipped = 0;
    let attempted = 0;
    for (const s of summaries) {
      for (const k of Object.keys(counts) as Array<keyof RunCounts>) counts[k] += s.counts[k];
      skipped += s.skipped;
      attempted += s.outcomes.length;
    }
    return { counts, skipped, attempted, replayMisses: pipeline.replayMisses() };
  } finally {
    await pipeline.close();
  }
}

export function summaryLine(r: CrawlCommandResult): string {
  const c = r.counts;
  return `new ${c.stored}, updated ${c.updated}, unchanged ${c.unchanged}, failed ${c.failed}` +
    ` (skipped ${r.skipped}: not modified or not an article; duplicates ${c.duplicates}; discovered ${c.discovered})`;
}
