/**
 * Extraction throughput on one core: kznews' extractArticle against @mozilla/readability on linkedom, over
 * every fixture page (repeated until the figure is stable), plus the word precision/recall table. Time is
 * the process's CPU time, so other work on a shared machine does not skew the ratio.
 * Run: npx tsx bench/extract.ts
 */
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../src/scrapers/extract/index.js';
import { contextOf, fixtureHtml, pageOf } from '../tests/fixtures/extract/cases.js';
import { QUALITY_CASES, evaluate, kznewsText, qualityTable, readabilityText } from '../tests/fixtures/extract/quality.js';

/** Wall time for both contenders together; rounds alternate so both meet the same machine. */
const BUDGET_MS = 8_000;
const WARMUP_ROUNDS = 3;

/** CPU milliseconds this process has used (all its threads): a figure that a busy machine does not inflate. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Pages per CPU-second of each contender, timed in alternating rounds over the same pages. */
function alternate(contenders: ReadonlyArray<() => void>, pagesPerRound: number): number[] {
  for (let i = 0; i < WARMUP_ROUNDS; i++) for (const run of contenders) run();
  const spent = contenders.map(() => 0);
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < BUDGET_MS) {
    contenders.forEach((run, i) => {
      const t = cpuMs();
      run();
      spent[i] = (spent[i] as number) + cpuMs() - t;
    });
    rounds++;
  }
  return spent.map((ms) => (rounds * pagesPerRound * 1000) / ms);
}

export async function main(): Promise<void> {
  const pages = QUALITY_CASES.map((c) => ({ c, html: fixtureHtml(c.file) }));
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);
  const [ours = 0, theirs = 0] = alternate(
    [
      () => {
        for (const { c, html } of pages) extractArticle(pageOf(c, html), contextOf(c));
      },
      () => {
        for (const { c, html } of pages) readabilityText(c, html);
      },
    ],
    pages.length,
  );
  console.log(`extract: ${pages.length} fixture pages, ${(bytes / 1024).toFixed(0)} KiB; pages per CPU-second of one process`);
  console.log(`  kznews extractArticle          ${ours.toFixed(0).padStart(6)} pages/s`);
  console.log(`  Readability + linkedom         ${theirs.toFixed(0).padStart(6)} pages/s`);
  console.log(`  ratio                          ${(ours / theirs).toFixed(1).padStart(6)}x (goal ≥ 5x)`);
  console.log('');
  console.log(qualityTable(evaluate((c) => kznewsText(c)), evaluate((c) => readabilityText(c))));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
