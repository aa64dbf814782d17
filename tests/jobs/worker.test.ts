/** The worker in the test process: scheduled runs, retries and their mapping onto BullMQ, politeness, start-up errors. */
import { rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { lastRuns } from '../../src/db/queries.js';
import { enqueueUrls } from '../../src/jobs/enqueue.js';
import { openQueues } from '../../src/jobs/queues.js';
import { runWorker } from '../../src/jobs/worker.js';
import { createLogger } from '../../src/logger.js';
import { loadRegistry } from '../../src/scrapers/sites/index.js';
import { articlePath, newsSiteRoutes, NEWS_HOST, NEWS_SOURCE_ID } from '../fixtures/jobs/news-site.js';
import { testEnv, waitFor } from './helpers.js';
import { useInProcessWorker } from './in-process.js';

/** A cron that does not fire during a test: its jobs are queued by hand. */
const NEVER = '0 0 1 1 *';

describe('the worker, in process', () => {
  const w = useInProcessWorker();
  const runsOf = () =>
    w.kz.sqlite.prepare('SELECT * FROM crawl_runs WHERE source_id = ? ORDER BY id').all(NEWS_SOURCE_ID) as Array<{
      id: number;
      status: string;
      discovered: number;
      stored: number;
      trigger: string;
    }>;

  it('crawls the fixture site on a seconds-level schedule; the next tick stores nothing new', async () => {
    await w.start({ routes: newsSiteRoutes(10), cron: '*/2 * * * * *' });
    await waitFor('10 stored articles', () => w.articleCount() === 10);
    // A tick while the first run's last pages are still in flight finds them again, but their jobs exist: it
    // queues nothing. The first tick after they are stored finds nothing at all.
    await waitFor('a tick that discovers nothing', () => runsOf().some((r) => r.status === 'done' && r.discovered === 0), 20_000);
    const [first, ...later] = runsOf().filter((r) => r.status === 'done');
    expect(first).toMatchObject({ trigger: 'schedule', status: 'done', discovered: 10, stored: 10 });
    expect(later.length).toBeGreaterThanOrEqual(1);
    for (const run of later) expect(run).toMatchObject({ trigger: 'schedule', status: 'done', stored: 0 });
    expect(w.articleCount()).toBe(10);
    expect(w.articleRequests()).toHaveLength(10);
    const titles = w.kz.sqlite.prepare('SELECT url, title FROM articles ORDER BY id').all() as Array<{ url: string; title: string }>;
    expect(titles.map((a) => a.url).sort()).toEqual(Array.from({ length: 10 }, (_, k) => `https://${NEWS_HOST}/news/${k + 1}`).sort());
    expect(w.logs.filter((l) => l.event === 'article' && l['status'] === 'new')).toHaveLength(10);
    expect(w.logs.find((l) => l.event === 'run-finished' && l['runId'] === first?.id)).toMatchObject({ source: NEWS_SOURCE_ID, stored: 10, discovered: 10 });
    expect(w.worker?.metrics.render()).toContain(`kznews_articles_stored_total{source="${NEWS_SOURCE_ID}",outcome="new"} 10`);
    expect(lastRuns(w.kz).find((r) => r.sourceId === NEWS_SOURCE_ID)?.status).toBe('done');
  });

  it('retries a transient failure with backoff, gives up on a 404 at once, and completes a page that is no article', async () => {
    const routes = newsSiteRoutes(3);
    let flaky = 0;
    const server503 = (_req: unknown, res: ServerResponse) => {
      flaky += 1;
      if (flaky <= 2) {
        res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>busy</body></html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(routes[articlePath(2)]?.body as string);
    };
    await w.start({
      env: { FETCH_RETRIES: '0' },
      routes: { ...routes, [articlePath(3)]: { body: '<html><body><p>Короткая страница без статьи.</p></body></html>' } },
      cron: NEVER,
    });
    w.site.route(articlePath(2), server503);
    w.site.route(articlePath(1), { status: 404, body: '<html><body>Not found</body></html>' });
    await enqueueUrls(w.t.config, [1, 2, 3].map((i) => `https://${NEWS_HOST}${articlePath(i)}`), { registry: loadRegistry(w.t.config), kz: w.kz });
    await waitFor('the flaky page stored', () => w.articleCount() === 1, 20_000);
    const queues = openQueues(w.t.config);
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
    expect(w.articleRequests(articlePath(1))).toHaveLength(1);
    const tries = w.articleRequests(articlePath(2));
    expect(tries).toHaveLength(3);
    // Backoff 200 ms, then 400 ms (no jitter in this test).
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(190);
    expect((tries[2]?.at ?? 0) - (tries[1]?.at ?? 0)).toBeGreaterThanOrEqual(390);
    const failures = w.logs.filter((l) => l.event === 'article' && l['status'] === 'failed').map((l) => `${String(l['kind'])} retry=${String(l['retry'])}`);
    expect(failures.sort()).toEqual(['permanent retry=false', 'transient retry=true', 'transient retry=true']);
    await waitFor('the queued run closed', () => w.kz.sqlite.prepare("SELECT status FROM crawl_runs WHERE trigger = 'queue'").pluck().get() === 'done');
    expect(w.kz.sqlite.prepare("SELECT discovered, stored, failed FROM crawl_runs WHERE trigger = 'queue'").get()).toEqual({ discovered: 3, stored: 1, failed: 1 });
  });

  it('slows a host down that answered 429 with Retry-After, on every job for that host', async () => {
    const routes = newsSiteRoutes(4);
    let limited = false;
    await w.start({ env: { FETCH_RETRIES: '0', HOST_CONCURRENCY: '4' }, routes, cron: NEVER });
    w.site.route(articlePath(1), (_req, res) => {
      if (!limited) {
        limited = true;
        res.writeHead(429, { 'retry-after': '2', 'content-type': 'text/html' }).end('slow down');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(routes[articlePath(1)]?.body as string);
    });
    await enqueueUrls(w.t.config, [`https://${NEWS_HOST}${articlePath(1)}`], { registry: loadRegistry(w.t.config) });
    await waitFor('the 429', () => limited);
    await enqueueUrls(w.t.config, [2, 3, 4].map((i) => `https://${NEWS_HOST}${articlePath(i)}`), { registry: loadRegistry(w.t.config) });
    await waitFor('4 stored articles', () => w.articleCount() === 4, 20_000);
    const [first, ...rest] = w.articleRequests();
    expect(first?.path).toBe(articlePath(1));
    for (const r of rest) expect(r.at - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
    expect(w.logs.find((l) => l.event === 'article' && l['status'] === 'failed')).toMatchObject({ kind: 'transient', retry: true });
  });
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
