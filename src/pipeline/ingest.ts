/**
 * Runs one URL through fetch → extract → clean → dedup → store. The same code serves `kznews crawl`
 * (in-process) and the daemon's article jobs. Page-level problems never throw out of ingestUrl: they come
 * back as an outcome with a KznewsError whose kind tells the caller what to do next, and they are logged
 * in the fetches table.
 */
import type { Config } from '../config.js';
import { KznewsError, toKznewsError } from '../errors.js';
import { openRecording, createRecorder, type Recorder, type Recording } from '../scrapers/fetch/recording.js';
import { ensureSource, getValidators, knownUrls, logFetch, storeArticleAsync, upsertSources } from '../db/queries.js';
import { createDedupStep } from '../db/dedup-store.js';
import type { DedupStep, KzDb } from '../db/types.js';
import { discover } from '../scrapers/discover.js';
import { assertFetchableUrl, canonicalizeUrl } from '../scrapers/fetch/url.js';
import type { HostGate } from '../scrapers/fetch/politeness.js';
import { looksLikeChallenge, looksLikeJsShell } from '../scrapers/fetch/shell.js';
import type { SourceRegistry } from '../scrapers/sites/index.js';
import type { ArticleDraft, DiscoveredItem, ExtractResult, Fetcher, Page, Source } from '../scrapers/types.js';
import { cleanDraft } from './normalize.js';
import { extractWith, storeFields } from './extraction.js';
import { createFetchers, type Fetchers } from './fetchers.js';

export type IngestStatus = 'new' | 'updated' | 'unchanged' | 'not-modified' | 'discarded' | 'failed';

export interface IngestOutcome {
  url: string;
  status: IngestStatus;
  articleId: number | null;
  duplicateOf: number | null;
  storyId: number | null;
  /** Set when the page failed or was discarded. */
  error: KznewsError | null;
  durationMs: number;
  bytes: number;
  renderer: 'http' | 'browser' | null;
}

export interface IngestOptions {
  /** Use this source instead of the one the URL's host maps to. */
  sourceId?: string;
  crawlRunId?: number | null;
  /** Fetch without a conditional GET and store even if unchanged. */
  force?: boolean;
}

export interface DryRunResult {
  url: string;
  ok: boolean;
  draft: ArticleDraft | null;
  reason: string | null;
}

export interface PipelineOptions {
  config: Config;
  registry: SourceRegistry;
  kz: KzDb;
  gate?: HostGate;
  connectTo?: Record<string, string>;
  /** Answer every fetch from this recording directory instead of the network. */
  replayDir?: string;
  /** Save every response fetched into this directory. */
  recordDir?: string;
  now?: () => Date;
  dedup?: DedupStep;
  /** Told about discovery documents that failed (one bad feed does not stop a run). */
  onDiscoveryError?: (url: string, error: string) => void;
}

export interface Pipeline {
  readonly fetchers: Fetchers;
  ingestUrl(url: string, options?: IngestOptions): Promise<IngestOutcome>;
  /** Fetch and extract without storing (`--dry-run`, `kznews extract <url>`). */
  extractUrl(url: string, options?: { sourceId?: string }): Promise<DryRunResult>;
  /** Article URLs of a source that are not stored yet, newest first. */
  discoverSource(source: Source, options?: { since?: string | null; maxPages?: number }): Promise<DiscoveredItem[]>;
  /** URLs the replay recording was asked for but does not hold. */
  replayMisses(): string[];
  close(): Promise<void>;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** For renderer 'auto': the HTTP page was not an article, or is a page only a browser can read. */
function wantsBrowser(page: Page, result: ExtractResult): boolean {
  return !result.ok || looksLikeJsShell(page.html) || looksLikeChallenge(page.html, page.status);
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const { config, registry } = options;
  const kz = options.kz;
  const now = options.now ?? (() => new Date());
  const dedup = options.dedup ?? createDedupStep();
  const replay: Recording | undefined = options.replayDir ? openRecording(options.replayDir) : undefined;
  const recorder: Recorder | undefined = options.recordDir ? createRecorder(options.recordDir) : undefined;
  const fetchers = createFetchers({
    config,
    ...(options.gate ? { gate: options.gate } : {}),
    ...(options.connectTo ? { connectTo: options.connectTo } : {}),
    ...(replay ? { replay } : {}),
    ...(recorder ? { recorder } : {}),
    waitForSelector: (url) => registry.forUrl(url).renderedBody,
  });
  upsertSources(kz, registry.all());
  const knownSources = new Set(registry.all().map((s) => s.id));

  function sourceFor(url: string, sourceId?: string): Source {
    const source = sourceId ? registry.get(sourceId) : registry.forUrl(url);
    if (!knownSources.has(source.id)) {
      ensureSource(kz, source);
      knownSources.add(source.id);
    }
    return source;
  }

  async function fetchAndExtract(
    source: Source,
    url: string,
    validators: { etag?: string | null; lastModified?: string | null } | undefined,
  ): Promise<{ page: Page; result: ExtractResult }> {
    const first: Fetcher = source.renderer === 'browser' ? fetchers.browser() : fetchers.http;
    const page = await first.fetch(url, validators ? { validators } : {});
    if (page.notModified) return { page, result: { ok: false, reason: 'not modified' } };
    await yieldToEventLoop();
    const result = extractWith(source, page, now());
    if (source.renderer !== 'auto' || !wantsBrowser(page, result)) return { page, result };
    const rendered = await fetchers.browser().fetch(url);
    await yieldToEventLoop();
    return { page: rendered, result: extractWith(source, rendered, now()) };
  }

  function failed(url: string, started: number, error: KznewsError, page: Page | null, sourceId: string | null, runId: number | null): IngestOutcome {
    logFetch(kz, {
      url,
      finalUrl: page?.url ?? null,
      sourceId,
      status: page?.status ?? error.status ?? null,
      bytes: page?.bytes ?? null,
      durationMs: Date.now() - started,
      renderer: page?.renderer ?? null,
      outcome: error.kind === 'not-article' ? 'discarded' : 'failed',
      errorKind: error.kind,
      error: error.message,
      etag: null,
      lastModified: null,
      articleId: null,
      crawlRunId: runId,
      fetchedAt: now().toISOString(),
    });
    return {
      url,
      status: error.kind === 'not-article' ? 'discarded' : 'failed',
      articleId: null,
      duplicateOf: null,
      storyId: null,
      error,
      durationMs: Date.now() - started,
      bytes: page?.bytes ?? 0,
      renderer: page?.renderer ?? null,
    };
  }

  async function ingestUrl(rawUrl: string, opts: IngestOptions = {}): Promise<IngestOutcome> {
    const started = Date.now();
    const runId = opts.crawlRunId ?? null;
    let url = rawUrl;
    let source: Source | null = null;
    let page: Page | null = null;
    try {
      assertFetchableUrl(rawUrl);
      url = canonicalizeUrl(rawUrl);
      source = sourceFor(url, opts.sourceId);
      const validators = opts.force ? undefined : getValidators(kz, url) ?? undefined;
      const fetched = await fetchAndExtract(source, url, validators);
      page = fetched.page;
      if (page.notModified) {
        logFetch(kz, {
          url,
          finalUrl: page.url,
          sourceId: source.id,
          status: page.status,
          bytes: page.bytes,
          durationMs: page.durationMs,
          renderer: page.renderer,
          outcome: 'not-modified',
          errorKind: null,
          error: null,
          etag: page.headers['etag'] ?? validators?.etag ?? null,
          lastModified: page.headers['last-modified'] ?? validators?.lastModified ?? null,
          articleId: null,
          crawlRunId: runId,
          fetchedAt: page.fetchedAt,
        });
        return { url, status: 'not-modified', articleId: null, duplicateOf: null, storyId: null, error: null, durationMs: Date.now() - started, bytes: 0, renderer: page.renderer };
      }
      if (!fetched.result.ok) {
        return failed(url, started, new KznewsError('not-article', fetched.result.reason, { url }), page, source.id, runId);
      }
      const draft = cleanDraft(fetched.result.draft);
      if (draft.paragraphs.length === 0) {
        return failed(url, started, new KznewsError('not-article', 'no body text left after cleaning', { url }), page, source.id, runId);
      }
      // The raw page is compressed on a worker thread, so other jobs keep the main thread meanwhile.
      const stored = await storeArticleAsync(
        kz,
        {
          ...storeFields(draft),
          page: {
            requestedUrl: url,
            url: page.url,
            html: page.html,
            status: page.status,
            bytes: page.bytes,
            durationMs: page.durationMs,
            renderer: page.renderer,
            fetchedAt: page.fetchedAt,
            etag: page.headers['etag'] ?? null,
            lastModified: page.headers['last-modified'] ?? null,
          },
          crawlRunId: runId,
        },
        dedup,
      );
      return {
        url: draft.url,
        status: stored.outcome,
        articleId: stored.articleId,
        duplicateOf: stored.duplicateOf,
        storyId: stored.storyId,
        error: null,
        durationMs: Date.now() - started,
        bytes: page.bytes,
        renderer: page.renderer,
      };
    } catch (e) {
      return failed(url, started, toKznewsError(e, url), page, source?.id ?? null, runId);
    }
  }

  async function extractUrl(rawUrl: string, opts: { sourceId?: string } = {}): Promise<DryRunResult> {
    assertFetchableUrl(rawUrl);
    const url = canonicalizeUrl(rawUrl);
    const source = sourceFor(url, opts.sourceId);
    const { result } = await fetchAndExtract(source, url, undefined);
    if (!result.ok) return { url, ok: false, draft: null, reason: result.reason };
    return { url, ok: true, draft: cleanDraft(result.draft), reason: null };
  }

  async function discoverSource(source: Source, opts: { since?: string | null; maxPages?: number } = {}): Promise<DiscoveredItem[]> {
    const result = await discover(source, fetchers.http, {
      isKnown: (urls) => knownUrls(kz, urls),
      since: opts.since ?? null,
      ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
      now: now(),
    });
    for (const e of result.errors) options.onDiscoveryError?.(e.url, e.error);
    return result.items;
  }

  return {
    fetchers,
    ingestUrl,
    extractUrl,
    discoverSource,
    replayMisses: () => replay?.missing() ?? [],
    async close() {
      await fetchers.close();
      await recorder?.flush();
    },
  };
}
