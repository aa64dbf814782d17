/**
 * The browser fetcher's speed and memory: pages/s rendering the script-drawn fixture article through
 * Playwright at concurrency 2, and the memory of this process plus every Chromium process it started,
 * sampled across 500 rendered pages to show that nothing grows (contexts closed, no page left behind).
 * RSS summed over Chromium's processes counts shared pages once per process; PSS shares them out, so
 * both are printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBrowserFetcher, type BrowserFetcherOptions } from '../src/scrapers/fetch/browser.js';
import { findChromium } from '../src/scrapers/fetch/chromium.js';
import { startFixtureServer } from '../tests/helpers/fixture-server.js';

const PAGES = 500;
const WARMUP_PAGES = 10;
const SAMPLE_EVERY = 100;
/** Pages for each variant measured after the main run (routing through connectTo, waiting for a selector). */
const VARIANT_PAGES = 50;
const CONCURRENCY = 2;
/** Callers keep more fetches queued than the fetcher renders, as a busy worker would. */
const CALLERS = 4;
const PEAK_POLL_MS = 500;
const KIB = 1024;
const MIB = KIB * KIB;

const FIXTURES = fileURLToPath(new URL('../tests/fixtures/browser/', import.meta.url));
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

interface Memory {
  nodeRss: number;
  chromiumRss: number;
  chromiumPss: number;
  processes: number;
}

/**
 * Every live Chromium process below `pid`, from one pass over /proc: a zombie (no command line) and the
 * loader's own helpers (tsx keeps an esbuild service running) are left out.
 */
function chromiumProcesses(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // ended while being read
    }
  }
  const found: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    if (isChromium(next)) found.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

function isChromium(pid: number): boolean {
  try {
    return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/** kB figure of one `Name:  123 kB` line in a /proc file, in bytes. */
function kbField(path: string, field: string): number {
  try {
    const line = readFileSync(path, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line === undefined ? 0 : Number(line.replace(/\D+/g, ' ').trim().split(' ')[0]) * KIB;
  } catch {
    return 0;
  }
}

/** PSS needs smaps_rollup, which walks page tables: read at the reported samples, not by the peak poller. */
function memory(withPss = true): Memory {
  const pids = chromiumProcesses(process.pid);
  let chromiumRss = 0;
  let chromiumPss = 0;
  for (const pid of pids) {
    chromiumRss += kbField(`/proc/${pid}/status`, 'VmRSS');
    if (withPss) chromiumPss += kbField(`/proc/${pid}/smaps_rollup`, 'Pss');
  }
  return { nodeRss: process.memoryUsage().rss, chromiumRss, chromiumPss, processes: pids.length };
}

const mib = (bytes: number): string => `${(bytes / MIB).toFixed(0)} MiB`;

/** Pages/s of a fetcher built with other options, measured on its own (the main run's browser is closed). */
async function variant(label: string, options: BrowserFetcherOptions, url: (n: number) => string): Promise<void> {
  const fetcher = createBrowserFetcher(options);
  let seconds: number;
  try {
    await fetcher.fetch(url(-1));
    const started = Date.now();
    await Promise.all(Array.from({ length: VARIANT_PAGES }, (_, n) => fetcher.fetch(url(n))));
    seconds = (Date.now() - started) / 1000;
  } finally {
    await fetcher.close();
  }
  console.log(`  ${label}: ${VARIANT_PAGES} pages in ${seconds.toFixed(1)} s: ${(VARIANT_PAGES / seconds).toFixed(1)} pages/s`);
}

export async function main(): Promise<void> {
  const server = await startFixtureServer({
    '/ru/x': { body: fixture('article.html') },
    '/static/app.js': { headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: fixture('app.js') },
    '/static/site.css': { headers: { 'content-type': 'text/css; charset=utf-8' }, body: fixture('site.css') },
    '/api/article.json': { headers: { 'content-type': 'application/json; charset=utf-8' }, body: fixture('article.json') },
  });
  const executablePath = findChromium({ envPath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? null });
  const common = { executablePath, userAgent: 'kznews-bench/1.0', timeoutMs: 20_000, concurrency: CONCURRENCY };
  const idle = createBrowserFetcher(common);

  let peak = 0;
  let peakAt: Memory = memory(false);
  const poll = setInterval(() => {
    const m = memory(false);
    const total = m.nodeRss + m.chromiumRss;
    if (total > peak) {
      peak = total;
      peakAt = m;
    }
  }, PEAK_POLL_MS);

  try {
    for (let i = 0; i < WARMUP_PAGES; i += 1) await idle.fetch(`${server.origin}/ru/x?warmup=${i}`);

    console.log(`browser fetcher: ${PAGES} pages, concurrency ${CONCURRENCY}, settled by network idle (${executablePath})`);
    console.log(`  machine: ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the start (other work slows every figure)`);
    console.log('  pages   node RSS   Chromium RSS   Chromium PSS   processes   pages/s so far');
    let next = 0;
    let done = 0;
    let failed = 0;
    const started = Date.now();
    const caller = async (): Promise<void> => {
      while (next < PAGES) {
        const n = (next += 1);
        try {
          const page = await idle.fetch(`${server.origin}/ru/x?n=${n}`);
          if (!page.html.includes('<article>')) failed += 1;
        } catch {
          failed += 1;
        }
        done += 1;
        if (done % SAMPLE_EVERY === 0) {
          const m = memory();
          const rate = done / ((Date.now() - started) / 1000);
          console.log(
            `  ${String(done).padStart(5)}   ${mib(m.nodeRss).padStart(8)}   ${mib(m.chromiumRss).padStart(12)}   ${mib(m.chromiumPss).padStart(12)}   ${String(m.processes).padStart(9)}   ${rate.toFixed(1).padStart(14)}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CALLERS }, caller));
    const seconds = (Date.now() - started) / 1000;
    console.log(`  ${PAGES} pages in ${seconds.toFixed(1)} s: ${(PAGES / seconds).toFixed(1)} pages/s; ${failed} failed or without the article`);
  } finally {
    clearInterval(poll);
    await idle.close();
  }
  console.log(
    `  peak: ${mib(peak)} RSS (node ${mib(peakAt.nodeRss)} + Chromium ${mib(peakAt.chromiumRss)} over ${peakAt.processes} processes), sampled every ${PEAK_POLL_MS} ms`,
  );
  console.log(`  Chromium processes left after close(): ${chromiumProcesses(process.pid).length}`);

  try {
    await variant('through connectTo (every request fetched by route.fetch)', { ...common, connectTo: { 'www.akorda.kz': server.origin } }, (n) => `https://www.akorda.kz/ru/x?c=${n}`);
    await variant('waiting for a selector instead of network idle', { ...common, waitForSelector: () => 'article' }, (n) => `${server.origin}/ru/x?s=${n}`);
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
