/**
 * Extraction throughput on one core: kznews' extractArticle against @mozilla/readability on linkedom, over
 * every fixture page, plus the word precision/recall table. Time is the process's CPU time, so other work on
 * a shared machine does not stretch the figures; what it still does to them (caches, frequency) varies from
 * moment to moment, so both contenders are timed in paired rounds and the medians are reported.
 * Run: npx tsx bench/extract.ts
 */
import { loadavg } from 'node:os';
import { extractArticle } from '../src/scrapers/extract/index.js';
import { contextOf, fixtureHtml, pageOf } from '../tests/fixtures/extract/cases.js';
import { QUALITY_CASES, evaluate, kznewsText, qualityTable, readabilityText } from '../tests/fixtures/extract/quality.js';

/** CPU time each contender runs before timing starts, so both are measured in optimized code. */
const WARMUP_MS = 1_500;
/**
 * CPU time of one contender's turn. A turn starts on the heap the other left, and its first scavenges copy the
 * other's live DOM: in 100 ms turns GC took 25% of kznews' CPU time, in 400 ms turns 11% (Readability: 32% in
 * both). Timed in 30 ms turns, as one pass over the pages was before, kznews made 763 pages/s; in 250 ms turns
 * 927, in 600 ms turns 1105, while Readability stayed at 143–151.
 */
const TURN_MS = 300;
const ROUNDS = 15;

/** CPU milliseconds this process has used (all its threads): a figure that a busy machine does not inflate. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timed(run: () => void, passes: number): number {
  const t = cpuMs();
  for (let i = 0; i < passes; i++) run();
  return cpuMs() - t;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const quartiles = (xs: readonly number[]): [number, number] => {
  const s = [...xs].sort((a, b) => a - b);
  return [s[Math.floor((s.length - 1) / 4)] as number, s[Math.ceil(((s.length - 1) * 3) / 4)] as number];
};

interface Rates {
  /** Pages per CPU-second of each contender, one figure per round. */
  perRound: number[][];
  /** Each round's ratio of the first contender's rate to the second's. */
  ratios: number[];
}

/**
 * Pages per CPU-second of two contenders over the same pages, in the same process. Each round gives each a
 * turn of about TURN_MS (the faster one makes more passes), in ABBA order so a drift in the machine's load
 * falls on both alike.
 */
function pairedRounds(contenders: readonly [() => void, () => void], pagesPerPass: number): Rates {
  const passes = contenders.map((run) => {
    let n = 0;
    const t = cpuMs();
    while (cpuMs() - t < WARMUP_MS) {
      run();
      n++;
    }
    return Math.max(1, Math.round((n * TURN_MS) / (cpuMs() - t)));
  });
  const perRound: number[][] = [[], []];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    const rate = [0, 0];
    for (const i of order) {
      const n = passes[i] as number;
      rate[i] = (n * pagesPerPass * 1000) / timed(contenders[i] as () => void, n);
      (perRound[i] as number[]).push(rate[i] as number);
    }
    ratios.push((rate[0] as number) / (rate[1] as number));
  }
  return { perRound, ratios };
}

/**
 * Prints kznews' and Readability's pages per CPU-second over the same pages (one pass of each function reads
 * them all) and their ratio, with the load average around the measurement.
 */
export function printThroughput(heading: string, ours: () => void, theirs: () => void, pagesPerPass: number): void {
  const loadBefore = loadavg()[0] as number;
  const { perRound, ratios } = pairedRounds([ours, theirs], pagesPerPass);
  const figure = (xs: readonly number[], digits: number): string => {
    const [lo, hi] = quartiles(xs);
    return `${median(xs).toFixed(digits).padStart(6)}   (quartiles ${lo.toFixed(digits)}–${hi.toFixed(digits)})`;
  };
  console.log(`${heading}; pages per CPU-second of one process, median of ${ROUNDS} paired rounds`);
  console.log(`  kznews extractArticle          ${figure(perRound[0] ?? [], 0)} pages/s`);
  console.log(`  Readability + linkedom         ${figure(perRound[1] ?? [], 0)} pages/s`);
  console.log(`  ratio                          ${figure(ratios, 2)} (goal ≥ 5x)`);
  console.log(`  load average                   ${loadBefore.toFixed(2)} before, ${(loadavg()[0] as number).toFixed(2)} after`);
}

export async function main(): Promise<void> {
  const pages = QUALITY_CASES.map((c) => ({ c, html: fixtureHtml(c.file) }));
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);
  printThroughput(
    `extract: ${pages.length} fixture pages, ${(bytes / 1024).toFixed(0)} KiB`,
    () => {
      for (const { c, html } of pages) extractArticle(pageOf(c, html), contextOf(c));
    },
    () => {
      for (const { c, html } of pages) readabilityText(c, html);
    },
    pages.length,
  );
  console.log('');
  console.log(qualityTable(evaluate((c) => kznewsText(c)), evaluate((c) => readabilityText(c))));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
