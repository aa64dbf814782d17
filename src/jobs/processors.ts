/**
 * What a job does. A source job: start (or resume) its run, discover the source's new URLs in the pipeline
 * thread, and queue one article job per URL. An article job: run the URL through the pipeline thread, count
 * it in its run, and map its outcome onto BullMQ once: transient → throw (retried with backoff, Retry-After
 * honoured), permanent or robots → UnrecoverableError, not an article → completed as a discard.
 */
import { DelayedError, UnrecoverableError, WaitingError, type Job, type Processor } from 'bullmq';
import type { RunCounts } from '../db/types.js';
import { isKznewsError, KznewsError } from '../errors.js';
import type { Logger } from '../logger.js';
import { canonicalizeUrl } from '../scrapers/fetch/url.js';
import type { DaemonMetrics } from './metrics.js';
import type { PipelineThread } from './pipeline-host.js';
import { fromWireError, toWireError, type IngestReply } from './pipeline-protocol.js';
import {
  ARTICLE_JOB,
  articleJobId,
  articleJobOptions,
  type ArticleJobData,
  type ArticleJobResult,
  type Queues,
  type SourceJobData,
  type SourceJobResult,
} from './queues.js';
import type { RedisHostGate } from './redis-gate.js';
import type { RunTracker } from './runs.js';

export interface BackoffTuning {
  baseMs: number;
  maxMs: number;
  /** Share of the delay drawn at random either way (0.2: ±20 %). */
  jitter: number;
}

/**
 * Delay before retry number `attemptsMade` (1 for the first retry): exponential with jitter, capped, and
 * never shorter than what the server asked for (Retry-After, carried by the KznewsError).
 */
export function retryDelayMs(attemptsMade: number, error: unknown, tuning: BackoffTuning, random: () => number = Math.random): number {
  const exponential = Math.min(tuning.maxMs, tuning.baseMs * 2 ** Math.max(0, attemptsMade - 1));
  const jittered = exponential * (1 - tuning.jitter + 2 * tuning.jitter * random());
  const asked = isKznewsError(error) ? (error.retryAfterMs ?? 0) : 0;
  return Math.round(Math.max(jittered, asked));
}

/** A run's share of one article outcome (the same rules as a manual crawl's counts). */
export function runDelta(reply: Pick<IngestReply, 'status' | 'duplicateOf'>): Partial<RunCounts> {
  const stored = reply.status === 'new' || reply.status === 'updated' || reply.status === 'unchanged';
  const delta: Partial<RunCounts> = {};
  if (reply.status === 'new') delta.stored = 1;
  if (reply.status === 'updated') delta.updated = 1;
  if (reply.status === 'unchanged') delta.unchanged = 1;
  if (reply.status === 'failed') delta.failed = 1;
  if (stored && reply.duplicateOf !== null) delta.duplicates = 1;
  return delta;
}

const isLastAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

export interface ProcessorDeps {
  thread: PipelineThread;
  queues: Queues;
  tracker: RunTracker;
  /** The main thread's view of the shared host gate (how long a host is slowed down). */
  gate: RedisHostGate;
  metrics: DaemonMetrics;
  logger: Logger;
  /** Aborted at shutdown once the grace period is over: running jobs go back to the queue. */
  shutdown: AbortSignal;
  hostWaitToDelayMs: number;
}

/** Resolves with `work`, or — when shutdown's grace runs out first — hands the job back to the queue. */
async function unlessShutdown<T>(deps: ProcessorDeps, job: Job, token: string | undefined, work: Promise<T>): Promise<T> {
  if (deps.shutdown.aborted) throw await handBack(deps, job, token);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    deps.shutdown.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const first = await Promise.race([work, aborted]);
    if (first === 'aborted') throw await handBack(deps, job, token);
    return first as T;
  } finally {
    if (onAbort) deps.shutdown.removeEventListener('abort', onAbort);
  }
}

async function handBack(deps: ProcessorDeps, job: Job, token: string | undefined): Promise<WaitingError> {
  await job.moveToWait(token);
  deps.logger.warn({ event: 'job-returned', queue: job.queueName, jobId: job.id }, 'shutting down: job handed back to the queue');
  return new WaitingError();
}

/** Writes the run row once its last job settled, and closes the run's bookkeeping. */
async function finishRun(deps: ProcessorDeps, runId: number, sourceId: string | null, counts: RunCounts): Promise<void> {
  await deps.thread.finishRun(runId, counts, 'done', null);
  await deps.tracker.close(runId);
  deps.metrics.sourceRuns.inc({ source: sourceId ?? '(urls)', status: 'done' });
  deps.logger.info({ event: 'run-finished', source: sourceId, runId, status: 'done', ...counts }, 'run finished');
}

export function articleProcessor(deps: ProcessorDeps): Processor<ArticleJobData, ArticleJobResult> {
  return async (job, token) => {
    const { url, sourceId, runId } = job.data;
    const jobId = job.id ?? articleJobId(url);
    // A host slowed down for long (Retry-After): wait in the delayed set, not in one of this worker's slots.
    const hostWait = await deps.gate.waitMs(url);
    if (hostWait > deps.hostWaitToDelayMs && token) {
      await job.moveToDelayed(Date.now() + hostWait, token);
      deps.logger.info({ event: 'article-delayed', url, ms: hostWait }, 'host slowed down: job delayed');
      throw new DelayedError();
    }
    const reply = await unlessShutdown(
      deps,
      job,
      token,
      deps.thread.ingest(url, { sourceId, runId, force: job.data.force ?? false }).catch(
        (e: unknown): IngestReply => ({
          url,
          sourceId: sourceId ?? '(unknown)',
          status: 'failed',
          articleId: null,
          duplicateOf: null,
          storyId: null,
          durationMs: 0,
          bytes: 0,
          renderer: null,
          error: toWireError(e),
        }),
      ),
    );
    const error = reply.error ? fromWireError(reply.error) : null;
    deps.metrics.observeArticle({
      sourceId: reply.sourceId,
      status: reply.status,
      fetched: reply.renderer !== null,
      duplicate: reply.duplicateOf !== null,
      failureKind: error?.kind ?? null,
    });
    const willRetry = reply.status === 'failed' && error?.kind === 'transient' && !isLastAttempt(job);
    deps.logger[reply.status === 'failed' ? 'warn' : 'info'](
      {
        event: 'article',
        source: reply.sourceId,
        url: reply.url,
        status: reply.status,
        ms: reply.durationMs,
        articleId: reply.articleId,
        ...(reply.duplicateOf !== null ? { duplicateOf: reply.duplicateOf } : {}),
        ...(error ? { kind: error.kind, error: error.message } : {}),
        ...(reply.status === 'failed' ? { attempt: job.attemptsMade + 1, retry: willRetry } : {}),
      },
      'article',
    );
    if (runId !== null && !willRetry) {
      const settled = await deps.tracker.settle(runId, jobId, runDelta(reply));
      if (settled.finished) await finishRun(deps, runId, sourceId, settled.counts);
    }
    if (reply.status === 'failed' && error) {
      if (error.kind === 'transient') throw error;
      throw new UnrecoverableError(`${error.kind}: ${error.message}`);
    }
    return { status: reply.status, articleId: reply.articleId, duplicateOf: reply.duplicateOf };
  };
}

export function sourceProcessor(deps: ProcessorDeps): Processor<SourceJobData, SourceJobResult> {
  return async (job, token) => {
    const { sourceId, trigger } = job.data;
    let runId = job.data.runId;
    if (runId === undefined) {
      runId = await deps.thread.startRun(sourceId, trigger);
      await job.updateData({ ...job.data, runId });
    }
    let urls: string[];
    try {
      const items = await unlessShutdown(deps, job, token, deps.thread.discover(sourceId));
      urls = [...new Set(items.map((i) => canonicalizeUrl(i.url)))];
    } catch (e) {
      if (e instanceof WaitingError) throw e;
      const error = isKznewsError(e) ? e : new KznewsError('transient', e instanceof Error ? e.message : String(e));
      const final = error.kind !== 'transient' || isLastAttempt(job);
      deps.logger[final ? 'error' : 'warn'](
        { event: 'run-failed', source: sourceId, runId, error: error.message, attempt: job.attemptsMade + 1, retry: !final },
        'discovery failed',
      );
      if (final) {
        await deps.thread.finishRun(runId, { discovered: 0, stored: 0, updated: 0, unchanged: 0, duplicates: 0, failed: 0 }, 'failed', error.message);
        deps.metrics.sourceRuns.inc({ source: sourceId, status: 'failed' });
      }
      throw error.kind === 'transient' ? error : new UnrecoverableError(error.message);
    }
    const ids = urls.map(articleJobId);
    const began = await deps.tracker.begin(runId, ids, urls.length);
    await deps.queues.articles.addBulk(urls.map((url) => ({ name: ARTICLE_JOB, data: { url, sourceId, runId }, opts: articleJobOptions(url) })));
    // A URL whose job was already queued (by an earlier run still going, or `crawl --queue`) belongs to that job's run.
    const jobs = await Promise.all(ids.map((id) => deps.queues.articles.getJob(id)));
    const others = ids.filter((_, i) => jobs[i]?.data.runId !== runId);
    const settled = await deps.tracker.release(runId, others);
    const queued = began ? ids.length - others.length : 0;
    deps.logger.info({ event: 'run-started', source: sourceId, runId, trigger, discovered: urls.length, queued }, 'run started');
    if (settled.finished) await finishRun(deps, runId, sourceId, settled.counts);
    return { runId, discovered: urls.length, queued };
  };
}
