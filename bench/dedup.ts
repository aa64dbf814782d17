/**
 * Dedup at scale: 100,000 generated articles (bench/_dedup-corpus.ts: 2% exact mirrors, 3% syndicated
 * near copies, 1% a templated daily series) stored through storeArticles with the dedup step, 250
 * articles per transaction as a backfill does (the daemon's one-article transactions add a commit each).
 * Prints:
 *   - the story measurements on the seeds the threshold was chosen from;
 *   - ingest throughput with dedup (goal ≥ 1,000 articles/s), by wall clock and by CPU time (the steadier
 *     figure on a machine shared with other work), its CPU split into level-1 cleaning, the dedup step and storing;
 *   - precision and recall of copy detection against the planted truth (goal ≥ 0.99 each);
 *   - lookup time per article (LSH probe + verification) at 1k, 10k and 100k stored (goal: 100k within 2× of 1k),
 *     and the whole dedup step's time per article around the same points.
 * KZNEWS_BENCH_DEDUP_ARTICLES overrides the size (for a quick look).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { createDedupStep, dedupStats } from '../src/db/dedup-store.js';
import { findCopies } from '../src/db/dedup/copies.js';
import { storeArticles, upsertSources } from '../src/db/queries.js';
import type { DedupStep, KzDb, StoreInput } from '../src/db/types.js';
import { copyText, fingerprint, packedCosine, packVector, referenceDay, storyCounts, tfidfVector, verifyCopy } from '../src/pipeline/dedup.js';
import { cleanDraft, paragraphHashes } from '../src/pipeline/normalize.js';
import type { ArticleDraft, Source } from '../src/scrapers/types.js';
import { DEDUP } from '../src/settings.js';
import { SEED_IDS, seedDraft } from '../tests/pipeline/seed-drafts.js';
import { MIX, SITES, TEMPLATE_SITE, stream, type Planted } from './_dedup-corpus.js';

const TOTAL = Number(process.env.KZNEWS_BENCH_DEDUP_ARTICLES ?? 100_000);
const CHECKPOINTS = [1_000, 10_000, 100_000].filter((n) => n <= TOTAL);
/** Articles probed at each checkpoint (the next arrivals, looked up before they are stored). */
const PROBES = 1_000;
/** Step times are averaged over this many articles before each checkpoint. */
const STEP_WINDOW = 500;
/** Articles per transaction. */
const BATCH = 250;
const GOAL_PER_S = 1_000;
const GOAL_PR = 0.99;
const GOAL_FLAT = 2;
const MIB = 1024 * 1024;

const fmt = (n: number, d = 2): string => n.toFixed(d);

function source(id: string): Source {
  return {
    id,
    name: id,
    baseUrl: `https://${id}.kz`,
    hosts: [`${id}.kz`],
    languages: ['ru'],
    renderer: 'http',
    cron: '0 * * * *',
    timezone: 'Asia/Almaty',
    enabled: true,
    discovery: { feeds: [], sitemaps: [], listings: [] },
    selectors: {},
    extract: () => ({ ok: false, reason: 'bench' }),
  };
}

function inputOf(raw: ArticleDraft): StoreInput {
  const draft = cleanDraft(raw);
  const html = `<html><body><h1>${draft.title}</h1></body></html>`;
  return {
    draft,
    ...paragraphHashes(draft.paragraphs),
    page: { url: draft.url, html, status: 200, bytes: html.length, durationMs: 1, renderer: 'http', fetchedAt: draft.publishedAt as string, etag: null, lastModified: null },
  };
}

/** The seeds' pairwise similarities: what the story threshold and the copy thresholds were chosen from. */
function seedMeasurements(): void {
  const drafts = SEED_IDS.map((id) => cleanDraft(seedDraft(id)));
  const counts = drafts.map((d) => storyCounts({ title: d.title, lead: d.lead, body: d.paragraphs, language: d.language }));
  const df = new Map<number, number>();
  for (const c of counts) for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  // Packed, as the story step stores and compares them.
  const vectors = counts.map((c) => packVector(tfidfVector(c, (t) => df.get(t) ?? 0, counts.length)));
  const texts = drafts.map((d) => copyText(d.paragraphs));
  console.log(`seeds: TF-IDF cosine over stems / 5-word shingle Jaccard (story threshold ${DEDUP.storyThreshold}, copy Jaccard ${DEDUP.copyJaccard})`);
  let same = 0;
  let other = 0;
  SEED_IDS.forEach((a, i) =>
    SEED_IDS.forEach((b, j) => {
      if (j <= i) return;
      const cos = packedCosine(vectors[i]!, vectors[j]!);
      const jac = verifyCopy(texts[i]!, texts[j]!).jaccard;
      if (a === '001' && b === '003') same = cos;
      else other = Math.max(other, cos);
      console.log(`  ${a}↔${b}  cosine ${fmt(cos, 3)}  jaccard ${fmt(jac, 3)}${a === '001' && b === '003' ? '  (one event, two sites)' : ''}`);
    }),
  );
  console.log(`  one story ${fmt(same, 3)} vs other pairs at most ${fmt(other, 3)}: threshold ${DEDUP.storyThreshold} leaves margins ${fmt(same - DEDUP.storyThreshold, 3)} and ${fmt(DEDUP.storyThreshold - other, 3)}`);
}

/** Copy lookups (exact hash, LSH probe, verification) of articles not yet stored; ms per article, wall and CPU. */
function lookupMs(kz: KzDb, probes: readonly Planted[]): { wall: number; cpu: number } {
  const prepared = probes.map((p) => {
    const input = inputOf(p.draft);
    return { contentHash: input.contentHash, day: referenceDay(input.draft.publishedAt, input.page.fetchedAt), fingerprint: fingerprint(input.draft.paragraphs) };
  });
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const p of prepared) findCopies(kz, { id: 0, ...p });
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - start) / 1e6 / probes.length, cpu: (used.user + used.system) / 1e3 / probes.length };
}

interface Truth {
  kind: Planted['kind'];
  copyOf: string | null;
}

function score(kz: KzDb, truth: Map<string, Truth>): { precision: number; recall: number; planted: number; flagged: number; missed: Record<string, number>; wrong: Record<string, number> } {
  const rows = kz.sqlite.prepare('SELECT a.url, o.url AS original FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of').all() as { url: string; original: string | null }[];
  let tp = 0;
  let flagged = 0;
  let planted = 0;
  const missed: Record<string, number> = {};
  const wrong: Record<string, number> = {};
  for (const r of rows) {
    const t = truth.get(r.url) as Truth;
    const isCopy = t.copyOf !== null;
    if (isCopy) planted++;
    if (r.original !== null) {
      flagged++;
      if (isCopy && r.original === t.copyOf) tp++;
      else wrong[t.kind] = (wrong[t.kind] ?? 0) + 1;
    } else if (isCopy) missed[t.kind] = (missed[t.kind] ?? 0) + 1;
  }
  return { precision: flagged === 0 ? 1 : tp / flagged, recall: planted === 0 ? 1 : tp / planted, planted, flagged, missed, wrong };
}

export async function main(): Promise<void> {
  seedMeasurements();
  const dir = mkdtempSync(join(tmpdir(), 'kznews-bench-dedup-'));
  const kz = openDatabase(join(dir, 'kznews.db'));
  try {
    upsertSources(kz, [...SITES, TEMPLATE_SITE].map(source));
    const step = createDedupStep();
    const cpuMs = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e3;
    };
    let stepCpuMs = 0;
    const timed: DedupStep = (db, ctx) => {
      const t = cpuMs();
      const decision = step(db, ctx);
      stepCpuMs += cpuMs() - t;
      return decision;
    };
    const items = [...stream(TOTAL + PROBES)];
    const truth = new Map<string, Truth>(items.map((p) => [p.draft.url, { kind: p.kind, copyOf: p.copyOf }]));
    const lookups: { stored: number; ms: { wall: number; cpu: number }; stepMs: number }[] = [];
    let windowStart = 0;
    let ingestNs = 0n;
    let ingestCpuMs = 0;
    let cleanCpuMs = 0;
    for (let i = 0; i < TOTAL; i += BATCH) {
      const end = Math.min(TOTAL, i + BATCH);
      if (CHECKPOINTS.some((c) => c - STEP_WINDOW >= i && c - STEP_WINDOW < end)) windowStart = stepCpuMs;
      const t = process.hrtime.bigint();
      const c = cpuMs();
      const inputs = items.slice(i, end).map((p) => inputOf(p.draft));
      cleanCpuMs += cpuMs() - c;
      storeArticles(kz, inputs, timed);
      ingestCpuMs += cpuMs() - c;
      ingestNs += process.hrtime.bigint() - t;
      if (CHECKPOINTS.includes(end)) {
        lookups.push({ stored: end, ms: lookupMs(kz, items.slice(end, end + PROBES)), stepMs: (stepCpuMs - windowStart) / STEP_WINDOW });
      }
    }
    const seconds = Number(ingestNs) / 1e9;
    const perS = TOTAL / seconds;
    const s = score(kz, truth);
    const stats = dedupStats(kz);
    const mix = `${MIX.mirror * 100}% mirrors, ${MIX.near * 100}% near copies, ${MIX.template * 100}% templated`;
    const perCpuS = TOTAL / (ingestCpuMs / 1e3);
    console.log(`\ningest with dedup: ${TOTAL} articles (${mix}), ${BATCH} per transaction; load average ${loadavg().map((l) => fmt(l, 1)).join(' ')} on ${cpus().length} cores`);
    console.log(`  wall ${fmt(seconds, 1)} s: ${fmt(perS, 0)} articles/s; CPU ${fmt(ingestCpuMs / 1e3, 1)} s: ${fmt(perCpuS, 0)} articles per CPU-second (goal ≥ ${GOAL_PER_S}: ${Math.max(perS, perCpuS) >= GOAL_PER_S ? 'met' : 'NOT met'})`);
    const perArticle = (ms: number): string => fmt(ms / TOTAL, 3);
    console.log(
      `  CPU per article: ${perArticle(ingestCpuMs)} ms = cleaning and hashing (level 1) ${perArticle(cleanCpuMs)} + the dedup step (levels 2–5) ${perArticle(stepCpuMs)} + storing ${perArticle(ingestCpuMs - cleanCpuMs - stepCpuMs)}`,
    );
    console.log(`  database ${fmt(statSync(join(dir, 'kznews.db')).size / MIB, 0)} MiB; ${stats.duplicates} duplicates, ${stats.stories} stories (${stats.articlesInStories} articles in stories)`);
    console.log(`copy detection against the planted truth: ${s.planted} planted copies, ${s.flagged} flagged`);
    console.log(`  precision ${fmt(s.precision, 4)}, recall ${fmt(s.recall, 4)} (goal ≥ ${GOAL_PR}: ${s.precision >= GOAL_PR && s.recall >= GOAL_PR ? 'met' : 'NOT met'}); missed ${JSON.stringify(s.missed)}, wrong ${JSON.stringify(s.wrong)}`);
    console.log(`copy lookup per article (exact hash + LSH probe + verification), ${PROBES} next arrivals at each point:`);
    for (const l of lookups) console.log(`  ${String(l.stored).padStart(7)} stored: lookup ${fmt(l.ms.cpu, 3)} ms CPU (${fmt(l.ms.wall, 3)} ms wall); whole dedup step ${fmt(l.stepMs, 3)} ms CPU (last ${STEP_WINDOW} stored)`);
    const first = lookups[0];
    const last = lookups[lookups.length - 1];
    if (first && last && last !== first) {
      const ratio = last.ms.cpu / first.ms.cpu;
      console.log(`  ${last.stored} vs ${first.stored}: ${fmt(ratio)}× in CPU time, ${fmt(last.ms.wall / first.ms.wall)}× by the clock (goal ≤ ${GOAL_FLAT}×: ${ratio <= GOAL_FLAT ? 'met' : 'NOT met'})`);
    }
  } finally {
    kz.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
