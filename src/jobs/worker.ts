/**
 * `kznews worker`: the daemon. Checks Redis, starts the pipeline thread, reconciles one scheduler per
 * enabled source, runs BullMQ workers for source runs and article jobs, serves /healthz and /metrics, and
 * shuts down cleanly: no new jobs, running ones finish or go back to the queue within a bound, then the
 * browser, SQLite and Redis are closed. While running, a lost Redis is waited for, never fatal.
 */
import { hostname } from 'node:os';
import { Worker, type WorkerOptions as BullWorkerOptions } from 'bullmq';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { SourceRegistry } from '../scrapers/sites/index.js';
import { JOBS } from '../settings.js';
import { startHealthServer, type HealthServer } from './health.js';
import { createDaemonMetrics, type DaemonMetrics } from './metrics.js';
import { startPipelineThread } from './pipeline-host.js';
import { articleProcessor, retryDelayMs, sourceProcessor, type ProcessorDeps } from './processors.js';
import { ARTICLE_QUEUE, assertRedisReachable, bullConnection, openQueues, openRedis, redactRedisUrl, SOURCE_QUEUE, type Queues } from './queues.js';
import { createRedisHostGate } from './redis-gate.js';
import { createRunTracker } from './runs.js';
import { schedulerSpecs, syncSchedulers } from './schedules.js';

/** Timings, for tests and unusual deployments; the defaults come from settings (JOBS). */
export interface WorkerTuning {
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  backoffJitter: number;
  shutdownGraceMs: number;
  threadCloseMs: number;
  hostWaitToDelayMs: number;
  gateLeaseMs: number;
}

export const DEFAULT_TUNING: WorkerTuning = {
  lockDurationMs: JOBS.lockDurationMs,
  stalledIntervalMs: JOBS.stalledIntervalMs,
  maxStalledCount: JOBS.maxStalledCount,
  backoffBaseMs: JOBS.backoffBaseMs,
  backoffMaxMs: JOBS.backoffMaxMs,
  backoffJitter: JOBS.backoffJitter,
  shutdownGraceMs: JOBS.shutdownGraceMs,
  threadCloseMs: JOBS.threadCloseMs,
  hostWaitToDelayMs: JOBS.hostWaitToDelayMs,
  gateLeaseMs: JOBS.gateLeaseMs,
};

export interface WorkerOptions {
  config: Config;
  /**
   * Decides which schedulers exist. The pipeline thread loads its own registry from `config` (sources hold
   * functions, which cannot cross threads), so pass the registry loadRegistry(config) gives.
   */
  registry: SourceRegistry;
  logger: Logger;
  /** Article jobs at once in this process (default JOBS.articleConcurrency). */
  concurrency?: number;
  /** Schedule only these sources (null or absent: every enabled one). */
  sources?: string[] | null;
  /** Health and metrics port; 0 serves none. Default config.healthPort. */
  port?: number;
  tuning?: Partial<WorkerTuning>;
}

export interface RunningWorker {
  /** Port of /healthz and /metrics, or null when not served. */
  readonly port: number | null;
  readonly metrics: DaemonMetrics;
  /** Stops taking jobs, finishes or hands back the running ones, closes everything. Safe to call twice. */
  close(): Promise<void>;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One log line per Redis outage instead of one per failed command. */
function watchRedis(logger: Logger): { lost(error: unknown): void; ready(): void; isUp(): boolean; stopping(): void } {
  let up = true;
  let stopping = false;
  return {
    lost(error) {
      if (!up || stopping) return;
      up = false;
      logger.error({ event: 'redis-lost', error: errorText(error) }, 'Redis connection lost: waiting for it to come back');
    },
    ready() {
      if (up) return;
      up = true;
      logger.info({ event: 'redis-restored' }, 'Redis connection restored: resuming');
    },
    isUp: () => up,
    stopping() {
      stopping = true;
    },
  };
}

async function readQueueDepths(queues: Queues, metrics: DaemonMetrics): Promise<void> {
  const states = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
  const [sources, articles] = await Promise.all([queues.sources.getJobCounts(...states), queues.articles.getJobCounts(...states)]);
  metrics.queueJobs.reset();
  for (const [queue, counts] of [
    [SOURCE_QUEUE, sources],
    [ARTICLE_QUEUE, articles],
  ] as const) {
    for (const state of states) metrics.queueJobs.set({ queue, state }, counts[state] ?? 0);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

export async function runWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { config, registry, logger } = options;
  const tuning: WorkerTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const concurrency = options.concurrency ?? JOBS.articleConcurrency;
  const specs = schedulerSpecs(registry.all(), options.sources ?? null);
  await assertRedisReachable(config);

  const redisState = watchRedis(logger);
  const redis = openRedis(config, 'kznews-worker');
  redis.on('error', (e: Error) => redisState.lost(e));
  redis.on('close', () => redisState.lost(new Error('connection closed')));
  redis.on('ready', () => redisState.ready());
  const queues = openQueues(config, (e) => redisState.lost(e));
  const metrics = createDaemonMetrics();
  const thread = await startPipelineThread({ config, gateLeaseMs: tuning.gateLeaseMs }, {
    onFetch: (host, seconds) => metrics.fetchSeconds.observe({ host }, seconds),
    onDiscoveryError: (url, error) => logger.warn({ event: 'discovery-error', url, error }, 'discovery document failed'),
    onRestart: (error) => logger.error({ event: 'thread-restart', error: error.message }, 'pipeline thread died: starting a new one'),
  }).catch(async (e: unknown) => {
    await queues.close();
    redis.disconnect();
    throw e;
  });
  const gate = createRedisHostGate({ redis, prefix: config.queuePrefix, concurrency: config.hostConcurrency, delayMs: config.hostDelayMs });
  const tracker = createRunTracker(config, redis);
  const shutdown = new AbortController();
  const deps: ProcessorDeps = { thread, queues, tracker, gate, metrics, logger, shutdown: shutdown.signal, hostWaitToDelayMs: tuning.hostWaitToDelayMs };

  let articleWorker: Worker | null = null;
  let sourceWorker: Worker | null = null;
  let health: HealthServer | null = null;
  let closing: Promise<void> | null = null;

  async function close(): Promise<void> {
    closing ??= (async () => {
      logger.info({ event: 'stopping', graceMs: tuning.shutdownGraceMs }, 'stopping: no new jobs; running ones get the grace period');
      const grace = setTimeout(() => shutdown.abort(), tuning.shutdownGraceMs);
      await Promise.all([articleWorker?.close(), sourceWorker?.close()]);
      clearTimeout(grace);
      await health?.close();
      await gate.close();
      await thread.close(tuning.threadCloseMs);
      redisState.stopping();
      await queues.close();
      await redis.quit().catch(() => redis.disconnect());
      logger.info({ event: 'stopped' }, 'stopped');
    })();
    return closing;
  }

  try {
    const sync = await syncSchedulers(config, queues.sources, redis, specs);
    logger.info({ event: 'schedulers', ...sync }, 'schedulers reconciled');

    const workerOptions = (n: number): BullWorkerOptions => ({
      connection: bullConnection(config),
      prefix: config.queuePrefix,
      concurrency: n,
      name: `${hostname()}:${process.pid}`,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      maxStalledCount: tuning.maxStalledCount,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
          retryDelayMs(attemptsMade, error, { baseMs: tuning.backoffBaseMs, maxMs: tuning.backoffMaxMs, jitter: tuning.backoffJitter }),
      },
    });
    articleWorker = new Worker(ARTICLE_QUEUE, articleProcessor(deps), workerOptions(concurrency));
    sourceWorker = new Worker(SOURCE_QUEUE, sourceProcessor(deps), workerOptions(JOBS.sourceConcurrency));
    for (const w of [articleWorker, sourceWorker]) {
      w.on('error', (e) => (redisState.isUp() ? logger.warn({ event: 'queue-error', queue: w.name, error: e.message }, 'queue error') : undefined));
      w.on('stalled', (jobId) => logger.warn({ event: 'job-stalled', queue: w.name, jobId }, 'job stalled: its worker stopped renewing the lock; it runs again'));
      w.on('lockRenewalFailed', (jobIds) => logger.warn({ event: 'lock-renewal-failed', queue: w.name, jobIds }, 'job lock renewal failed'));
      // Failures the processors see are logged there; this one happens outside them.
      w.on('failed', (job, e) => {
        if (/stalled more than allowable limit/.test(e.message)) {
          logger.error({ event: 'job-failed', queue: w.name, jobId: job?.id, error: e.message }, 'job failed: its workers kept dying');
        }
      });
    }

    const port = options.port ?? config.healthPort;
    if (port !== 0) {
      health = await startHealthServer(config.healthHost, port, {
        redis: async () => {
          await redis.ping();
        },
        database: () => thread.health(),
        metrics: async () => {
          const read = await withTimeout(readQueueDepths(queues, metrics), JOBS.healthCheckTimeoutMs).catch(() => 'timeout' as const);
          if (read === 'timeout') metrics.queueJobs.reset();
          return metrics.render();
        },
      });
    }
    logger.info(
      {
        event: 'started',
        concurrency,
        sources: specs.map((s) => s.id),
        redis: redactRedisUrl(config.redisUrl),
        prefix: config.queuePrefix,
        database: config.databasePath,
        health: health ? `${health.url}/healthz` : null,
      },
      'worker started',
    );
  } catch (e) {
    await close();
    throw e;
  }

  return { port: health?.port ?? null, metrics, close };
}

/**
 * Runs the worker until SIGTERM or SIGINT, then shuts it down and resolves (the caller exits 0). A second
 * signal during shutdown gets Node's default: the process ends at once.
 */
export async function runWorkerUntilSignal(options: WorkerOptions): Promise<void> {
  const running = await runWorker(options);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      options.logger.info({ event: 'signal', signal }, `${signal}: shutting down`);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  const tuning: WorkerTuning = { ...DEFAULT_TUNING, ...options.tuning };
  // Even a Redis that never comes back must not keep the process from ending.
  const bound = tuning.shutdownGraceMs + tuning.threadCloseMs + JOBS.redisConnectTimeoutMs;
  if ((await withTimeout(running.close(), bound)) === 'timeout') {
    options.logger.error({ event: 'stop-timeout', ms: bound }, 'shutdown did not finish in time: exiting anyway');
  }
}
