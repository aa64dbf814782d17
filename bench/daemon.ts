/**
 * The daemon's sustained throughput and memory: 1 and then 2 `kznews worker` processes (src/jobs/worker-main.ts)
 * over the made-up news site of the tests (tests/fixtures/jobs/news-site.ts, served here with an unbounded
 * number of distinct articles), politeness off (no delay, 64 requests per host at once). URLs are kept
 * queued the way `kznews crawl --queue` does it, so the workers never run dry; each phase starts from an
 * empty database.
 *
 * Prints articles stored per second (overall and per interval) and each process's RSS over the run, split
 * into anonymous memory (the heap: what a leak grows) and file-backed memory (SQLite's memory-mapped pages,
 * which grow with the database and are given back under pressure).
 *
 *   npx tsx bench/daemon.ts [--duration 30] [--warmup 5] [--workers 1,2]
 * `npm run bench` runs it with the defaults (~80 s); the 10-minute figure is `--duration 600`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig, type Config } from '../src/config.js';
import { enqueueUrls } from '../src/jobs/enqueue.js';
import { openQueues } from '../src/jobs/queues.js';
import { loadRegistry } from '../src/scrapers/sites/index.js';
import { articleHtml, articlePath, articleUrl, NEWS_HOST, newsSourceEntry, writeSourcesFile } from '../tests/fixtures/jobs/news-site.js';
import { freePort, spawnWorker, startOwnRedis, stopWorker, type OwnRedis, type WorkerProcess } from '../tests/jobs/processes.js';

interface Options {
  durationS: number;
  warmupS: number;
  workerCounts: number[];
}

/** Seconds between samples of throughput and memory. */
const SAMPLE_S = 5;
/** URLs kept waiting in the queue, topped up in batches of this size. */
const QUEUE_LOW_WATER = 600;
const QUEUE_BATCH = 600;

function options(): Options {
  const { values } = parseArgs({
    options: { duration: { type: 'string', default: '30' }, warmup: { type: 'string', default: '5' }, workers: { type: 'string', default: '1,2' } },
  });
  return {
    durationS: Number(values.duration),
    warmupS: Number(values.warmup),
    workerCounts: values.workers.split(',').map(Number),
  };
}

/** Any /news/<n> is an article: the site never runs out. */
function startSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const m = /^\/news\/(\d+)$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(Number(m[1])));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

interface Memory {
  rssMb: number;
  anonMb: number;
  fileMb: number;
}

function memoryOf(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, anonMb: kb('RssAnon') / 1024, fileMb: kb('RssFile') / 1024 };
  } catch {
    return null;
  }
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const num = xs.reduce((acc, x, i) => acc + (x - mx) * ((ys[i] as number) - my), 0);
  const den = xs.reduce((acc, x) => acc + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function waitHealthy(port: number, w: WorkerProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (w.child.exitCode !== null) throw new Error(`worker exited: ${w.stderr()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('worker did not become healthy within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function phase(workerCount: number, opts: Options, redis: OwnRedis, origin: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kznews-bench-daemon-'));
  const env: Record<string, string> = {
    REDIS_URL: redis.url,
    KZNEWS_QUEUE_PREFIX: `bench-${workerCount}-${Date.now()}`,
    DATABASE_PATH: join(dir, 'kznews.db'),
    KZNEWS_CONNECT_TO: `${NEWS_HOST}=${origin}`,
    HOST_DELAY_MS: '0',
    HOST_CONCURRENCY: '64',
    RESPECT_ROBOTS: 'false',
    LOG_LEVEL: 'warn',
  };
  env['KZNEWS_SOURCES'] = writeSourcesFile(dir, [newsSourceEntry('0 0 1 1 *')]);
  const config: Config = loadConfig(env);
  const registry = loadRegistry(config);
  const workers: WorkerProcess[] = [];
  let nextId = 1;
  const queues = openQueues(config);
  const topUp = async (): Promise<void> => {
    if ((await queues.articles.getWaitingCount()) >= QUEUE_LOW_WATER) return;
    const urls = Array.from({ length: QUEUE_BATCH }, () => articleUrl(nextId++));
    await enqueueUrls(config, urls, { registry });
  };
  try {
    await topUp();
    for (let i = 0; i < workerCount; i++) {
      const port = await freePort();
      const w = spawnWorker({ ...env, LOG_LEVEL: 'warn' }, ['--sources', 'newsx', '--port', String(port)]);
      workers.push(w);
      await waitHealthy(port, w);
    }
    const db = new Database(env['DATABASE_PATH'] as string, { readonly: true });
    const stored = (): number => db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    let topping = false;
    const feeder = setInterval(() => {
      if (topping) return;
      topping = true;
      topUp().finally(() => {
        topping = false;
      });
    }, 250);

    await new Promise((r) => setTimeout(r, opts.warmupS * 1000));
    const t0 = Date.now();
    const s0 = stored();
    const samples: Array<{ t: number; stored: number; memory: Array<Memory | null> }> = [];
    const sample = (): void => {
      samples.push({ t: (Date.now() - t0) / 1000, stored: stored(), memory: workers.map((w) => memoryOf(w.child.pid ?? -1)) });
    };
    sample();
    while (Date.now() - t0 < opts.durationS * 1000) {
      await new Promise((r) => setTimeout(r, SAMPLE_S * 1000));
      sample();
    }
    clearInterval(feeder);
    const elapsed = (Date.now() - t0) / 1000;
    const atEnd = stored();
    const total = atEnd - s0;
    db.close();

    console.log(`\n${workerCount} worker process(es), ${opts.durationS} s measured after ${opts.warmupS} s warm-up, politeness off`);
    console.log(`  throughput: ${(total / elapsed).toFixed(1)} articles/s (${total} stored; ${atEnd} in the database at the end)`);
    const rates = samples.slice(1).map((s, i) => ((s.stored - (samples[i] as (typeof samples)[number]).stored) / (s.t - (samples[i] as (typeof samples)[number]).t)).toFixed(0));
    console.log(`  per ${SAMPLE_S} s: ${rates.join(' ')}`);
    workers.forEach((w, i) => {
      const mem = samples.map((s) => s.memory[i]).filter((m): m is Memory => m !== null);
      const ts = samples.filter((s) => s.memory[i] !== null).map((s) => s.t / 60);
      const first = mem[0];
      const last = mem.at(-1);
      if (!first || !last) return;
      const max = Math.max(...mem.map((m) => m.rssMb));
      // V8 lets the heap fill up before it collects, so the first minutes climb to a plateau; the second half
      // of the run says whether it is one.
      const half = Math.floor(mem.length / 2);
      const lateSlope = slope(ts.slice(half), mem.slice(half).map((m) => m.rssMb));
      const quarters = [0.25, 0.5, 0.75, 1].map((q) => mem[Math.min(mem.length - 1, Math.round(q * (mem.length - 1)))]?.rssMb.toFixed(0));
      console.log(
        `  worker ${i + 1} RSS: ${first.rssMb.toFixed(0)} MB at start, then ${quarters.join(' / ')} MB at each quarter (max ${max.toFixed(0)}); ` +
          `second-half slope ${lateSlope.toFixed(1)} MB/min; anonymous ${first.anonMb.toFixed(0)} → ${last.anonMb.toFixed(0)} MB, ` +
          `file-backed ${first.fileMb.toFixed(0)} → ${last.fileMb.toFixed(0)} MB`,
      );
    });
    const failed = await queues.articles.getFailedCount();
    if (failed > 0) console.log(`  failed jobs: ${failed}`);
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w)));
    await queues.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  const opts = options();
  const redis = await startOwnRedis({ persistent: false });
  const site = await startSite();
  try {
    console.log(`daemon bench: article path ${articlePath(1)}…, ${opts.workerCounts.join(' then ')} worker process(es)`);
    for (const n of opts.workerCounts) await phase(n, opts, redis, site.origin);
  } finally {
    site.server.closeAllConnections();
    site.server.close();
    await redis.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
