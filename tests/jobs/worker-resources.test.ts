/**
 * The worker's use of the machine: CPU-heavy pages off the lock-renewing thread, browser renders bounded,
 * and a shutdown that hands unfinished jobs back instead of waiting for them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { enqueueUrls } from '../../src/jobs/enqueue.js';
import { openQueues } from '../../src/jobs/queues.js';
import { loadRegistry } from '../../src/scrapers/sites/index.js';
import { articlePath, newsSiteRoutes, NEWS_HOST } from '../fixtures/jobs/news-site.js';
import { waitFor } from './helpers.js';
import { maxInFlight, useInProcessWorker } from './in-process.js';

const NEVER = '0 0 1 1 *';

describe('the worker and its resources', () => {
  const w = useInProcessWorker();

  it('keeps the main thread free while a big page is parsed and stored: job locks renew, nothing stalls', async () => {
    const big = 4_000;
    await w.start({ routes: newsSiteRoutes(2, { paragraphs: (i) => (i === 1 ? big : 4) }), cron: NEVER, tuning: { lockDurationMs: 1_000, stalledIntervalMs: 500 } });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    await enqueueUrls(w.t.config, [1, 2].map((i) => `https://${NEWS_HOST}${articlePath(i)}`), { registry: loadRegistry(w.t.config) });
    await waitFor('2 stored articles', () => w.articleCount() === 2, 25_000);
    loop.disable();
    const bigLine = w.logs.find((l) => l.event === 'article' && l['url'] === `https://${NEWS_HOST}${articlePath(1)}`);
    expect(bigLine).toMatchObject({ status: 'new' });
    // The page's work outlasted the job lock, yet the main thread (the one renewing locks, every 500 ms here)
    // never waited as long as a renewal period: only what a busy machine's scheduler adds.
    expect(Number(bigLine?.['ms'])).toBeGreaterThan(1_000);
    expect(loop.max / 1e6).toBeLessThan(500);
    expect(w.articleRequests(articlePath(1))).toHaveLength(1);
    expect(w.logs.filter((l) => l.event === 'job-stalled' || l.event === 'lock-renewal-failed')).toEqual([]);
    const paragraphs = w.kz.sqlite.prepare('SELECT count(*) FROM article_paragraphs ap JOIN articles a ON a.id = ap.article_id WHERE a.url = ?').pluck().get(`https://${NEWS_HOST}${articlePath(1)}`);
    expect(paragraphs).toBe(big);
  });

  it('renders pages of a browser source at most BROWSER_CONCURRENCY at a time, however many jobs run', async () => {
    const routes = newsSiteRoutes(6);
    const slow: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};
    for (let i = 1; i <= 6; i++) {
      slow[articlePath(i)] = (_req, res) => {
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(routes[articlePath(i)]?.body as string), 300);
      };
    }
    await w.start({ env: { HOST_CONCURRENCY: '8', BROWSER_CONCURRENCY: '2' }, routes: { ...routes, ...slow }, cron: NEVER, renderer: 'browser' });
    await enqueueUrls(w.t.config, [1, 2, 3, 4, 5, 6].map((i) => `https://${NEWS_HOST}${articlePath(i)}`), { registry: loadRegistry(w.t.config) });
    await waitFor('6 stored articles', () => w.articleCount() === 6, 60_000);
    const pages = w.articleRequests();
    expect(pages).toHaveLength(6);
    expect(maxInFlight(pages)).toBe(2);
    const renderers = w.kz.sqlite.prepare('SELECT DISTINCT renderer FROM raw_pages').pluck().all();
    expect(renderers).toEqual(['browser']);
  }, 90_000);
  it('on close, hands a job still running after the grace period back to the queue and stores nothing half-done', async () => {
    const routes = newsSiteRoutes(1);
    await w.start({ routes, cron: NEVER, tuning: { shutdownGraceMs: 500, threadCloseMs: 2_000 } });
    let arrived = false;
    w.site.route(articlePath(1), (_req, res) => {
      arrived = true;
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(routes[articlePath(1)]?.body as string), 10_000).unref();
    });
    await enqueueUrls(w.t.config, [`https://${NEWS_HOST}${articlePath(1)}`], { registry: loadRegistry(w.t.config) });
    await waitFor('the slow request', () => arrived);
    const asked = Date.now();
    await w.worker?.close();
    w.worker = null;
    expect(Date.now() - asked).toBeLessThan(4_000);
    expect(w.logs.find((l) => l.event === 'job-returned')).toMatchObject({ queue: 'articles' });
    expect(w.logs.at(-1)).toMatchObject({ event: 'stopped' });
    const queues = openQueues(w.t.config);
    try {
      expect(await queues.articles.getWaitingCount()).toBe(1);
      expect(await queues.articles.getActiveCount()).toBe(0);
    } finally {
      await queues.close();
    }
    expect(w.articleCount()).toBe(0);
  });
});
