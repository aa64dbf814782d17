/** Test helpers for dedup in the database: a fresh database with sources, and articles stored the way ingest does. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/db/client.js';
import { createDedupStep } from '../../../src/db/dedup-store.js';
import { storeArticle, upsertSources } from '../../../src/db/queries.js';
import type { KzDb, StoreResult } from '../../../src/db/types.js';
import { cleanDraft, contentHash, paragraphHash } from '../../../src/pipeline/normalize.js';
import type { ArticleDraft, Source } from '../../../src/scrapers/types.js';

export const FIXED_NOW = new Date('2025-09-02T00:00:00.000Z');
export const dedup = createDedupStep({ now: () => FIXED_NOW });

export interface DedupDb {
  kz: KzDb;
  cleanup(): void;
}

function source(id: string): Source {
  return {
    id,
    name: id,
    baseUrl: `https://${id}.kz`,
    hosts: [`${id}.kz`],
    languages: ['ru'],
    renderer: 'http',
    cron: '*/15 * * * *',
    timezone: 'Asia/Almaty',
    enabled: true,
    discovery: { feeds: [], sitemaps: [], listings: [] },
    selectors: {},
    extract: () => ({ ok: false, reason: 'not used in dedup tests' }),
  };
}

export function dedupDb(sources: readonly string[]): DedupDb {
  const dir = mkdtempSync(join(tmpdir(), 'kznews-dedup-'));
  const kz = openDatabase(join(dir, 'kznews.db'));
  upsertSources(kz, sources.map(source));
  return {
    kz,
    cleanup() {
      kz.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stores a draft as ingest does: cleaned, hashed with the pipeline's functions, with the dedup step. */
export function store(kz: KzDb, raw: ArticleDraft, fetchedAt = '2025-09-02T00:00:00.000Z'): StoreResult {
  const draft = cleanDraft(raw);
  const html = `<html><body><h1>${draft.title}</h1></body></html>`;
  return storeArticle(
    kz,
    {
      draft,
      paragraphHashes: draft.paragraphs.map(paragraphHash),
      contentHash: contentHash(draft.paragraphs),
      page: { url: draft.url, html, status: 200, bytes: html.length, durationMs: 1, renderer: 'http', fetchedAt, etag: null, lastModified: null },
    },
    dedup,
  );
}

export interface Row {
  id: number;
  url: string;
  body: string;
  duplicateOf: number | null;
  storyId: number | null;
}

export const row = (kz: KzDb, url: string): Row =>
  kz.sqlite
    .prepare('SELECT id, url, body, duplicate_of AS duplicateOf, story_id AS storyId FROM articles WHERE url = ?')
    .get(url) as Row;

export const bodyOf = (kz: KzDb, url: string): string[] => row(kz, url).body.split('\n');

const WORDS = (
  'город область район жители власти проект строительство дорога школа больница министерство решение программа ' +
  'бюджет средства развитие экономика компания предприятие работа сотрудники производство продукция экспорт ' +
  'зерно урожай фермеры погода температура снег дождь ветер праздник концерт выставка музей театр спорт матч ' +
  'команда победа турнир чемпионат сборная тренер игрок суд дело приговор полиция задержание проверка нарушение ' +
  'закон поправки депутаты сенат парламент заседание вопрос ответ граждане пенсия зарплата налог цены тариф ' +
  'электричество газ вода отопление транспорт автобус поезд самолет аэропорт вокзал мост улица парк площадь'
).split(' ');

/** A deterministic pseudo-random sequence (mulberry32), so generated texts are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paragraphs of made-up prose: different seeds give texts that share (almost) no five-word run. */
export function prose(seed: number, paragraphs = 4, words = 40): string[] {
  const next = random(seed);
  return Array.from({ length: paragraphs }, () => {
    const w = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)] as string);
    return `${w.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  });
}

/** A draft with made-up text. */
export function article(sourceId: string, slug: string, paragraphs: string[], over: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    url: `https://${sourceId}.kz/news/${slug}`,
    sourceId,
    title: `Новость ${slug}`,
    lead: null,
    paragraphs,
    publishedAt: '2025-09-01T08:00:00.000Z',
    updatedAt: null,
    author: null,
    language: 'ru',
    tags: [],
    images: [],
    ...over,
  };
}

export const rolesOf = (kz: KzDb, url: string): string[] =>
  kz.sqlite
    .prepare('SELECT ap.role FROM article_paragraphs ap JOIN articles a ON a.id = ap.article_id WHERE a.url = ? ORDER BY ap.position')
    .pluck()
    .all(url) as string[];
