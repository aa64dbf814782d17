/**
 * `kznews status`: what the daemon is doing, read from Redis and the database without starting anything —
 * each queue's jobs by state, the schedulers and their next run, the workers connected, and the last run
 * of each source.
 */
import type { JobType } from 'bullmq';
import { renderTable } from '../commands/format.js';
import type { Config } from '../config.js';
import { lastRuns } from '../db/queries.js';
import type { CrawlRunView, KzDb } from '../db/types.js';
import type { SourceRegistry } from '../scrapers/sites/index.js';
import { ARTICLE_QUEUE, assertRedisReachable, openQueues, redactRedisUrl, SOURCE_QUEUE } from './queues.js';
import { listSchedulers, type SchedulerView } from './schedules.js';

export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface SourceStatus {
  id: string;
  enabled: boolean;
  cron: string;
  /** The scheduler in Redis, or null when no worker has scheduled the source. */
  scheduler: SchedulerView | null;
  lastRun: CrawlRunView | null;
}

export interface QueueStatus {
  redis: string;
  prefix: string;
  /** Worker connections (one per worker process and queue) that BullMQ sees. */
  workers: number;
  queues: QueueCounts[];
  /** Schedulers whose source the registry does not know (a worker with another configuration made them). */
  unknownSchedulers: SchedulerView[];
  sources: SourceStatus[];
}

async function countJobs(queue: string, q: { getJobCounts(...types: JobType[]): Promise<Record<string, number>> }): Promise<QueueCounts> {
  const c = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
  return {
    queue,
    waiting: (c['waiting'] ?? 0) + (c['prioritized'] ?? 0),
    active: c['active'] ?? 0,
    delayed: c['delayed'] ?? 0,
    failed: c['failed'] ?? 0,
    completed: c['completed'] ?? 0,
  };
}

export async function queueStatus(config: Config, registry: SourceRegistry, kz: KzDb): Promise<QueueStatus> {
  await assertRedisReachable(config);
  const queues = openQueues(config);
  try {
    const queueCounts = await Promise.all([countJobs(SOURCE_QUEUE, queues.sources), countJobs(ARTICLE_QUEUE, queues.articles)]);
    const schedulers = await listSchedulers(queues.sources);
    const workers = (await queues.articles.getWorkersCount()) + (await queues.sources.getWorkersCount());
    const runs = new Map(lastRuns(kz).map((r) => [r.sourceId, r]));
    const known = new Set(registry.all().map((s) => s.id));
    return {
      redis: redactRedisUrl(config.redisUrl),
      prefix: config.queuePrefix,
      workers,
      queues: queueCounts,
      unknownSchedulers: schedulers.filter((s) => !known.has(s.id)),
      sources: registry.all().map((s) => ({
        id: s.id,
        enabled: s.enabled,
        cron: s.cron,
        scheduler: schedulers.find((v) => v.id === s.id) ?? null,
        lastRun: runs.get(s.id) ?? null,
      })),
    };
  } finally {
    await queues.close();
  }
}

function lastRunText(run: CrawlRunView | null): string {
  if (!run) return 'never';
  const counts = `${run.discovered} found, ${run.stored} new, ${run.updated} updated, ${run.failed} failed`;
  return `${run.status} ${run.finishedAt ?? run.startedAt} (${counts})${run.error ? `: ${run.error}` : ''}`;
}

export function formatQueueStatus(status: QueueStatus): string {
  const queues = renderTable(status.queues, [
    { header: 'queue', value: (q) => q.queue },
    { header: 'waiting', value: (q) => q.waiting },
    { header: 'active', value: (q) => q.active },
    { header: 'delayed', value: (q) => q.delayed },
    { header: 'failed', value: (q) => q.failed },
    { header: 'completed', value: (q) => q.completed },
  ]);
  const sources = renderTable(status.sources, [
    { header: 'source', value: (s) => s.id },
    { header: 'schedule', value: (s) => (s.scheduler ? `${s.scheduler.pattern} (${s.scheduler.tz})` : s.enabled ? 'not scheduled' : 'disabled') },
    { header: 'next run', value: (s) => s.scheduler?.next ?? '' },
    { header: 'last run', value: (s) => lastRunText(s.lastRun), max: 100 },
  ]);
  const lines = [
    `Redis ${status.redis}, prefix ${status.prefix}, ${status.workers} worker connection(s)`,
    '',
    queues,
    '',
    sources,
  ];
  if (status.unknownSchedulers.length > 0) {
    lines.push('', `schedulers of unknown sources (removed at the next worker start): ${status.unknownSchedulers.map((s) => s.id).join(', ')}`);
  }
  return lines.join('\n');
}
