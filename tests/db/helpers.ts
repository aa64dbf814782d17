/** Test helpers for the storage layer: a fresh database file per test, and article inputs. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/client.js';
import { upsertSources } from '../../src/db/queries.js';
import type { KzDb, StoreInput } from '../../src/db/types.js';
import type { ArticleDraft, Source } from '../../src/scrapers/types.js';

export interface TempDb {
  kz: KzDb;
  dir: string;
  file: string;
  cleanup(): void;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kznews-db-'));
}

export function tempDb(): TempDb {
  const dir = tempDir();
  const file = join(dir, 'nested', 'kznews.db');
  const kz = openDatabase(file);
  return {
    kz,
    dir,
    file,
    cleanup() {
      kz.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

export function source(id: string): Source {
  return {
    id,
    name: `Source ${id}`,
    baseUrl: `https://${id}`,
    hosts: [id],
    languages: ['ru'],
    renderer: 'http',
    cron: '*/15 * * * *',
    timezone: 'Asia/Almaty',
    enabled: true,
    discovery: { feeds: [], sitemaps: [], listings: [] },
    selectors: {},
    extract: () => ({ ok: false, reason: 'not used in storage tests' }),
  };
}

export function withSources(kz: KzDb, ...ids: string[]): void {
  upsertSources(kz, ids.map(source));
}

export function draft(over: Partial<ArticleDraft> & Pick<ArticleDraft, 'url' | 'sourceId'>): ArticleDraft {
  return {
    title: 'Заголовок',
    lead: null,
    paragraphs: ['Первый абзац.', 'Второй абзац.'],
    publishedAt: '2024-07-04T10:00:00.000Z',
    updatedAt: null,
    author: null,
    language: 'ru',
    tags: [],
    images: [],
    ...over,
  };
}

/** A StoreInput for a draft, hashing its paragraphs and body the way a caller would. */
export function input(d: ArticleDraft, over: { fetchedAt?: string; html?: string; etag?: string | null; crawlRunId?: number } = {}): StoreInput {
  const html = over.html ?? `<html><body><h1>${d.title}</h1>${d.paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
  return {
    draft: d,
    paragraphHashes: d.paragraphs.map(sha),
    contentHash: sha(d.paragraphs.join('\n')),
    page: {
      url: d.url,
      html,
      status: 200,
      bytes: Buffer.byteLength(html),
      durationMs: 12,
      renderer: 'http',
      fetchedAt: over.fetchedAt ?? '2024-07-04T10:05:00.000Z',
      etag: over.etag ?? null,
      lastModified: null,
    },
    crawlRunId: over.crawlRunId ?? null,
  };
}

/** Row count of a table (test-only raw SQL: the tests check what the database really holds). */
export const count = (kz: KzDb, table: string, where = '1'): number =>
  kz.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
