/**
 * The browser fetcher's speed and memory: pages/s rendering the script-drawn fixture article through
 * Playwright at concurrency 2, and the memory of this process plus every Chromium process it started,
 * sampled across 500 rendered pages to show that nothing grows (contexts closed, no page left behind).
 * RSS summed over Chromium's processes counts shared pages once per process; PSS shares them out, so
 * both are printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBrowserFetcher } from '../src/scrapers/fetch/browser.js';
import { findChromium } from '../src/scrapers/fetch/chromium.js';
import { startFixtureServer } from '../tests/helpers/fixture-server.js';

const PAGES = 500;
const WARMUP_PAGES = 10;
const SAMPLE_EVERY = 100;
const SELECTOR_PAGES = 100;
const CONCURRENCY = 2;
/** Callers keep more fetches queued than the fetcher renders, as a busy worker would. */
const CALLERS = 4;
const PEAK_POLL_MS = 100;
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

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // ended while being read
    }
  }
  return out;
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = childrenOf(pid);
  while (queue.length > 0) {
    const next = queue.shift() as number;
    found.push(next);
    queue.push(...childrenOf(next));
  }
  return found;
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

function memory(): Memory {
  const pids = descendants(process.pid);
  let chromiumRss = 0;
  let chromiumPss = 0;
  for (const pid of pids) {
    chromiumRss += kbField(`/proc/${pid}/status`, 'VmRSS');
    chromiumPss += kbField(`/proc/${pid}/smaps_rollup`, 'Pss');
  }
  return { nodeRss: process.memoryUsage().rss, chromiumRss, chromiumPss, processes: pids.length };
}

const mib = (bytes: number): string => `${(bytes / MIB).toFixed(0)} MiB`;

export async function main(): Promise<void> {
  const server = await startFixtureServer({
    '/ru/x': { body: fixture('article.html') },
    '/static/app.js': { headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: fixture('app.js') },
    '/static/site.css': { headers: { 'content-type': 'text/css; charset=utf-8' }, body: fixture('site.css') },
    '/api/article.json': { headers: { 'content-type': 'application/json; charset=utf-8' }, body: fixture('article.json') },
  });
  const executablePath = findChromium({ envPath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? null });
  const common = { executablePath, userAgent: 'kznews-bench/1.0', timeoutMs: 20_000, concurrency: CONCURRENCY };
  const idle = createBrowserFetcher({ ...common, connectTo: { 'www.akorda.kz': server.origin } });
  const bySelector = createBrowserFetcher({ ...common, waitForSelector: () => 'article' });

  let peak = 0;
  let peakAt: Memory = memory();
  const poll = setInterval(() => {
    const m = memory();
    const total = m.nodeRss + m.chromiumRss;
    if (total > peak) {
      peak = total;
      peakAt = m;
    }
  }, PEAK_POLL_MS);

  try {
    for (let i = 0; i < WARMUP_PAGES; i += 1) await idle.fetch(`https://www.akorda.kz/ru/x?warmup=${i}`);

    console.log(`browser fetcher: ${PAGES} pages, concurrency ${CONCURRENCY}, network-idle wait, via connectTo (${executablePath})`);
    console.log('  pages   node RSS   Chromium RSS   Chromium PSS   processes   pages/s so far');
    let next = 0;
    let done = 0;
    let failed = 0;
    const started = Date.now();
    const caller = async (): Promise<void> => {
      while (next < PAGES) {
        const n = (next += 1);
        try {
          const page = await idle.fetch(`https://www.akorda.kz/ru/x?n=${n}`);
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

    const selectorStarted = Date.now();
    await Promise.all(
      Array.from({ length: SELECTOR_PAGES }, (_, n) => bySelector.fetch(`${server.origin}/ru/x?selector=${n}`)),
    );
    const selectorSeconds = (Date.now() - selectorStarted) / 1000;
    console.log(
      `  waiting for a selector instead of network idle: ${SELECTOR_PAGES} pages in ${selectorSeconds.toFixed(1)} s: ${(SELECTOR_PAGES / selectorSeconds).toFixed(1)} pages/s`,
    );
  } finally {
    clearInterval(poll);
    await Promise.all([idle.close(), bySelector.close()]);
    await server.close();
  }
  console.log(
    `  peak: ${mib(peak)} RSS (node ${mib(peakAt.nodeRss)} + Chromium ${mib(peakAt.chromiumRss)} over ${peakAt.processes} processes; Chromium PSS ${mib(peakAt.chromiumPss)})`,
  );
  console.log(`  Chromium processes left after close(): ${descendants(process.pid).length}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
