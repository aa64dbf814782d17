/**
 * Whole-pipeline crawl speed: every built-in source crawled through discovery (feeds, sitemaps, listings)
 * into a fresh SQLite database, from the fixture sites (tests/fixtures/sites, a recording served by local
 * servers in this process and reached through connectTo), with politeness delays off (HOST_DELAY_MS=0).
 *
 * Two paths over the same article pages:
 *  - HTTP: every source forced to renderer 'http': discover, fetch over loopback, extract, clean, dedup,
 *    store with FTS, all on this one Node thread (the fixture servers too);
 *  - Playwright: every source forced to renderer 'browser', so each article page is rendered by headless
 *    Chromium (discovery documents still come over HTTP, as in production).
 *
 * The fixture sites hold a few dozen articles, too few for one crawl to give a stable rate, so each path
 * crawls them again and again, each round into a new database: every round is a first crawl of the sites
 * (no conditional GETs, no "already stored" shortcuts), and the rate is article pages over the summed crawl
 * time of the rounds. Opening and migrating a database, and launching Chromium, happen before a round's
 * clock starts and are printed apart. The sources of a round are crawled side by side, as the daemon's
 * article jobs are; per-host politeness still allows one request in flight per host (HOST_CONCURRENCY=1).
 *
 * The machine is shared, so beside the wall-clock rate the CPU time is printed: this process's (every
 * thread), and for Playwright Chromium's (its processes' CPU, collected as they are reaped). Article pages
 * per CPU-second of this process is what one core does when it has the core to itself. Peak RSS is sampled
 * every PEAK_POLL_MS: this process, and for Playwright also each Chromium process it started (VmRSS summed
 * over the process tree, so pages shared between Chromium's processes count once per process).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { rawPages } from '../src/db/queries.js';
import { crawlSource } from '../src/pipeline/crawl.js';
import { createPipeline, type IngestStatus, type Pipeline } from '../src/pipeline/ingest.js';
import { builtinSources, createRegistry } from '../src/scrapers/sites/index.js';
import type { RenderedBy, Renderer, Source } from '../src/scrapers/types.js';
import { FIXTURE_SITES } from '../tests/helpers/pipeline.js';
import { serveRecording, type RecordingServers } from '../tests/helpers/recording-server.js';
import { descendants, kbField } from './_proc.js';

/** PLAYWRIGHT_CHROMIUM_EXECUTABLE, when set; otherwise the pipeline finds the system's. */
const chromiumOverride = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ? { PLAYWRIGHT_CHROMIUM_EXECUTABLE: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE } : {};

interface Plan {
  label: string;
  renderer: Renderer;
  /** Rounds crawled and thrown away first (JIT, caches, the first database files). */
  warmup: number;
  rounds: number;
  /** Measured rounds stop early once this much wall time is spent (a busy machine must not blow the bench's budget). */
  budgetMs: number;
  goalPagesPerS: number;
}

const PLANS: readonly Plan[] = [
  { label: 'HTTP', renderer: 'http', warmup: 3, rounds: 40, budgetMs: 25_000, goalPagesPerS: 100 },
  { label: 'Playwright', renderer: 'browser', warmup: 0, rounds: 3, budgetMs: 30_000, goalPagesPerS: 5 },
];
const PEAK_POLL_MS = 200;
/** The fixture pages' relative dates ("сегодня") are read against the day the sites' tests use. */
const NOW = new Date('2026-02-28T06:00:00Z');
/** Linux reports process CPU times in clock ticks of 1/USER_HZ s (100 on every mainstream architecture). */
const USER_HZ = 100;
const KIB = 1024;
const MIB = KIB * KIB;

interface Round {
  crawlMs: number;
  /** Open + migrate the database, create the pipeline, launch Chromium if used: before the clock. */
  setupMs: number;
  nodeCpuMs: number;
  chromiumCpuMs: number;
  outcomes: Record<IngestStatus, number>;
  pages: number;
  requests: number;
  storedBy: Record<RenderedBy, number>;
}

interface Memory {
  nodeRss: number;
  chromiumRss: number;
  processes: number;
}

/** `tree`: also Chromium's processes (a pass over /proc, ~3 ms of CPU: only when a browser runs). */
function memory(tree: boolean): Memory {
  const pids = tree ? descendants(process.pid) : [];
  return { nodeRss: process.memoryUsage.rss(), chromiumRss: pids.reduce((sum, pid) => sum + kbField(`/proc/${pid}/status`, 'VmRSS'), 0), processes: pids.length };
}

/** CPU time of this process's children that have ended and been reaped (Chromium, once closed), in ms. */
function reapedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime are fields 16 and 17 of /proc/<pid>/stat; `fields` starts at field 3.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / USER_HZ;
}

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

/** The highest node + Chromium RSS seen while `work` runs, with its parts at that moment. */
async function withPeakMemory<T>(tree: boolean, work: () => Promise<T>): Promise<{ result: T; peak: Memory }> {
  let peak = memory(tree);
  const sample = (): void => {
    const m = memory(tree);
    if (m.nodeRss + m.chromiumRss > peak.nodeRss + peak.chromiumRss) peak = m;
  };
  const poll = setInterval(sample, PEAK_POLL_MS);
  try {
    const result = await work();
    return { result, peak };
  } finally {
    clearInterval(poll);
  }
}

/** Starts Chromium before the clock: a crawl pays for the launch once, whatever its length. */
async function launchBrowser(pipeline: Pipeline, servers: RecordingServers): Promise<void> {
  const [host] = Object.keys(servers.connectTo);
  // Any answer will do, a 404 included: the point is a running browser.
  await pipeline.fetchers.browser().fetch(`https://${host}/robots.txt`).catch(() => undefined);
}

async function crawlRound(plan: Plan, servers: RecordingServers): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), 'kznews-bench-crawl-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'kznews.db'), HOST_DELAY_MS: '0', FETCH_RETRIES: '0', LOG_LEVEL: 'silent', ...chromiumOverride });
  const registry = createRegistry(builtinSources().map((s): Source => ({ ...s, renderer: plan.renderer })));
  const setupStarted = performance.now();
  const kz = openDatabase(config.databasePath);
  const pipeline = createPipeline({ config, registry, kz, connectTo: servers.connectTo, now: () => NOW });
  try {
    if (plan.renderer === 'browser') await launchBrowser(pipeline, servers);
    const requestsBefore = servers.requests().length;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summaries = await Promise.all(registry.all().map((source) => crawlSource(kz, pipeline, source, { trigger: 'manual' })));
    const crawlMs = performance.now() - started;
    const nodeCpuMs = cpuMs(process.cpuUsage(cpuBefore));
    const outcomes: Record<IngestStatus, number> = { new: 0, updated: 0, unchanged: 0, 'not-modified': 0, discarded: 0, failed: 0 };
    for (const o of summaries.flatMap((s) => s.outcomes)) outcomes[o.status] += 1;
    const storedBy: Record<RenderedBy, number> = { http: 0, browser: 0 };
    for (const page of rawPages(kz)) storedBy[page.renderer] += 1;
    return {
      crawlMs,
      setupMs: started - setupStarted,
      nodeCpuMs,
      chromiumCpuMs: 0,
      outcomes,
      pages: Object.values(outcomes).reduce((a, b) => a + b, 0),
      requests: servers.requests().length - requestsBefore,
      storedBy,
    };
  } finally {
    await pipeline.close();
    kz.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One round, with Chromium's CPU: its processes are reaped once the pipeline has closed the browser. */
async function crawlRoundWithChromium(plan: Plan, servers: RecordingServers): Promise<Round> {
  const before = reapedChildrenCpuMs();
  const round = await crawlRound(plan, servers);
  return { ...round, chromiumCpuMs: reapedChildrenCpuMs() - before };
}

async function crawlRounds(plan: Plan, servers: RecordingServers): Promise<Round[]> {
  for (let i = 0; i < plan.warmup; i += 1) await crawlRound(plan, servers);
  const rounds: Round[] = [];
  const started = performance.now();
  while (rounds.length < plan.rounds && (rounds.length === 0 || performance.now() - started < plan.budgetMs)) {
    rounds.push(await crawlRoundWithChromium(plan, servers));
  }
  return rounds;
}

const mib = (bytes: number): string => `${(bytes / MIB).toFixed(0)} MiB`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const sum = (rounds: Round[], pick: (r: Round) => number): number => rounds.reduce((total, r) => total + pick(r), 0);
const verdict = (rate: number, goal: number): string => (rate >= goal ? 'met' : 'MISSED');

function report(plan: Plan, rounds: Round[], peak: Memory): void {
  const first = rounds[0] as Round;
  const pages = sum(rounds, (r) => r.pages);
  const wallRate = pages / (sum(rounds, (r) => r.crawlMs) / 1000);
  const cpuRate = pages / (sum(rounds, (r) => r.nodeCpuMs) / 1000);
  const perRound = rounds.map((r) => r.pages / (r.crawlMs / 1000));
  const outcomes = Object.entries(first.outcomes)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const browser = plan.renderer === 'browser';
  console.log(
    `\n${plan.label}: ${rounds.length} round${rounds.length === 1 ? '' : 's'} (+${plan.warmup} warm-up) of ${first.pages} article pages each ` +
      `(${outcomes}; raw pages stored by http ${first.storedBy.http}, browser ${first.storedBy.browser}; ` +
      `${first.requests} requests to the sites counting discovery, robots.txt${browser ? ' and page assets' : ''})`,
  );
  console.log(
    `  wall clock     ${wallRate.toFixed(1).padStart(7)} pages/s   goal ≥ ${plan.goalPagesPerS}: ${verdict(wallRate, plan.goalPagesPerS)}` +
      `   (rounds: median ${median(perRound).toFixed(1)}, min ${Math.min(...perRound).toFixed(1)}, max ${Math.max(...perRound).toFixed(1)})`,
  );
  const nodeMsPerPage = sum(rounds, (r) => r.nodeCpuMs) / pages;
  if (browser) {
    const chromiumMsPerPage = sum(rounds, (r) => r.chromiumCpuMs) / pages;
    const cores = availableParallelism();
    const ceiling = (cores * 1000) / (nodeMsPerPage + chromiumMsPerPage);
    console.log(`  CPU per page   node ${nodeMsPerPage.toFixed(1)} ms + Chromium ≈ ${chromiumMsPerPage.toFixed(0)} ms (its launch and shutdown included)`);
    console.log(`  CPU-bound ceiling with all ${cores} cores idle: ${ceiling.toFixed(1)} pages/s   goal ≥ ${plan.goalPagesPerS}: ${verdict(ceiling, plan.goalPagesPerS)}`);
  } else {
    console.log(
      `  one core       ${cpuRate.toFixed(1).padStart(7)} pages per CPU-second of this process (${nodeMsPerPage.toFixed(1)} ms a page)   ` +
        `goal ≥ ${plan.goalPagesPerS}: ${verdict(cpuRate, plan.goalPagesPerS)}`,
    );
  }
  const setup = browser ? 'open + migrate the database, launch Chromium' : 'open + migrate the database';
  console.log(`  before the clock: ${setup}, median ${median(rounds.map((r) => r.setupMs)).toFixed(0)} ms a round`);
  const chromium = browser ? ` + Chromium ${mib(peak.chromiumRss)} over ${peak.processes} processes = ${mib(peak.nodeRss + peak.chromiumRss)}` : '';
  console.log(`  peak RSS       node ${mib(peak.nodeRss)}${chromium}`);
}

export async function main(): Promise<void> {
  const servers = await serveRecording(FIXTURE_SITES);
  try {
    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    console.log(
      `crawl of all ${builtinSources().length} built-in sources from the fixture sites, HOST_DELAY_MS=0, ` +
        `a fresh SQLite database per round (load average at start: ${load} on ${availableParallelism()} cores)`,
    );
    console.log(
      'method: the fixture sites are too small for one crawl to time, so each path crawls all of them again and again, ' +
        'each round a first crawl into a new temp database; the sources of a round run side by side (one request in flight ' +
        'per host); opening and migrating the database and launching Chromium are done before the clock starts',
    );
    for (const plan of PLANS) {
      const { result, peak } = await withPeakMemory(plan.renderer === 'browser', () => crawlRounds(plan, servers));
      report(plan, result, peak);
    }
  } finally {
    await servers.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
