import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../../../src/db/client.js';
import { storeArticles } from '../../../src/db/queries.js';
import type { KzDb } from '../../../src/db/types.js';
import { vectorFromBytes } from '../../../src/pipeline/dedup.js';
import { cleanDraft, contentHash, paragraphHash } from '../../../src/pipeline/normalize.js';
import { DEDUP } from '../../../src/settings.js';
import { article, dedup, dedupDb, prose, store, type DedupDb } from './helpers.js';

const open: DedupDb[] = [];
const others: KzDb[] = [];
afterEach(() => {
  for (const kz of others.splice(0)) kz.close();
  for (const d of open.splice(0)) d.cleanup();
});

const SITES = ['a', 'b', 'c'];

function setup(): { kz: KzDb; second: KzDb } {
  const d = dedupDb(SITES);
  open.push(d);
  const second = openDatabase(d.kz.path);
  others.push(second);
  return { kz: d.kz, second };
}

const draft = (i: number, seed = i) => article(SITES[i % SITES.length] as string, `n${i}`, prose(1000 + seed, 3, 30));

/** Stores articles i = from … to - 1 as a backfill does, many in one transaction. */
function storeMany(kz: KzDb, from: number, to: number): void {
  const inputs = Array.from({ length: to - from }, (_, k) => {
    const d = cleanDraft(draft(from + k));
    const html = `<html><body><h1>${d.title}</h1></body></html>`;
    const page = { url: d.url, html, status: 200, bytes: html.length, durationMs: 1, renderer: 'http' as const, fetchedAt: '2025-09-02T00:00:00.000Z', etag: null, lastModified: null };
    return { draft: d, paragraphHashes: d.paragraphs.map(paragraphHash), contentHash: contentHash(d.paragraphs), page };
  });
  for (const item of storeArticles(kz, inputs, dedup)) expect(item.ok).toBe(true);
}

/** The stored frequencies: term_stats plus the articles above the watermark, which it does not count yet. */
function storedFrequencies(kz: KzDb): { stored: Map<number, number>; recount: Map<number, number> } {
  const watermark = (kz.sqlite.prepare("SELECT value FROM dedup_counters WHERE name = 'df_through'").pluck().get() as number | undefined) ?? 0;
  const stored = new Map<number, number>();
  for (const r of kz.sqlite.prepare('SELECT term, doc_count AS n FROM term_stats').all() as { term: number; n: number }[]) {
    if (r.n !== 0) stored.set(r.term, r.n);
  }
  const recount = new Map<number, number>();
  for (const r of kz.sqlite.prepare('SELECT article_id AS id, vector FROM dedup_articles').all() as { id: number; vector: Buffer }[]) {
    for (const t of vectorFromBytes(r.vector).terms) {
      recount.set(t, (recount.get(t) ?? 0) + 1);
      if (r.id > watermark) stored.set(t, (stored.get(t) ?? 0) + 1);
    }
  }
  return { stored, recount };
}

const vectorOf = (kz: KzDb, url: string): Buffer =>
  kz.sqlite.prepare('SELECT d.vector FROM dedup_articles d JOIN articles a ON a.id = d.article_id WHERE a.url = ?').pluck().get(url) as Buffer;

describe('document frequencies', () => {
  it('count every stored article once, through batches, revisions, a second connection and a rollback', () => {
    const { kz, second } = setup();
    const total = DEDUP.docFreqPendingArticles + 60;
    // Most in batches, some one by one from a second connection in between.
    for (let i = 0; i < total; i += 100) {
      storeMany(kz, i, Math.min(total, i + 99));
      if (i + 99 < total) store(second, draft(i + 99));
    }
    // Revisions of articles on both sides of the watermark: their old stems leave, the new ones come.
    store(kz, draft(5, 5005));
    store(second, draft(total - 2, 5006));
    // A transaction that stores an article and fails: its counts go with it, in memory too.
    expect(() =>
      kz.sqlite.transaction(() => {
        store(kz, draft(total + 1));
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    store(kz, draft(total + 2));

    const { stored, recount } = storedFrequencies(kz);
    expect(kz.sqlite.prepare("SELECT value FROM dedup_counters WHERE name = 'df_through'").pluck().get()).toBeGreaterThan(0);
    expect(stored).toEqual(recount);

    // The same article weighs the same whether the frequencies come from a connection's memory or from
    // the tables alone (a fresh connection).
    const next = draft(total + 3);
    const fresh = openDatabase(kz.path);
    others.push(fresh);
    let remembered: Buffer | undefined;
    expect(() =>
      kz.sqlite.transaction(() => {
        store(kz, next);
        remembered = vectorOf(kz, next.url);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    store(fresh, next);
    expect(vectorOf(fresh, next.url)).toEqual(remembered);
  });

  it('take a database counted before pending articles as it is (drizzle/0012)', () => {
    const { kz } = setup();
    for (let i = 0; i < 20; i++) store(kz, draft(i));
    // What an older kznews left: every stored vector's stems in term_stats, no watermark.
    const { recount } = storedFrequencies(kz);
    kz.sqlite.transaction(() => {
      kz.sqlite.prepare('DELETE FROM term_stats').run();
      const add = kz.sqlite.prepare('INSERT INTO term_stats (term, doc_count) VALUES (?, ?)');
      for (const [term, n] of recount) add.run(term, n);
      kz.sqlite.prepare("DELETE FROM dedup_counters WHERE name IN ('df_through', 'df_token')").run();
    })();
    kz.sqlite.exec(readFileSync(join(MIGRATIONS_FOLDER, '0012_dedup_df_watermark.sql'), 'utf8'));

    expect(kz.sqlite.prepare("SELECT value FROM dedup_counters WHERE name = 'df_through'").pluck().get()).toBe(
      kz.sqlite.prepare('SELECT max(article_id) FROM dedup_articles').pluck().get(),
    );
    for (let i = 20; i < 25; i++) store(kz, draft(i));
    const after = storedFrequencies(kz);
    expect(after.stored).toEqual(after.recount);
  });
});
