/**
 * A crawl run: a list of URLs, or a source's discovered URLs, through the pipeline with a bounded number of
 * pages in flight, counted in a crawl_runs row. Used by `kznews crawl` and by the daemon's source jobs.
 */
import type { KzDb, RunCounts, RunTrigger } from '../db/types.js';
import { finishRun, startRun } from '../db/queries.js';
import type { Source } from '../scrapers/types.js';
import type { IngestOutcome, Pipeline } from './ingest.js';


export interface CrawlSummary {
  runId: number;
  sourceId: string | null;
  counts: RunCounts;
  /** not-modified and discarded pages, counted apart from failures */
  skipped: number;
  outcomes: IngestOutcome[];
}

export interface CrawlOptions {
  trigger: RunTrigger;
  /** Pages in flight at once (per-host politeness still applies inside the fetcher). */
  concurrency?: number;
  onOutcome?: (outcome: IngestOutcome, done: number, total: number) => void;
}

export const DEFAULT_CRAWL_CONCURRENCY = 4;

export function emptyCounts(): RunCounts {
  return { discovered: 0, stored: 0, updated: 0, unchanged: 0, duplicates: 0, failed: 0 };
}

/** Adds one outcome to the counts; returns true when it was neither stored nor a failure. */
export function countOutcome(counts: RunCounts, outcome: IngestOutcome): boolean {
  switch (outcome.status) {
    case 'new':
      counts.stored += 1;
      break;
    case 'updated':
      counts.updated += 1;
      break;
    case 'unchanged':
      counts.unchanged += 1;
      break;
    case 'failed':
      counts.failed += 1;
      return false;
    default:
      return true;
  }
  if (outcome.duplicateOf !== null) counts.duplicates += 1;
  return false;
}

async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

async function ingestAll(
  kz: KzDb,
  pipeline: Pipeline,
  urls: string[],
  runId: number,
  sourceId: string | null,
  options: CrawlOptions,
  discovered: number,
): Promise<CrawlSummary> {
  const counts = { ...emptyCounts(), discovered };
  const outcomes: IngestOutcome[] = [];
  let skipped = 0;
  try {
    await runPool(urls, options.concurrency ?? DEFAULT_CRAWL_CONCURRENCY, async (url) => {
      const outcome = await pipeline.ingestUrl(url, { crawlRunId: runId, ...(sourceId ? { sourceId } : {}) });
      outcomes.push(outcome);
      if (countOutcome(counts, outcome)) skipped += 1;
      options.onOutcome?.(outcome, outcomes.length, urls.length);
    });
  } catch (e) {
    finishRun(kz, runId, counts, 'failed', e instanceof Error ? e.message : String(e));
    throw e;
  }
  const allFailed = urls.length > 0 && counts.failed === urls.length;
  finishRun(kz, runId, counts, allFailed ? 'failed' : 'done', allFailed ? 'every URL failed' : undefined);
  return { runId, sourceId, counts, skipped, outcomes };
}

/** Crawls explicit URLs; each goes to the source its host belongs to. */
export async function crawlUrls(kz: KzDb, pipeline: Pipeline, urls: string[], options: CrawlOptions): Promise<CrawlSummary> {
  const runId = startRun(kz, { sourceId: null, trigger: options.trigger });
  return ingestAll(kz, pipeline, [...new Set(urls)], runId, null, options, urls.length);
}

export interface SourceCrawlOptions extends CrawlOptions {
  /** Backfill down to this UTC date (ISO). */
  since?: string | null;
  /** Bound on listing/sitemap pages walked. */
  maxPages?: number;
  /** Bound on articles fetched in this run. */
  max?: number;
}

/** Discovers a source's new article URLs and ingests them. A discovery failure fails the run, recorded. */
export async function crawlSource(kz: KzDb, pipeline: Pipeline, source: Source, options: SourceCrawlOptions): Promise<CrawlSummary> {
  const runId = startRun(kz, { sourceId: source.id, trigger: options.trigger });
  let urls: string[];
  try {
    const items = await pipeline.discoverSource(source, {
      since: options.since ?? null,
      ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
    });
    urls = items.map((i) => i.url);
  } catch (e) {
    finishRun(kz, runId, emptyCounts(), 'failed', e instanceof Error ? e.message : String(e));
    throw e;
  }
  const discovered = urls.length;
  if (options.max !== undefined) urls = urls.slice(0, options.max);
  return ingestAll(kz, pipeline, urls, runId, source.id, options, discovered);
}
