/**
 * The daemon's queues: names, job payloads, job ids, default job options, and the Redis connections they
 * use. Two queues: `sources` (one job per scheduled or requested run of a source: discovery) and `articles`
 * (one job per URL: fetch → extract → clean → dedup → store).
 */
import { createHash } from 'node:crypto';
import { Queue, type DefaultJobOptions, type JobsOptions, type RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.js';
import { UsageError } from '../errors.js';
import type { RunTrigger } from '../db/types.js';
import { JOBS } from '../settings.js';

export const SOURCE_QUEUE = 'sources';
export const ARTICLE_QUEUE = 'articles';
export const SOURCE_JOB = 'source';
export const ARTICLE_JOB = 'article';
/** The custom backoff type article and source jobs use (worker.ts supplies the strategy). */
export const BACKOFF_TYPE = 'kznews';

export interface SourceJobData {
  sourceId: string;
  trigger: Extract<RunTrigger, 'schedule' | 'queue'>;
  /** Set once the run row exists, so a retried or recovered job keeps its run. */
  runId?: number;
}

export interface ArticleJobData {
  /** Canonical URL. */
  url: string;
  sourceId: string | null;
  runId: number | null;
  force?: boolean;
}

/** What a finished article job leaves as its return value (shown by `kznews status` and in the failed set). */
export interface ArticleJobResult {
  status: string;
  articleId: number | null;
  duplicateOf: number | null;
}

export interface SourceJobResult {
  runId: number;
  discovered: number;
  queued: number;
}

/**
 * BullMQ job ids may not contain ':' and must not look like integers; a hash of the canonical URL is
 * neither, has a fixed length, and is the same on every worker, so one URL is never queued twice at once.
 */
export function articleJobId(canonicalUrl: string): string {
  return `u${createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 40)}`;
}

/** A run asked for by hand (`kznews crawl --queue --source x`) is not queued twice while one waits. */
export function manualRunDeduplicationId(sourceId: string): string {
  return `manual-run-${sourceId}`;
}

const backoff = { type: BACKOFF_TYPE } as const;

export const ARTICLE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: JOBS.articleAttempts,
  backoff,
  removeOnComplete: JOBS.keepCompletedArticles,
  removeOnFail: JOBS.keepFailedArticles,
};

export const SOURCE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: JOBS.sourceAttempts,
  backoff,
  removeOnComplete: JOBS.keepCompletedRuns,
  removeOnFail: JOBS.keepFailedRuns,
};

export function articleJobOptions(canonicalUrl: string): JobsOptions {
  return { ...ARTICLE_JOB_OPTIONS, jobId: articleJobId(canonicalUrl) };
}

/** The URL with its password hidden, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * Options for connections that must ride out a Redis restart: commands wait (offline queue, no per-request
 * retry limit, which BullMQ's blocking connections require) and reconnects go on forever at a capped pace.
 */
export function durableRedisOptions(): RedisOptions & BullRedisOptions {
  return {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times: number) => Math.min(times * 200, JOBS.redisRetryMaxMs),
  };
}

/** BullMQ's `connection` option for one of our queues or workers. */
export function bullConnection(config: Config): BullRedisOptions {
  return { url: config.redisUrl, ...durableRedisOptions() };
}

export function openRedis(config: Config, connectionName: string): Redis {
  return new Redis(config.redisUrl, { ...durableRedisOptions(), connectionName });
}

/**
 * Fails fast, naming REDIS_URL, when Redis does not answer at start; once running, connections wait for
 * Redis instead (see durableRedisOptions).
 */
export async function assertRedisReachable(config: Config): Promise<void> {
  const probe = new Redis(config.redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectTimeout: JOBS.redisConnectTimeoutMs,
  });
  // connect() only says "Connection is closed"; the cause (ECONNREFUSED, ENOTFOUND, auth) comes as an event.
  let cause: Error | null = null;
  probe.on('error', (e: Error) => {
    cause ??= e;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    const reason = (cause ?? (e instanceof Error ? e : new Error(String(e)))).message.replace(/\.$/, '');
    throw new UsageError(
      `cannot reach Redis at ${redactRedisUrl(config.redisUrl)} (REDIS_URL): ${reason}. ` +
        'Start redis-server or set REDIS_URL to a running Redis.',
    );
  } finally {
    probe.disconnect();
  }
}

export interface Queues {
  sources: Queue<SourceJobData, SourceJobResult>;
  articles: Queue<ArticleJobData, ArticleJobResult>;
  close(): Promise<void>;
}

/** `onError` hears connection trouble (a Queue without an 'error' listener would crash the process). */
export function openQueues(config: Config, onError: (error: Error, queue: string) => void = () => {}): Queues {
  const common = { connection: bullConnection(config), prefix: config.queuePrefix };
  const sources = new Queue<SourceJobData, SourceJobResult>(SOURCE_QUEUE, { ...common, defaultJobOptions: SOURCE_JOB_OPTIONS });
  const articles = new Queue<ArticleJobData, ArticleJobResult>(ARTICLE_QUEUE, { ...common, defaultJobOptions: ARTICLE_JOB_OPTIONS });
  sources.on('error', (e) => onError(e, SOURCE_QUEUE));
  articles.on('error', (e) => onError(e, ARTICLE_QUEUE));
  return {
    sources,
    articles,
    async close() {
      await Promise.all([sources.close(), articles.close()]);
    },
  };
}

/** Redis keys of our own beside BullMQ's (`<prefix>:<queue>:…`), under the same prefix. */
export function ownKey(config: Config, ...parts: string[]): string {
  return [config.queuePrefix, ...parts].join(':');
}
