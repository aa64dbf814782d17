/**
 * Extraction quality on real pages kept outside the repository (third-party pages are not ours to commit):
 * kznews' extractArticle against @mozilla/readability on linkedom, page by page.
 *
 * The directory named by KZNEWS_BENCH_REAL_PAGES holds the pages and a manifest.json, an array of
 *   { "file": "x.html", "url": "https://…", "lang": "ru" | "en" | …, "source": "where the page and its truth come from",
 *     "with": ["text that must be in the body", …], "without": ["text that must not", …], "truth": "x.txt" (optional) }
 * Snippets are compared on letters and digits only (case, spacing and punctuation aside), so both
 * extractors' ways of joining text meet the same test. Figures:
 *   recall    = share of `with` snippets found, precision = share of `without` snippets avoided;
 *   word P/R  = bag-of-words overlap with the full hand-checked body, on pages that have a `truth` file.
 * A second table needs no pages from outside: every article page of the site fixtures (tests/fixtures/sites)
 * read by the generic path alone, scored against what its site adapter extracts (which the site tests
 * check), for kznews and for Readability: the generic extractor on layouts it was not tuned on.
 * --no-hints reads every real page with its class and id attributes and JSON-LD removed (both extractors):
 * sites with hashed CSS-module class names or no markup conventions leave only the structure to go on.
 * Last, both extractors' throughput over the real pages, measured as bench/extract.ts measures the fixtures.
 * Run: KZNEWS_BENCH_REAL_PAGES=/path/to/pages npx tsx bench/extract-real.ts [--pages] [--only name] [--no-hints]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/scrapers/extract/index.js';
import { builtinSources } from '../src/scrapers/sites/index.js';
import type { ExtractResult, Page } from '../src/scrapers/types.js';
import { wordOverlap } from '../tests/fixtures/extract/quality.js';
import { printThroughput } from './extract.js';

interface RealPage {
  file: string;
  url: string;
  lang: string;
  source: string;
  with: string[];
  without: string[];
  truth?: string;
}

interface Tally {
  withFound: number;
  withTotal: number;
  withoutAvoided: number;
  withoutTotal: number;
  extracted: number;
  expected: number;
  matched: number;
  failures: string[];
}

const NOW = new Date('2026-01-01T00:00:00.000Z');

const key = (text: string): string => (text.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? []).join('');

function pageOf(p: RealPage, html: string): Page {
  return {
    requestedUrl: p.url,
    url: p.url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    html,
    charset: 'utf-8',
    fetchedAt: NOW.toISOString(),
    renderer: 'http',
    bytes: Buffer.byteLength(html),
    durationMs: 0,
    notModified: false,
  };
}

/**
 * The article text a reader gets from kznews: the paragraphs, and the lead when the page shows it (a lead
 * taken from a meta description the page never prints is metadata, not page text).
 */
export function kznewsRealText(p: RealPage, html: string): string {
  return shownText(extractArticle(pageOf(p, html), { sourceId: 'real', timezone: 'UTC', now: NOW }), html);
}

function shownText(r: ExtractResult, html: string): string {
  if (!r.ok) return '';
  const shown = r.draft.lead !== null && key(html.replace(/<head[\s\S]*?<\/head>/i, '').replace(/<[^>]+>/g, ' ')).includes(key(r.draft.lead));
  return [shown ? (r.draft.lead as string) : '', ...r.draft.paragraphs].join('\n');
}

interface FixtureIndex {
  entries: Array<{ url: string; status: number; file?: string }>;
}

/** Word P/R of the generic path and of Readability against each site adapter's own extraction of its fixture pages. */
function siteFixtureTable(showPages: boolean): void {
  const root = join(import.meta.dirname, '..', 'tests', 'fixtures', 'sites');
  const sources = builtinSources();
  const ours = emptyTally();
  const theirs = emptyTally();
  let pages = 0;
  for (const host of readdirSync(root)) {
    const indexFile = join(root, host, 'index.json');
    if (!existsSync(indexFile)) continue;
    for (const e of (JSON.parse(readFileSync(indexFile, 'utf8')) as FixtureIndex).entries) {
      if (e.status !== 200 || !e.file?.endsWith('.html')) continue;
      const hostname = new URL(e.url).hostname;
      const source = sources.find((s) => s.hosts.some((h) => hostname === h || hostname.endsWith(`.${h}`)));
      if (!source) continue;
      const html = readFileSync(join(root, host, e.file), 'utf8');
      const fixture: RealPage = { file: e.file, url: e.url, lang: '', source: host, with: [], without: [] };
      const page = pageOf(fixture, html);
      const ctx = { sourceId: source.id, timezone: source.timezone, now: NOW };
      const truth = source.extract(page, ctx);
      if (!truth.ok) continue;
      pages++;
      const want = shownText(truth, html);
      const a = judge(fixture, shownText(extractArticle(page, ctx), html), want, ours);
      const b = judge(fixture, readabilityRealText(html), want, theirs);
      if (showPages) console.log(`${line(`${e.file.slice(-26)} kznews`, a)}   Readability ${pct(b.matched, b.extracted)} ${pct(b.matched, b.expected)}`);
    }
  }
  console.log(`site fixtures: ${pages} article pages, generic path and Readability against each site adapter's extraction`);
  console.log(line('sites: kznews generic path', ours));
  console.log(line('sites: Readability + linkedom', theirs));
}

export function readabilityRealText(html: string): string {
  const { document } = parseHTML(html);
  return new Readability(document as unknown as Document).parse()?.textContent ?? '';
}

const emptyTally = (): Tally => ({ withFound: 0, withTotal: 0, withoutAvoided: 0, withoutTotal: 0, extracted: 0, expected: 0, matched: 0, failures: [] });

function judge(p: RealPage, text: string, truth: string | null, into: Tally): Tally {
  const got = key(text);
  const mine = emptyTally();
  for (const s of p.with) {
    const found = got.includes(key(s));
    mine.withTotal++;
    if (found) mine.withFound++;
    else mine.failures.push(`missing: ${s}`);
  }
  for (const s of p.without) {
    const kept = got.includes(key(s));
    mine.withoutTotal++;
    if (!kept) mine.withoutAvoided++;
    else mine.failures.push(`kept: ${s}`);
  }
  if (truth !== null) Object.assign(mine, wordOverlap(text, truth));
  for (const k of ['withFound', 'withTotal', 'withoutAvoided', 'withoutTotal', 'extracted', 'expected', 'matched'] as const) into[k] += mine[k];
  return mine;
}

const pct = (a: number, b: number): string => (b === 0 ? '     -' : `${((a / b) * 100).toFixed(1)}%`.padStart(6));

function line(label: string, t: Tally): string {
  return `${label.padEnd(34)} ${pct(t.withFound, t.withTotal)} ${pct(t.withoutAvoided, t.withoutTotal)}  ${pct(t.matched, t.extracted)} ${pct(t.matched, t.expected)}`;
}

/** The page with the hints a generic extractor may lean on (class and id names, JSON-LD) taken out. */
export function withoutHints(html: string): string {
  return html.replace(/<script[^>]*application\/ld\+json[^>]*>[\s\S]*?<\/script>/gi, '').replace(/\s(?:class|id)=(?:"[^"]*"|'[^']*')/gi, '');
}

export async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showPages = args.includes('--pages');
  const noHints = args.includes('--no-hints');
  siteFixtureTable(showPages);
  console.log('');
  const dir = process.env.KZNEWS_BENCH_REAL_PAGES;
  if (!dir) {
    console.log('extract-real: real pages skipped (set KZNEWS_BENCH_REAL_PAGES to a directory of real pages with a manifest.json)');
    return;
  }
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const manifest = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as RealPage[]).filter((p) => !only || p.file.includes(only));
  const ours = emptyTally();
  const theirs = emptyTally();
  const byLang = new Map<string, { ours: Tally; theirs: Tally }>();
  console.log(`extract-real: ${manifest.length} pages from ${dir}${noHints ? ', class/id attributes and JSON-LD removed' : ''}`);
  console.log(`${''.padEnd(34)} ${'snippet R'.padStart(6)} ${'P'.padStart(6)}  ${'word P'.padStart(6)} ${'R'.padStart(6)}`);
  const pages: Array<{ p: RealPage; html: string }> = [];
  for (const p of manifest) {
    const read = readFileSync(join(dir, p.file), 'utf8');
    const html = noHints ? withoutHints(read) : read;
    pages.push({ p, html });
    const truth = p.truth ? readFileSync(join(dir, p.truth), 'utf8') : null;
    const lang = byLang.get(p.lang) ?? { ours: emptyTally(), theirs: emptyTally() };
    byLang.set(p.lang, lang);
    const a = judge(p, kznewsRealText(p, html), truth, ours);
    const b = judge(p, readabilityRealText(html), truth, theirs);
    judge(p, kznewsRealText(p, html), truth, lang.ours);
    judge(p, readabilityRealText(html), truth, lang.theirs);
    if (showPages || a.failures.length > 0) {
      console.log(line(`${p.file.slice(0, 26)} kznews`, a));
      for (const f of a.failures) console.log(`    ${f}`);
      if (showPages || b.failures.length > 0) {
        console.log(line(`${p.file.slice(0, 26)} Readab.`, b));
        for (const f of b.failures) console.log(`    ${f}`);
      }
    }
  }
  console.log('');
  for (const [lang, t] of byLang) {
    console.log(line(`${lang}: kznews`, t.ours));
    console.log(line(`${lang}: Readability + linkedom`, t.theirs));
  }
  console.log(line('ALL: kznews', ours));
  console.log(line('ALL: Readability + linkedom', theirs));
  console.log('');
  const bytes = pages.reduce((n, { html }) => n + Buffer.byteLength(html), 0);
  const ctx = { sourceId: 'real', timezone: 'UTC', now: NOW };
  printThroughput(
    `extract-real: ${pages.length} real pages, ${(bytes / 1024).toFixed(0)} KiB`,
    () => {
      for (const { p, html } of pages) extractArticle(pageOf(p, html), ctx);
    },
    () => {
      for (const { html } of pages) readabilityRealText(html);
    },
    pages.length,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
