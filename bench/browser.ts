/**
 * The browser fetcher's speed and memory: pages/s rendering the script-drawn fixture article through
 * Playwright, and the memory of this process plus every Chromium process it started, sampled across 500
 * rendered pages to show that nothing grows (contexts closed, no page left behind). The main run reads
 * each page once its body selector is drawn, as the pipeline does for a source with a body selector;
 * variants after it wait for a quiet network instead (a source without one), route every request
 * through connectTo, and render 3 and 4 pages at once. RSS summed over Chromium's processes counts shared
 * pages once per process; PSS shares them out, so both are printed.
 *
 * Goal (issue 3): at least 5 rendered pages/s, RSS flat across 500 pages. The machine is shared, so
 * beside the wall figures the CPU time of node and of Chromium's processes is printed: pages per
 * CPU-second, and the pages/s all cores could give if rendering were CPU-bound.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createBrowserFetcher, type BrowserFetcher, type BrowserFetcherOptions } from '../src/scrapers/fetch/browser.js';
import { findChromium } from '../src/scrapers/fetch/chromium.js';
import { startFixtureServer } from '../tests/helpers/fixture-server.js';
import { descendants, kbField } from './_proc.js';

const PAGES = 500;
/** Clock ticks per second of the times in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const USER_HZ = 100;
const WARMUP_PAGES = 10;
const SAMPLE_EVERY = 100;
/** Pages for each variant measured after the main run. */
const VARIANT_PAGES = 100;
/** config.browserConcurrency's default. */
const CONCURRENCY = loadConfig({}).browserConcurrency;
/** Callers keep more fetches queued than the fetcher renders, as a busy worker would. */
const callers = (concurrency: number): number => concurrency * 2;
const BODY_SELECTOR = 'article';
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
  return descendants(pid).filter(isChromium);
}

function isChromium(pid: number): boolean {
  try {
    return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
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

/**
 * CPU time of the Chromium processes `pids`, in ms: their own and that of the children they reaped (a
 * renderer, once its context is closed, is reaped by the zygote that forked it and counts there).
 */
function chromiumCpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // utime, stime, cutime, cstime are fields 14 to 17; `fields` starts at field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    } catch {
      // ended while being read
    }
  }
  return (ticks * 1000) / USER_HZ;
}

interface Cpu {
  nodeMs: number;
  chromiumMs: number;
}

/** Starts a CPU clock over this process and its Chromium; the returned function reads what was used since. */
function cpuClock(): () => Cpu {
  const node = process.cpuUsage();
  const chromium = chromiumCpuMs(chromiumProcesses(process.pid));
  return () => {
    const used = process.cpuUsage(node);
    return { nodeMs: (used.user + used.system) / 1000, chromiumMs: chromiumCpuMs(chromiumProcesses(process.pid)) - chromium };
  };
}

/** Wall and CPU figures of `pages` rendered in `seconds`. */
function rates(pages: number, seconds: number, cpu: Cpu): string {
  const cpuSeconds = (cpu.nodeMs + cpu.chromiumMs) / 1000;
  return (
    `${(pages / seconds).toFixed(2)} pages/s wall; CPU ${(cpu.nodeMs / pages).toFixed(0)} ms node + ${(cpu.chromiumMs / pages).toFixed(0)} ms Chromium a page, ` +
    `${(pages / cpuSeconds).toFixed(2)} pages per CPU-second, CPU-bound ceiling ${((cpus().length * pages) / cpuSeconds).toFixed(1)} pages/s on ${cpus().length} cores`
  );
}

/** Renders `pages` URLs with `callerCount` callers each taking the next one; counts failures and pages without the article. */
async function renderAll(
  fetcher: BrowserFetcher,
  pages: number,
  callerCount: number,
  url: (n: number) => string,
  onPage: (done: number) => void = () => undefined,
): Promise<number> {
  let next = 0;
  let done = 0;
  let failed = 0;
  const caller = async (): Promise<void> => {
    while (next < pages) {
      const n = (next += 1);
      try {
        const page = await fetcher.fetch(url(n));
        if (!page.html.includes('<article>')) failed += 1;
      } catch {
        failed += 1;
      }
      done += 1;
      onPage(done);
    }
  };
  await Promise.all(Array.from({ length: callerCount }, caller));
  return failed;
}

const mib = (bytes: number): string => `${(bytes / MIB).toFixed(0)} MiB`;

/** Pages/s and CPU of a fetcher built with other options, measured on its own (the main run's browser is closed). */
async function variant(label: string, options: BrowserFetcherOptions, url: (n: number) => string): Promise<void> {
  const fetcher = createBrowserFetcher(options);
  try {
    for (let i = 0; i < WARMUP_PAGES; i += 1) await fetcher.fetch(url(-1 - i));
    const load = loadavg()[0] ?? 0;
    const used = cpuClock();
    const started = Date.now();
    const failed = await renderAll(fetcher, VARIANT_PAGES, callers(options.concurrency), url);
    const seconds = (Date.now() - started) / 1000;
    console.log(`  ${label}: ${rates(VARIANT_PAGES, seconds, used())}; ${failed} failed (load ${load.toFixed(1)})`);
  } finally {
    await fetcher.close();
  }
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
  const drawn = { ...common, waitForSelector: () => BODY_SELECTOR };
  const fetcher = createBrowserFetcher(drawn);

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
    for (let i = 0; i < WARMUP_PAGES; i += 1) await fetcher.fetch(`${server.origin}/ru/x?warmup=${i}`);

    console.log(`browser fetcher: ${PAGES} pages, concurrency ${CONCURRENCY}, read once the body selector is drawn (${executablePath})`);
    console.log(`  machine: ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the start (other work slows every figure)`);
    console.log('  pages   node RSS   Chromium RSS   Chromium PSS   processes   pages/s so far');
    const used = cpuClock();
    const started = Date.now();
    const failed = await renderAll(fetcher, PAGES, callers(CONCURRENCY), (n) => `${server.origin}/ru/x?n=${n}`, (done) => {
      if (done % SAMPLE_EVERY !== 0) return;
      const m = memory();
      const rate = done / ((Date.now() - started) / 1000);
      console.log(
        `  ${String(done).padStart(5)}   ${mib(m.nodeRss).padStart(8)}   ${mib(m.chromiumRss).padStart(12)}   ${mib(m.chromiumPss).padStart(12)}   ${String(m.processes).padStart(9)}   ${rate.toFixed(1).padStart(14)}`,
      );
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`  ${PAGES} pages in ${seconds.toFixed(1)} s: ${rates(PAGES, seconds, used())}; ${failed} failed or without the article`);
    console.log(`  load average ${loadavg()[0]?.toFixed(1)} at the end`);
  } finally {
    clearInterval(poll);
    await fetcher.close();
  }
  console.log(
    `  peak: ${mib(peak)} RSS (node ${mib(peakAt.nodeRss)} + Chromium ${mib(peakAt.chromiumRss)} over ${peakAt.processes} processes), sampled every ${PEAK_POLL_MS} ms`,
  );
  console.log(`  Chromium processes left after close(): ${chromiumProcesses(process.pid).length}`);

  console.log(`variants, ${VARIANT_PAGES} pages each:`);
  try {
    await variant(`network idle, no body selector, concurrency ${CONCURRENCY}`, common, (n) => `${server.origin}/ru/x?i=${n}`);
    await variant(
      `through connectTo (every request fetched by route.fetch), concurrency ${CONCURRENCY}`,
      { ...drawn, connectTo: { 'www.akorda.kz': server.origin } },
      (n) => `https://www.akorda.kz/ru/x?c=${n}`,
    );
    for (const concurrency of [2, 3, 4].filter((c) => c !== CONCURRENCY)) {
      await variant(`concurrency ${concurrency}`, { ...drawn, concurrency }, (n) => `${server.origin}/ru/x?k${concurrency}=${n}`);
    }
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
