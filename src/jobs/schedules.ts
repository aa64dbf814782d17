/**
 * One BullMQ job scheduler per enabled source, reconciled at every worker start: new sources get one,
 * a changed cron or time zone updates it, a disabled or removed source loses it. Starters take a Redis
 * lock in turn, and scheduler ids are the source ids, so several workers starting at once still leave
 * exactly one scheduler (and one next run) per source.
 */
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { UsageError } from '../errors.js';
import { JOBS } from '../settings.js';
import type { Source } from '../scrapers/types.js';
import { ownKey, SOURCE_JOB, SOURCE_JOB_OPTIONS, type SourceJobData, type SourceJobResult } from './queues.js';

export interface SchedulerSpec {
  /** The source id, which is also the scheduler id. */
  id: string;
  /** Five fields, or six with seconds first. */
  pattern: string;
  /** IANA zone the pattern is read in. */
  tz: string;
}

export interface SchedulerView {
  id: string;
  pattern: string | null;
  tz: string | null;
  /** UTC ISO-8601 of the next run, or null when none is planned. */
  next: string | null;
}

export interface SyncResult {
  added: string[];
  updated: string[];
  kept: string[];
  removed: string[];
}

/** The pattern with its fields separated by single spaces; a UsageError naming the source if it is not 5 or 6 fields. */
export function normalizeCron(pattern: string, sourceId: string): string {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6 || fields.some((f) => f === '')) {
    throw new UsageError(
      `source ${sourceId}: cron "${pattern}" must have 5 fields (minute hour day month weekday) or 6 (seconds first)`,
    );
  }
  return fields.join(' ');
}

/** The schedulers the registry asks for: every enabled source, or only those named (unknown names are an error). */
export function schedulerSpecs(sources: Source[], only: string[] | null = null): SchedulerSpec[] {
  if (only) {
    const known = new Set(sources.map((s) => s.id));
    const unknown = only.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new UsageError(`unknown source(s) ${unknown.join(', ')}; known sources: ${[...known].join(', ')}`);
    }
  }
  return sources
    .filter((s) => s.enabled && (only === null || only.includes(s.id)))
    .map((s) => ({ id: s.id, pattern: normalizeCron(s.cron, s.id), tz: s.timezone }));
}

type SourceQueue = Queue<SourceJobData, SourceJobResult>;

const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

async function withLock<T>(redis: Redis, key: string, work: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  const deadline = Date.now() + 2 * JOBS.schedulerLockMs;
  while ((await redis.set(key, token, 'PX', JOBS.schedulerLockMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new Error(`scheduler lock ${key} still held after ${2 * JOBS.schedulerLockMs} ms`);
    await new Promise((r) => setTimeout(r, JOBS.schedulerLockPollMs));
  }
  try {
    return await work();
  } finally {
    await redis.eval(RELEASE_LOCK, 1, key, token);
  }
}

async function upsert(queue: SourceQueue, spec: SchedulerSpec): Promise<void> {
  try {
    await queue.upsertJobScheduler(
      spec.id,
      { pattern: spec.pattern, tz: spec.tz },
      { name: SOURCE_JOB, data: { sourceId: spec.id, trigger: 'schedule' }, opts: SOURCE_JOB_OPTIONS },
    );
  } catch (e) {
    throw new UsageError(`source ${spec.id}: cron "${spec.pattern}" in ${spec.tz} is not valid (${(e as Error).message})`);
  }
}

/**
 * Makes the queue's schedulers exactly `specs`. Every spec is upserted (which also re-plans a next run
 * that went missing); schedulers of sources not in `specs` are removed.
 */
export async function syncSchedulers(config: Config, queue: SourceQueue, redis: Redis, specs: SchedulerSpec[]): Promise<SyncResult> {
  return withLock(redis, ownKey(config, 'schedulers', 'lock'), async () => {
    const existing = new Map((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s]));
    const result: SyncResult = { added: [], updated: [], kept: [], removed: [] };
    for (const spec of specs) {
      const before = existing.get(spec.id);
      await upsert(queue, spec);
      if (!before) result.added.push(spec.id);
      else if (before.pattern !== spec.pattern || before.tz !== spec.tz) result.updated.push(spec.id);
      else result.kept.push(spec.id);
    }
    const wanted = new Set(specs.map((s) => s.id));
    for (const id of existing.keys()) {
      if (wanted.has(id)) continue;
      await queue.removeJobScheduler(id);
      result.removed.push(id);
    }
    return result;
  });
}

export async function listSchedulers(queue: SourceQueue): Promise<SchedulerView[]> {
  const all = await queue.getJobSchedulers(0, -1, true);
  return all.map((s) => ({
    id: s.key,
    pattern: s.pattern ?? null,
    tz: s.tz ?? null,
    next: s.next !== undefined && Number.isFinite(Number(s.next)) ? new Date(Number(s.next)).toISOString() : null,
  }));
}
