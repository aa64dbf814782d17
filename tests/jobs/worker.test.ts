import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { lastRuns } from '../../src/db/queries.js';
import type { KzDb } from '../../src/db/types.js';
import { enqueueUrls } from '../../src/jobs/enqueue.js';
import { openQueues } from '../../src/jobs/queues.js';
import { runWorker, type RunningWorker } from '../../src/jobs/worker.js';
import { createLogger } from '../../src/logger.js';
import { loadRegistry } from '../../src/scrapers/sites/index.js';
import { startFixtureServer, type FixtureServer, type LoggedRequest } from '../helpers/fixture-server.js';
import { articlePath, newsSiteRoutes, newsSourceEntry, NEWS_HOST, NEWS_SOURCE_ID, writeSourcesFile } from '../fixtures/jobs/news-site.js';
import { testEnv, waitFor, type TestEnv } from './helpers.js';

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

const FAST = { backoffBaseMs: 200, backoffMaxMs: 1_000, backoffJitter: 0, shutdownGraceMs: 3_000 };

interface LogLine {
  event?: string;
  [k: string]: unknown;
}

describe('the worker, in process', () => {
  let t: TestEnv;
  let site: FixtureServer;
  let worker: RunningWorker | null = null;
  let kz: KzDb | null = null;
  let logs: LogLine[] = [];

  async function start(env: Record<string, string>, routes: Parameters<typeof startFixtureServer>[0], cron: string, tuning = {}, renderer = 'http'): Promise<void> {
    site = await startFixtureServer(routes);
    t = testEnv({ KZNEWS_CONNECT_TO: `${NEWS_HOST}=${site.origin}`, HOST_DELAY_MS: '0', ...env });
    const sourcesFile = writeSourcesFile(t.dir, [{ ...newsSourceEntry(cron), renderer }]);
    t = { ...t, config: { ...t.config, sourcesFile } };
    logs = [];
    const logger = createLogger({ pretty: false, level: 'debug', destination: { write: (s: string) => void logs.push(JSON.parse(s) as LogLine) } });
    worker = await runWorker({
      config: t.config,
      registry: loadRegistry(t.config),
      logger,
      sources: [NEWS_SOURCE_ID],
      port: 0,
      concurrency: 4,
      tuning: { ...FAST, ...tuning },
    });
    kz = openDatabase(t.config.databasePath);
  }

  afterEach(async () => {
    await worker?.close();
    worker = null;
    kz?.close();
    kz = null;
    await site.close();
    await t.cleanup();
  });

  const articleCount = (): number => (kz as KzDb).sqlite.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  const runsOf = () =>
    (kz as KzDb).sqlite.prepare("SELECT * FROM crawl_runs WHERE source_id = ? ORDER BY id").all(NEWS_SOURCE_ID) as Array<{
      id: number;
      status: string;
      discovered: number;
      stored: number;
      trigger: string;
    }>;
  const articleRequests = (path?: string) => site.requests.filter((r) => (path ? r.path === path : r.path.startsWith('/news/')));

  it('crawls the fixture site on a seconds-level schedule; the next tick stores nothing new', async () => {
    await start({}, newsSiteRoutes(10), '*/2 * * * * *');
    await waitFor('10 stored articles', () => articleCount() === 10);
    // A tick while the first run's last pages are still in flight finds them again, but their jobs exist: it
    // queues nothing. The first tick after they are stored finds nothing at all.
    await waitFor('a tick that discovers nothing', () => runsOf().some((r) => r.status === 'done' && r.discovered === 0), 20_000);
    const [first, ...later] = runsOf().filter((r) => r.status === 'done');
    expect(first).toMatchObject({ trigger: 'schedule', status: 'done', discovered: 10, stored: 10 });
    expect(later.length).toBeGreaterThanOrEqual(1);
    for (const run of later) expect(run).toMatchObject({ trigger: 'schedule', status: 'done', stored: 0 });
    expect(articleCount()).toBe(10);
    expect(articleRequests()).toHaveLength(10);
    const titles = (kz as KzDb).sqlite.prepare('SELECT url, title FROM articles ORDER BY id').all() as Array<{ url: string; title: string }>;
    expect(titles.map((a) => a.url).sort()).toEqual(Array.from({ length: 10 }, (_, k) => `https://${NEWS_HOST}/news/${k + 1}`).sort());
    expect(logs.filter((l) => l.event === 'article' && l['status'] === 'new')).toHaveLength(10);
    expect(logs.find((l) => l.event === 'run-finished' && l['runId'] === first?.id)).toMatchObject({ source: NEWS_SOURCE_ID, stored: 10, discovered: 10 });
    expect(worker?.metrics.render()).toContain(`kznews_articles_stored_total{source="${NEWS_SOURCE_ID}",outcome="new"} 10`);
    expect(lastRuns(kz as KzDb).find((r) => r.sourceId === NEWS_SOURCE_ID)?.status).toBe('done');
  });

  it('retries a transient failure with backoff, gives up on a 404 at once, and completes a page that is no article', async () => {
    const routes = newsSiteRoutes(3);
    let flaky = 0;
    const server503 = (_req: unknown, res: import('node:http').ServerResponse) => {
      flaky += 1;
      if (flaky <= 2) {
        res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>busy</body></html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(routes[articlePath(2)]?.body as string);
    };
    await start({ FETCH_RETRIES: '0' }, { ...routes, [articlePath(3)]: { body: '<html><body><p>Короткая страница без статьи.</p></body></html>' } }, '0 0 1 1 *');
    site.route(articlePath(2), server503);
    site.route(articlePath(1), { status: 404, body: '<html><body>Not found</body></html>' });
    await enqueueUrls(t.config, [1, 2, 3].map((i) => `https://${NEWS_HOST}${articlePath(i)}`), { registry: loadRegistry(t.config), kz: kz as KzDb });
    await waitFor('the flaky page stored', () => articleCount() === 1, 20_000);
    const queues = openQueues(t.config);
    try {
      await waitFor('the 404 job failed', async () => (await queues.articles.getFailedCount()) === 1);
      await waitFor('two jobs completed', async () => (await queues.articles.getCompletedCount()) === 2);
      const [failed] = await queues.articles.getFailed();
      expect(failed?.data.url).toBe(`https://${NEWS_HOST}${articlePath(1)}`);
      expect(failed?.failedReason).toMatch(/^permanent: /);
      expect(failed?.attemptsMade).toBe(1);
      const completed = await queues.articles.getCompleted();
      expect(completed.map((j) => [j.data.url.slice(-7), j.returnvalue?.status]).sort()).toEqual([
        ['/news/2', 'new'],
        ['/news/3', 'discarded'],
      ]);
    } finally {
      await queues.close();
    }
    expect(articleRequests(articlePath(1))).toHaveLength(1);
    const tries = articleRequests(articlePath(2));
    expect(tries).toHaveLength(3);
    // Backoff 200 ms, then 400 ms (no jitter in this test).
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(190);
    expect((tries[2]?.at ?? 0) - (tries[1]?.at ?? 0)).toBeGreaterThanOrEqual(390);
    const failures = logs.filter((l) => l.event === 'article' && l['status'] === 'failed').map((l) => `${String(l['kind'])} retry=${String(l['retry'])}`);
    expect(failures.sort()).toEqual(['permanent retry=false', 'transient retry=true', 'transient retry=true']);
    await waitFor('the queued run closed', () => (kz as KzDb).sqlite.prepare("SELECT status FROM crawl_runs WHERE trigger = 'queue'").pluck().get() === 'done');
    expect((kz as KzDb).sqlite.prepare("SELECT discovered, stored, failed FROM crawl_runs WHERE trigger = 'queue'").get()).toEqual({ discovered: 3, stored: 1, failed: 1 });
  });

  it('slows a host down that answered 429 with Retry-After, on every job for that host', async () => {
    const routes = newsSiteRoutes(4);
    let limited = false;
    await start({ FETCH_RETRIES: '0', HOST_CONCURRENCY: '4' }, routes, '0 0 1 1 *');
    site.route(articlePath(1), (_req, res) => {
      if (!limited) {
        limited = true;
        res.writeHead(429, { 'retry-after': '2', 'content-type': 'text/html' }).end('slow down');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(routes[articlePath(1)]?.body as string);
    });
    await enqueueUrls(t.config, [`https://${NEWS_HOST}${articlePath(1)}`], { registry: loadRegistry(t.config) });
    await waitFor('the 429', () => limited);
    await enqueueUrls(t.config, [2, 3, 4].map((i) => `https://${NEWS_HOST}${articlePath(i)}`), { registry: loadRegistry(t.config) });
    await waitFor('4 stored articles', () => articleCount() === 4, 20_000);
    const [first, ...rest] = articleRequests();
    expect(first?.path).toBe(articlePath(1));
    for (const r of rest) expect(r.at - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
    expect(logs.find((l) => l.event === 'article' && l['status'] === 'failed')).toMatchObject({ kind: 'transient', retry: true });
  });

  it('keeps the main thread free while a big page is parsed and stored: job locks renew, nothing stalls', async () => {
    const big = 4_000;
    await start({}, newsSiteRoutes(2, { paragraphs: (i) => (i === 1 ? big : 4) }), '0 0 1 1 *', { lockDurationMs: 1_000, stalledIntervalMs: 500 });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    await enqueueUrls(t.config, [1, 2].map((i) => `https://${NEWS_HOST}${articlePath(i)}`), { registry: loadRegistry(t.config) });
    await waitFor('2 stored articles', () => articleCount() === 2, 25_000);
    loop.disable();
    const bigLine = logs.find((l) => l.event === 'article' && l['url'] === `https://${NEWS_HOST}${articlePath(1)}`);
    expect(bigLine).toMatchObject({ status: 'new' });
    // The page's work outlasted the job lock, yet the main thread (the one renewing locks) never waited long.
    expect(Number(bigLine?.['ms'])).toBeGreaterThan(1_000);
    expect(loop.max / 1e6).toBeLessThan(200);
    expect(articleRequests(articlePath(1))).toHaveLength(1);
    expect(logs.filter((l) => l.event === 'job-stalled' || l.event === 'lock-renewal-failed')).toEqual([]);
    const paragraphs = (kz as KzDb).sqlite.prepare('SELECT count(*) FROM article_paragraphs ap JOIN articles a ON a.id = ap.article_id WHERE a.url = ?').pluck().get(`https://${NEWS_HOST}${articlePath(1)}`);
    expect(paragraphs).toBe(big);
  });

  it('on close, hands a job still running after the grace period back to the queue and stores nothing half-done', async () => {
    const routes = newsSiteRoutes(1);
    await start({}, routes, '0 0 1 1 *', { shutdownGraceMs: 500, threadCloseMs: 2_000 });
    let arrived = false;
    site.route(articlePath(1), (_req, res) => {
      arrived = true;
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(routes[articlePath(1)]?.body as string), 10_000).unref();
    });
    await enqueueUrls(t.config, [`https://${NEWS_HOST}${articlePath(1)}`], { registry: loadRegistry(t.config) });
    await waitFor('the slow request', () => arrived);
    const asked = Date.now();
    await worker?.close();
    worker = null;
    expect(Date.now() - asked).toBeLessThan(4_000);
    expect(logs.find((l) => l.event === 'job-returned')).toMatchObject({ queue: 'articles' });
    expect(logs.at(-1)).toMatchObject({ event: 'stopped' });
    const queues = openQueues(t.config);
    try {
      expect(await queues.articles.getWaitingCount()).toBe(1);
      expect(await queues.articles.getActiveCount()).toBe(0);
    } finally {
      await queues.close();
    }
    expect(articleCount()).toBe(0);
  });

  it('renders pages of a browser source at most BROWSER_CONCURRENCY at a time, however many jobs run', async () => {
    const routes = newsSiteRoutes(6);
    const slow: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};
    for (let i = 1; i <= 6; i++) {
      slow[articlePath(i)] = (_req, res) => {
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(routes[articlePath(i)]?.body as string), 300);
      };
    }
    await start({ HOST_CONCURRENCY: '8', BROWSER_CONCURRENCY: '2' }, { ...routes, ...slow }, '0 0 1 1 *', {}, 'browser');
    await enqueueUrls(t.config, [1, 2, 3, 4, 5, 6].map((i) => `https://${NEWS_HOST}${articlePath(i)}`), { registry: loadRegistry(t.config) });
    await waitFor('6 stored articles', () => articleCount() === 6, 60_000);
    const pages = articleRequests();
    expect(pages).toHaveLength(6);
    expect(maxInFlight(pages)).toBe(2);
    const renderers = (kz as KzDb).sqlite.prepare('SELECT DISTINCT renderer FROM raw_pages').pluck().all();
    expect(renderers).toEqual(['browser']);
  }, 90_000);
});

describe('the worker at start', () => {
  it('refuses to start, naming REDIS_URL, when Redis does not answer', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const t = testEnv({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      await expect(
        runWorker({ config: t.config, registry: loadRegistry(t.config), logger: createLogger({ level: 'silent' }), port: 0 }),
      ).rejects.toThrow(new RegExp(`^cannot reach Redis at redis://127\\.0\\.0\\.1:${port} \\(REDIS_URL\\): connect ECONNREFUSED`));
    } finally {
      rmSync(t.dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown --sources name before touching Redis', async () => {
    const t = testEnv();
    try {
      await expect(
        runWorker({ config: t.config, registry: loadRegistry(t.config), logger: createLogger({ level: 'silent' }), port: 0, sources: ['nope'] }),
      ).rejects.toThrow(/^unknown source\(s\) nope; known sources: akorda, /);
    } finally {
      await t.cleanup();
    }
  });
});
