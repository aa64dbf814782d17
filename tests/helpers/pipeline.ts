/**
 * Runs the real pipeline over the fixture sites: tests/fixtures/sites is a recording served from local
 * servers (one per host) and reached through connectTo, so stored URLs keep the sites' real hosts. HTTP or
 * Playwright per the source's renderer, a real SQLite file in a temp directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { searchArticles } from '../../src/db/queries.js';
import type { ArticleView, KzDb } from '../../src/db/types.js';
import { crawlSource, type CrawlSummary } from '../../src/pipeline/crawl.js';
import { createPipeline, type Pipeline } from '../../src/pipeline/ingest.js';
import { openRecording } from '../../src/scrapers/fetch/recording.js';
import { builtinSources, createRegistry, type SourceRegistry } from '../../src/scrapers/sites/index.js';
import type { Page, Source } from '../../src/scrapers/types.js';
import { serveRecording, type RecordingServers } from './recording-server.js';

export const FIXTURE_SITES = join(import.meta.dirname, '..', 'fixtures', 'sites');

/** One recorded page of the fixture sites as the HTTP fetcher would hand it over, for calling an adapter directly. */
export function fixturePage(url: string, fetchedAt: Date): Page {
  const hit = openRecording(FIXTURE_SITES).lookup(url);
  if (!hit) throw new Error(`${url} is not in the fixture sites`);
  const html = hit.body.toString('utf8');
  return { requestedUrl: url, url, status: hit.status, headers: hit.headers, html, charset: 'utf-8', fetchedAt: fetchedAt.toISOString(), renderer: 'http', bytes: hit.body.length, durationMs: 0, notModified: false };
}

export interface FixtureCrawl {
  articles: ArticleView[];
  summaries: CrawlSummary[];
  kz: KzDb;
  pipeline: Pipeline;
  servers: RecordingServers;
  config: Config;
  registry: SourceRegistry;
  /** Crawl the same sources again (a second scheduled tick). */
  again(): Promise<CrawlSummary[]>;
  close(): Promise<void>;
}

export interface FixtureCrawlOptions {
  /** Extra sources besides the built-in ones (e.g. a test's custom source). */
  sources?: Source[];
  /** "Now" for relative dates and the date parser. */
  now?: Date;
  /** Environment overrides for loadConfig. */
  env?: Record<string, string>;
  /** Recording directory to serve instead of tests/fixtures/sites. */
  recording?: string;
  maxPages?: number;
  since?: string;
}

export async function crawlFixtureSite(sourceIds: string[], opts: FixtureCrawlOptions = {}): Promise<FixtureCrawl> {
  const dir = mkdtempSync(join(tmpdir(), 'kznews-crawl-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'kznews.db'), HOST_DELAY_MS: '0', FETCH_RETRIES: '1', FETCH_TIMEOUT_MS: '15000', ...opts.env });
  const registry = createRegistry([...builtinSources(), ...(opts.sources ?? [])]);
  const sources = sourceIds.map((id) => registry.get(id));
  const servers = await serveRecording(opts.recording ?? FIXTURE_SITES);
  const kz = openDatabase(config.databasePath);
  const pipeline = createPipeline({
    config,
    registry,
    kz,
    connectTo: servers.connectTo,
    ...(opts.now ? { now: () => opts.now as Date } : {}),
  });
  const crawl = async (): Promise<CrawlSummary[]> => {
    const out: CrawlSummary[] = [];
    for (const source of sources) {
      out.push(
        await crawlSource(kz, pipeline, source, {
          trigger: opts.since ? 'backfill' : 'manual',
          ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
          ...(opts.since ? { since: opts.since } : {}),
        }),
      );
    }
    return out;
  };
  const summaries = await crawl();
  const articles = sourceIds.flatMap((id) => searchArticles(kz, { source: id, limit: 10_000 }));
  return {
    articles,
    summaries,
    kz,
    pipeline,
    servers,
    config,
    registry,
    again: crawl,
    async close() {
      await pipeline.close();
      await servers.close();
      kz.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
