/**
 * `kznews crawl --queue`: hands URLs (or whole source runs) to a running daemon instead of crawling here.
 * A URL whose job is waiting, delayed or running is left alone (it is never queued twice at once); a URL
 * whose earlier job finished is queued again, since the user asked for it.
 */
import type { Config } from '../config.js';
import { startRun } from '../db/queries.js';
import type { KzDb } from '../db/types.js';
import { assertFetchableUrl, canonicalizeUrl } from '../scrapers/fetch/url.js';
import type { SourceRegistry } from '../scrapers/sites/index.js';
import { ARTICLE_JOB, articleJobId, articleJobOptions, assertRedisReachable, manualRunDeduplicationId, openQueues, openRedis, SOURCE_JOB } from './queues.js';
import { createRunTracker } from './runs.js';

export interface EnqueueOptions {
  registry: SourceRegistry;
  /** Fetch without a conditional GET and store even if unchanged. */
  force?: boolean;
  /** When given, the URLs are counted in a crawl run (trigger 'queue') the daemon closes when they are done. */
  kz?: KzDb;
}

export interface EnqueueResult {
  /** Canonical URLs now queued. */
  queued: string[];
  /** Canonical URLs whose job was already waiting or running. */
  alreadyQueued: string[];
  /** Input that is not a fetchable URL, with the reason. */
  invalid: Array<{ url: string; error: string }>;
  runId: number | null;
}

const UNFINISHED = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export async function enqueueUrls(config: Config, urls: string[], options: EnqueueOptions): Promise<EnqueueResult> {
  const result: EnqueueResult = { queued: [], alreadyQueued: [], invalid: [], runId: null };
  const canonical: string[] = [];
  for (const raw of urls) {
    try {
      assertFetchableUrl(raw);
      const url = canonicalizeUrl(raw);
      if (!canonical.includes(url)) canonical.push(url);
    } catch (e) {
      result.invalid.push({ url: raw, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (canonical.length === 0) return result;
  await assertRedisReachable(config);
  const queues = openQueues(config);
  const redis = openRedis(config, 'kznews-enqueue');
  try {
    const toAdd: string[] = [];
    for (const url of canonical) {
      const existing = await queues.articles.getJob(articleJobId(url));
      const state = existing ? await existing.getState() : null;
      if (state !== null && UNFINISHED.has(state)) {
        result.alreadyQueued.push(url);
        continue;
      }
      if (existing) await existing.remove();
      toAdd.push(url);
    }
    if (toAdd.length === 0) return result;
    const runId = options.kz ? startRun(options.kz, { sourceId: null, trigger: 'queue' }) : null;
    if (runId !== null) await createRunTracker(config, redis).begin(runId, toAdd.map(articleJobId), toAdd.length);
    await queues.articles.addBulk(
      toAdd.map((url) => {
        const source = options.registry.forUrl(url);
        const sourceId = options.registry.find(source.id) ? source.id : null;
        return { name: ARTICLE_JOB, data: { url, sourceId, runId, ...(options.force ? { force: true } : {}) }, opts: articleJobOptions(url) };
      }),
    );
    result.queued = toAdd;
    result.runId = runId;
    return result;
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

export interface SourceRunsResult {
  /** Sources whose run is now queued. */
  queued: string[];
  /** Sources with a requested run still waiting. */
  alreadyQueued: string[];
}

/** Queues a run of each source now (discovery, then one article job per new URL), besides its schedule. */
export async function enqueueSourceRuns(config: Config, registry: SourceRegistry, sourceIds: string[]): Promise<SourceRunsResult> {
  for (const id of sourceIds) registry.get(id);
  await assertRedisReachable(config);
  const queues = openQueues(config);
  const result: SourceRunsResult = { queued: [], alreadyQueued: [] };
  try {
    for (const sourceId of sourceIds) {
      const dedupId = manualRunDeduplicationId(sourceId);
      const holder = await queues.sources.getDeduplicationJobId(dedupId);
      const held = holder ? await queues.sources.getJob(holder) : undefined;
      if (held && UNFINISHED.has(await held.getState())) {
        result.alreadyQueued.push(sourceId);
        continue;
      }
      await queues.sources.add(SOURCE_JOB, { sourceId, trigger: 'queue' }, { deduplication: { id: dedupId } });
      result.queued.push(sourceId);
    }
    return result;
  } finally {
    await queues.close();
  }
}
