/**
 * The daemon as it runs in production: separate worker processes sharing one Redis and one database,
 * killed, restarted, signalled, and left without Redis for a while. Measured from the fixture server's
 * request log and the database.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { KzDb } from '../../src/db/types.js';
import { enqueueSourceRuns } from '../../src/jobs/enqueue.js';
import { openQueues } from '../../src/jobs/queues.js';
import { loadRegistry } from '../../src/scrapers/sites/index.js';
import { startFixtureServer, type FixtureResponse, type FixtureServer, type LoggedRequest } from '../helpers/fixture-server.js';
import { newsSiteRoutes, newsSourceEntry, NEWS_HOST, NEWS_SOURCE_ID, writeSourcesFile } from '../fixtures/jobs/news-site.js';
import { testEnv, waitFor, type TestEnv } from './helpers.js';
import { spawnWorker, startOwnRedis, stopWorker, type OwnRedis, type WorkerProcess } from './processes.js';

/** Article pages that take `ms` to answer, so a run is still going when the test acts. */
function slowed(routes: Record<string, FixtureResponse>, ms: number): Record<string, FixtureResponse | ((req: IncomingMessage, res: ServerResponse) => void)> {
  const out: Record<string, FixtureResponse | ((req: IncomingMessage, res: ServerResponse) => void)> = { ...routes };
  for (const [path, response] of Object.entries(routes)) {
    if (!path.startsWith('/news/')) continue;
    out[path] = (_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(response.body), ms);
    };
  }
  return out;
}

/** Most requests in flight at once, from arrival and finish times. */
function maxInFlight(requests: LoggedRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.at, d: 1 },
    { at: r.doneAt ?? Number.POSITIVE_INFINITY, d: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let open = 0;
  let max = 0;
  for (const e of edges) {
    open += e.d;
    max = Math.max(max, open);
  }
  return max;
}

const DELAY = 300;
const JITTER = 120;
const TUNING = JSON.stringify({ lockDurationMs: 3_000, stalledIntervalMs: 1_000, gateLeaseMs: 3_000, shutdownGraceMs: 1_500, threadCloseMs: 3_000, backoffBaseMs: 300, backoffJitter: 0 });

describe('worker processes', () => {
  let t: TestEnv;
  let site: FixtureServer;
  let workers: WorkerProcess[] = [];
  let kz: KzDb | null = null;
  let ownRedis: OwnRedis | null = null;

  async function setUp(routes: Parameters<typeof startFixtureServer>[0], cron: string, env: Record<string, string> = {}): Promise<void> {
    site = await startFixtureServer(routes);
    t = testEnv({ KZNEWS_CONNECT_TO: `${NEWS_HOST}=${site.origin}`, ...env });
    t.env['KZNEWS_SOURCES'] = writeSourcesFile(t.dir, [newsSourceEntry(cron)]);
    t = { ...t, config: { ...t.config, sourcesFile: t.env['KZNEWS_SOURCES'] } };
  }

  function worker(extraArgs: string[] = []): WorkerProcess {
    const w = spawnWorker(t.env, ['--sources', NEWS_SOURCE_ID, '--port', '0', '--concurrency', '4', '--tuning', TUNING, ...extraArgs]);
    workers.push(w);
    return w;
  }

  const db = (): KzDb => (kz ??= openDatabase(t.config.databasePath));
  const articleCount = (): number => db().sqlite.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  const articleRequests = (): LoggedRequest[] => site.requests.filter((r) => r.path.startsWith('/news/'));

  afterEach(async () => {
    await Promise.all(workers.map((w) => stopWorker(w)));
    workers = [];
    kz?.close();
    kz = null;
    await site.close();
    await t.cleanup();
    await ownRedis?.destroy();
    ownRedis = null;
  });

  it('two workers started at once keep one scheduler, fetch no URL twice and hold politeness between them', async () => {
    await setUp(newsSiteRoutes(12), '*/2 * * * * *', { HOST_DELAY_MS: String(DELAY), HOST_CONCURRENCY: '1' });
    const [a, b] = [worker(), worker()];
    await Promise.all([a, b].map((w) => w.line('start', (l) => l.event === 'started')));
    await waitFor('12 stored articles', () => articleCount() === 12, 30_000);
    await waitFor('a run that finished', () => db().sqlite.prepare("SELECT count(*) FROM crawl_runs WHERE status = 'done' AND stored = 12").pluck().get() === 1, 15_000);

    const queues = openQueues(t.config);
    try {
      expect(await queues.sources.getJobSchedulersCount()).toBe(1);
      const next = (await queues.sources.getDelayed()).filter((j) => j.data.sourceId === NEWS_SOURCE_ID);
      expect(next.length).toBeLessThanOrEqual(1);
    } finally {
      await queues.close();
    }
    const pages = articleRequests().map((r) => r.path);
    expect(pages).toHaveLength(12);
    expect(new Set(pages).size).toBe(12);
    // Every request to the host, feed included, from both processes: one at a time, DELAY apart.
    const all = [...site.requests].sort((x, y) => x.at - y.at);
    expect(maxInFlight(all)).toBe(1);
    const gaps = all.slice(1).map((r, i) => r.at - (all[i] as LoggedRequest).at);
    // Starts are spaced at the gate; the server logs them after both processes' event loops got to them, which
    // on a starved 2-core machine varies by up to ~100 ms. Two processes without a shared gate interleave at
    // random phases, giving gaps near 0.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(DELAY - JITTER);
    expect((all.at(-1)?.at ?? 0) - (all[0]?.at ?? 0)).toBeGreaterThanOrEqual((all.length - 1) * DELAY - JITTER);
    const byWorker = [a, b].map((w) => w.lines.filter((l) => l.event === 'article').length);
    expect(byWorker[0]! + byWorker[1]!).toBe(12);
  }, 90_000);

  it('a worker killed with SIGKILL in the middle of a run, then restarted: every article stored exactly once', async () => {
    await setUp(slowed(newsSiteRoutes(16), 150), '0 0 1 1 *', { HOST_DELAY_MS: '0', HOST_CONCURRENCY: '4' });
    const first = worker();
    await first.line('start', (l) => l.event === 'started');
    await enqueueSourceRuns(t.config, loadRegistry(t.config), [NEWS_SOURCE_ID]);
    await waitFor('a few stored articles', () => articleCount() >= 3, 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const storedAtKill = articleCount();
    expect(storedAtKill).toBeLessThan(16);

    const second = worker();
    await second.line('start', (l) => l.event === 'started');
    await waitFor('16 stored articles', () => articleCount() === 16, 40_000);
    await waitFor('the run finished', () => db().sqlite.prepare("SELECT status FROM crawl_runs WHERE source_id = ?").pluck().get(NEWS_SOURCE_ID) === 'done', 20_000);
    const rows = db().sqlite.prepare('SELECT url, revision FROM articles').all() as Array<{ url: string; revision: number }>;
    expect(new Set(rows.map((r) => r.url)).size).toBe(16);
    expect(rows.every((r) => r.revision === 1)).toBe(true);
    const run = db().sqlite.prepare('SELECT discovered, stored, failed FROM crawl_runs WHERE source_id = ?').get(NEWS_SOURCE_ID);
    // Pages that were in flight at the kill ran again: found unchanged, they are not stored a second time.
    expect(run).toMatchObject({ discovered: 16, failed: 0 });
    const queues = openQueues(t.config);
    try {
      await waitFor('an empty queue', async () => (await queues.articles.getActiveCount()) + (await queues.articles.getWaitingCount()) === 0);
      expect(await queues.articles.getCompletedCount()).toBe(16);
      expect(await queues.articles.getFailedCount()).toBe(0);
    } finally {
      await queues.close();
    }
  }, 120_000);

  it('rides out Redis stopped for a few seconds in the middle of a run and finishes it', async () => {
    ownRedis = await startOwnRedis();
    await setUp(slowed(newsSiteRoutes(12), 200), '0 0 1 1 *', { REDIS_URL: ownRedis.url, HOST_DELAY_MS: '0', HOST_CONCURRENCY: '2' });
    const w = worker(['--concurrency', '2']);
    await w.line('start', (l) => l.event === 'started');
    await enqueueSourceRuns(t.config, loadRegistry(t.config), [NEWS_SOURCE_ID]);
    await waitFor('a few stored articles', () => articleCount() >= 2, 30_000);
    await ownRedis.stop();
    await w.line('Redis lost', (l) => l.event === 'redis-lost', 10_000);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(articleCount()).toBeLessThan(12);
    await ownRedis.start();
    await w.line('Redis back', (l) => l.event === 'redis-restored', 20_000);
    await waitFor('12 stored articles', () => articleCount() === 12, 40_000);
    await waitFor('the run finished', () => db().sqlite.prepare('SELECT status FROM crawl_runs WHERE source_id = ?').pluck().get(NEWS_SOURCE_ID) === 'done', 20_000);
    expect(w.child.exitCode).toBeNull();
    expect(new Set(articleRequests().map((r) => r.path)).size).toBe(12);
  }, 120_000);

  it('on SIGTERM in the middle of a run exits 0 within the bound, leaving no half-written article; a restart finishes the run', async () => {
    await setUp(slowed(newsSiteRoutes(10), 400), '0 0 1 1 *', { HOST_DELAY_MS: '0', HOST_CONCURRENCY: '4' });
    const w = worker();
    await w.line('start', (l) => l.event === 'started');
    await enqueueSourceRuns(t.config, loadRegistry(t.config), [NEWS_SOURCE_ID]);
    await waitFor('a few stored articles', () => articleCount() >= 2, 30_000);
    const signalled = Date.now();
    w.child.kill('SIGTERM');
    const exit = await w.exited;
    const took = Date.now() - signalled;
    expect(exit).toEqual({ code: 0, signal: null });
    // Grace 1.5 s + pipeline thread close 3 s, with room for a loaded machine.
    expect(took).toBeLessThan(8_000);
    expect(w.lines.at(-1)).toMatchObject({ event: 'stopped' });
    expect(w.lines.filter((l) => l.event === 'redis-lost')).toEqual([]);

    expect(db().sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const halfWritten = db()
      .sqlite.prepare(
        `SELECT a.id FROM articles a
         WHERE a.body = ''
            OR NOT EXISTS (SELECT 1 FROM article_paragraphs ap WHERE ap.article_id = a.id)
            OR NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = a.id)`,
      )
      .all();
    expect(halfWritten).toEqual([]);
    const storedAtStop = articleCount();
    expect(storedAtStop).toBeLessThan(10);

    const again = worker();
    await again.line('start', (l) => l.event === 'started');
    await waitFor('10 stored articles', () => articleCount() === 10, 40_000);
    await waitFor('the run finished', () => db().sqlite.prepare('SELECT status FROM crawl_runs WHERE source_id = ?').pluck().get(NEWS_SOURCE_ID) === 'done', 20_000);
  }, 120_000);
});
