/**
 * Storage write speed for 20,000 generated articles (~9 paragraphs each, some boilerplate shared per
 * source and across sites, ~35 KB of HTML): each article means the article row, its paragraphs with
 * their counts, the FTS row, the brotli-compressed raw HTML and the fetch log row.
 * Goal: at least 2,000 articles/s.
 *   batched: storeArticleBatches, 250 articles per transaction, the next batch's pages compressed on
 *            a worker thread and the last batch's WAL pages checkpointed on another while a batch is
 *            written (backfills): the goal's figure
 *   batched, brotli on the main thread: storeArticles, the same transactions, compression inline
 *   single, re-store: storeArticle of a stored URL (unchanged, or a new revision)
 *   single, one transaction per article: storeArticleAsync, one at a time (the crawl and the daemon)
 *   no raw HTML: batched again with empty pages, to show what brotli costs of the total
 * Wall-clock, process CPU time and main-thread CPU time are printed: on a machine shared with other
 * work, CPU time is the steadier figure of what the code costs, and with brotli on the worker the
 * main thread's CPU time per article is what bounds the rate on an idle machine with a core to spare.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { storeArticle, storeArticleAsync, storeArticleBatches, storeArticles, upsertSources } from '../src/db/queries.js';
import { compressHtml } from '../src/db/queries/raw-html.js';
import type { KzDb, StoreInput } from '../src/db/types.js';
import { article, sources } from './_corpus.js';

const BATCHED = 20_000;
const SINGLE = 3_000;
const RESTORES = 2_000;
const BATCH = 250;
const GOAL_PER_S = 2_000;
const COMPRESS_SAMPLE = 500;
const MIB = 1024 * 1024;

interface Timing {
  n: number;
  wallMs: number;
  /** CPU time of the whole process (brotli on the thread pool included). */
  cpuMs: number;
  /** CPU time of the main thread alone: what bounds the rate once brotli runs on another core. */
  mainMs: number;
}

/** This thread's CPU time in ms (Linux schedstat, ns precision; NaN elsewhere). */
function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** Wall, process CPU and main-thread CPU of `work`, in ms. */
async function measure(work: () => unknown): Promise<Omit<Timing, 'n'>> {
  const cpu0 = process.cpuUsage();
  const main0 = threadCpuMs();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, mainMs: threadCpuMs() - main0 };
}

/** Times `store` only: generating and hashing the corpus (the caller's work) is left out. */
async function timed(count: number, make: (i: number) => StoreInput, store: (inputs: StoreInput[]) => unknown, batch: number): Promise<Timing> {
  const total: Timing = { n: count, wallMs: 0, cpuMs: 0, mainMs: 0 };
  for (let i = 0; i < count; i += batch) {
    const inputs = Array.from({ length: Math.min(batch, count - i) }, (_, k) => make(i + k));
    const t = await measure(() => store(inputs));
    total.wallMs += t.wallMs;
    total.cpuMs += t.cpuMs;
    total.mainMs += t.mainMs;
  }
  return total;
}

/**
 * Times a pipelined run over all `count` articles: the whole run's wall and CPU time less the time spent
 * generating the batches (storeArticleBatches asks for the next batch only when no compression is
 * running, so the two never overlap).
 */
async function timedPipeline(count: number, make: (i: number) => StoreInput, batch: number, kz: KzDb): Promise<Timing> {
  const making = { wallMs: 0, cpuMs: 0, mainMs: 0 };
  async function* batches(): AsyncGenerator<StoreInput[]> {
    for (let i = 0; i < count; i += batch) {
      let inputs: StoreInput[] = [];
      const t = await measure(() => {
        inputs = Array.from({ length: Math.min(batch, count - i) }, (_, k) => make(i + k));
      });
      making.wallMs += t.wallMs;
      making.cpuMs += t.cpuMs;
      making.mainMs += t.mainMs;
      yield inputs;
    }
  }
  const cpu0 = process.cpuUsage();
  const main0 = threadCpuMs();
  const t0 = performance.now();
  for await (const items of storeArticleBatches(kz, batches())) checkAllStored(items);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    n: count,
    wallMs: wallMs - making.wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000 - making.cpuMs,
    mainMs: threadCpuMs() - main0 - making.mainMs,
  };
}

const perS = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;
const line = (label: string, t: Timing): string =>
  `${label.padEnd(36)} ${perS(t.n, t.wallMs).padStart(9)} wall   ${perS(t.n, t.cpuMs).padStart(9)} by CPU time   ` +
  `${perS(t.n, t.mainMs).padStart(9)} by main-thread CPU   (${((t.wallMs / t.n) * 1000).toFixed(0)} µs/article)`;

async function withDatabase(run: (kz: KzDb, file: string) => unknown): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kznews-bench-ingest-'));
  const file = join(dir, 'kznews.db');
  const kz = openDatabase(file);
  try {
    upsertSources(kz, sources());
    await run(kz, file);
  } finally {
    kz.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkAllStored(items: ReturnType<typeof storeArticles>): void {
  const failed = items.find((i) => !i.ok);
  if (failed && !failed.ok) throw failed.error;
}

export async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at start (other work slows the wall-clock figures)`);
  const sample = Array.from({ length: COMPRESS_SAMPLE }, (_, i) => article(i).page.html);
  const sampleBytes = sample.reduce((s, h) => s + Buffer.byteLength(h), 0);
  const c0 = performance.now();
  const compressed = sample.reduce((s, html) => s + compressHtml(html).data.length, 0);
  const compressUs = ((performance.now() - c0) / sample.length) * 1000;
  const textChars = Math.round(
    sample.reduce((s, _, i) => s + article(i).draft.paragraphs.reduce((n, p) => n + p.length, 0), 0) / sample.length,
  );
  console.log(
    `corpus: ${(sampleBytes / sample.length / 1024).toFixed(1)} KiB of HTML and ${textChars} characters of text per article; ` +
      `brotli ${compressUs.toFixed(0)} µs/page, ${(sampleBytes / compressed).toFixed(1)}x`,
  );

  await withDatabase(async (kz, file) => {
    const batched = await timedPipeline(BATCHED, (i) => article(i), BATCH, kz);
    const verdict = (batched.n / batched.wallMs) * 1000 >= GOAL_PER_S ? 'met' : 'MISSED';
    console.log(
      `${line(`batched, ${BATCH} per transaction`, batched)}   goal ≥ ${GOAL_PER_S.toLocaleString('en')}/s: ${verdict} ` +
        `(load average ${loadavg()[0]?.toFixed(1)} after)`,
    );
    const unchanged = await timed(RESTORES, (i) => article(i), (inputs) => inputs.forEach((x) => storeArticle(kz, x)), 1);
    console.log(line('single, unchanged re-store', unchanged));
    const revised = await timed(RESTORES, (i) => article(i, { seed: 2 }), (inputs) => inputs.forEach((x) => storeArticle(kz, x)), 1);
    console.log(line('single, revision (new text)', revised));
    kz.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const paragraphs = kz.sqlite.prepare('SELECT count(*) FROM paragraphs').pluck().get() as number;
    const shared = kz.sqlite.prepare('SELECT count(*) FROM paragraphs WHERE article_count > 1').pluck().get() as number;
    console.log(
      `database after ${BATCHED.toLocaleString('en')} articles: ${(statSync(file).size / MIB).toFixed(1)} MiB, ` +
        `${paragraphs.toLocaleString('en')} paragraph rows (${shared} shared by several articles)`,
    );
  });

  await withDatabase(async (kz) => {
    const main = await timed(BATCHED, (i) => article(i), (inputs) => checkAllStored(storeArticles(kz, inputs)), BATCH);
    console.log(line('batched, brotli on the main thread', main));
  });

  await withDatabase(async (kz) => {
    const single = await timed(SINGLE, (i) => article(i), ([x]) => x && storeArticleAsync(kz, x), 1);
    console.log(line('single, one transaction per article', single));
  });

  await withDatabase(async (kz) => {
    const bare = await timed(BATCHED, (i) => article(i, { html: false }), (inputs) => checkAllStored(storeArticles(kz, inputs)), BATCH);
    console.log(line('batched, no raw HTML to compress', bare));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
