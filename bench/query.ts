/**
 * Read speed on an archive of 100,000 stored articles (built through storeArticles, without raw HTML,
 * and kept in bench/out/ so later runs start at once): searchArticles for two-word queries from
 * words in half the archive to rare ones (median and p95 ms; goal < 50 ms), the same with dedup and
 * a source filter, and newest-first listings with a source filter.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { searchArticles, storeArticles, upsertSources } from '../src/db/queries.js';
import { toMatchExpression } from '../src/db/search-text.js';
import type { KzDb, SearchQuery } from '../src/db/types.js';
import { article, percentile, SOURCE_IDS, sources } from './_corpus.js';

const ARTICLES = 100_000;
const BATCH = 1_000;
const RUNS = 25;
const WARMUP = 3;
const GOAL_MS = 50;
/** Bump when the corpus generator changes, so a stale cached archive is rebuilt. */
const CORPUS_VERSION = 1;
const OUT = join(import.meta.dirname, 'out');
const FILE = join(OUT, `query-${ARTICLES}-v${CORPUS_VERSION}.db`);
const MIB = 1024 * 1024;

/** Two-word searches, from words in most articles to rare ones (document counts are printed). */
const SEARCHES = [
  'тенге года',
  'саммитами бюджетом',
  'президент государства',
  'развитие экономике',
  'Токаев Астана',
  'министра правительства',
  'ШОС саммит',
  'Шымкент Ёлкин',
  'банк тарифы',
  'пожар Алматы',
];

function build(): void {
  if (existsSync(FILE)) return;
  mkdirSync(OUT, { recursive: true });
  const partial = `${FILE}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const kz = openDatabase(partial);
  upsertSources(kz, sources());
  const t0 = performance.now();
  for (let i = 0; i < ARTICLES; i += BATCH) {
    const items = storeArticles(kz, Array.from({ length: BATCH }, (_, k) => article(i + k, { html: false })));
    const failed = items.find((x) => !x.ok);
    if (failed && !failed.ok) throw failed.error;
  }
  const ms = performance.now() - t0;
  kz.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  kz.close();
  renameSync(partial, FILE);
  console.log(`built ${ARTICLES.toLocaleString('en')} articles in ${(ms / 1000).toFixed(1)} s (${Math.round((ARTICLES / ms) * 1000).toLocaleString('en')}/s, generation included)`);
}

function time(run: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < WARMUP; i++) run();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: percentile(ms, 50), p95: percentile(ms, 95) };
}

const fmt = (t: { median: number; p95: number }): string =>
  `median ${t.median.toFixed(1).padStart(6)} ms   p95 ${t.p95.toFixed(1).padStart(6)} ms`;

/** Articles matching every word (printed beside the timings; counted directly in the index). */
function matches(kz: KzDb, words: string): number {
  const match = toMatchExpression(words);
  return kz.sqlite.prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').pluck().get(match) as number;
}

export async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at start (other work slows the wall-clock figures)`);
  build();
  const kz = openDatabase(FILE);
  try {
    console.log(`archive: ${ARTICLES.toLocaleString('en')} articles, ${(statSync(FILE).size / MIB).toFixed(0)} MiB`);
    const worst: number[] = [];
    for (const words of SEARCHES) {
      const q: SearchQuery = { words };
      const t = time(() => searchArticles(kz, q));
      worst.push(t.p95);
      const n = matches(kz, words);
      console.log(`search "${words}"`.padEnd(36), fmt(t), `  ${n.toLocaleString('en')} matches`);
    }
    const overall = Math.max(...worst);
    console.log(`worst p95 of the searches: ${overall.toFixed(1)} ms (goal < ${GOAL_MS} ms: ${overall < GOAL_MS ? 'met' : 'MISSED'})`);
    const source = SOURCE_IDS[3] as string;
    console.log(`search + source filter`.padEnd(36), fmt(time(() => searchArticles(kz, { words: SEARCHES[0], source }))));
    console.log(`search + dedup`.padEnd(36), fmt(time(() => searchArticles(kz, { words: SEARCHES[0], dedup: true }))));
    console.log(`newest first, source filter`.padEnd(36), fmt(time(() => searchArticles(kz, { source }))));
    console.log(`newest first, source + since/until`.padEnd(36), fmt(time(() => searchArticles(kz, { source, since: '2024-01-01', until: '2024-03-31' }))));
    console.log(`newest first, lang filter, dedup`.padEnd(36), fmt(time(() => searchArticles(kz, { lang: 'kk', dedup: true }))));
  } finally {
    kz.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
