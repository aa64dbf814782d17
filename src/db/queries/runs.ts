/** crawl_runs: one row per scheduled or manual run, with its counts. */
import { desc, eq, inArray, max, sql } from 'drizzle-orm';
import { crawlRuns } from '../schema.js';
import type { CrawlRunView, KzDb, RunCounts, RunStatus, RunTrigger } from '../types.js';
import { nowIso } from './statements.js';

/** Starts a run (status 'running'); `sourceId` null for a crawl of explicit URLs. Returns its id. */
export function startRun(
  kz: KzDb,
  run: { sourceId: string | null; trigger: RunTrigger; startedAt?: string },
): number {
  return kz.db
    .insert(crawlRuns)
    .values({ sourceId: run.sourceId, trigger: run.trigger, startedAt: run.startedAt ?? nowIso(), status: 'running' })
    .returning({ id: crawlRuns.id })
    .get().id;
}

/** Closes a run with its final counts (counts not given stay as they were). */
export function finishRun(
  kz: KzDb,
  id: number,
  counts: Partial<RunCounts>,
  status: Exclude<RunStatus, 'running'>,
  error?: string | null,
): void {
  const updated = kz.db
    .update(crawlRuns)
    .set({ ...counts, status, error: error ?? null, finishedAt: nowIso() })
    .where(eq(crawlRuns.id, id))
    .returning({ id: crawlRuns.id })
    .all();
  if (updated.length === 0) throw new Error(`finishRun: no crawl run ${id}`);
}

function latestPerSource(kz: KzDb, onlyDone: boolean): CrawlRunView[] {
  const latest = kz.db
    .select({ id: max(crawlRuns.id) })
    .from(crawlRuns)
    .where(onlyDone ? eq(crawlRuns.status, 'done' satisfies RunStatus) : sql`1`)
    .groupBy(crawlRuns.sourceId);
  return kz.db
    .select()
    .from(crawlRuns)
    .where(inArray(crawlRuns.id, latest))
    .orderBy(crawlRuns.sourceId, desc(crawlRuns.id))
    .all();
}

/** The latest run of each source (and of explicit-URL crawls, sourceId null). */
export const lastRuns = (kz: KzDb): CrawlRunView[] => latestPerSource(kz, false);

/** The latest run of each source that finished with status 'done'. */
export const lastSuccessfulRuns = (kz: KzDb): CrawlRunView[] => latestPerSource(kz, true);
