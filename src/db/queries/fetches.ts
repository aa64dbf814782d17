/** The fetch log: fetches that stored nothing, validators for conditional GET, and which URLs are known. */
import { and, desc, eq, isNotNull, ne, or } from 'drizzle-orm';
import { DB } from '../../settings.js';
import { fetches } from '../schema.js';
import type { FetchLogInput, FetchOutcome, KzDb, StoredValidators } from '../types.js';
import { chunks, nowIso, placeholders, prepared } from './statements.js';

/** Logs one fetch (failed, discarded, 304, blocked by robots…); returns the row id. */
export function logFetch(kz: KzDb, row: FetchLogInput): number {
  const inserted = kz.db
    .insert(fetches)
    .values({
      url: row.url,
      finalUrl: row.finalUrl ?? null,
      sourceId: row.sourceId ?? null,
      status: row.status ?? null,
      bytes: row.bytes ?? null,
      durationMs: row.durationMs ?? null,
      renderer: row.renderer ?? null,
      outcome: row.outcome,
      errorKind: row.errorKind ?? null,
      error: row.error ?? null,
      etag: row.etag ?? null,
      lastModified: row.lastModified ?? null,
      articleId: row.articleId ?? null,
      crawlRunId: row.crawlRunId ?? null,
      fetchedAt: row.fetchedAt ?? nowIso(),
    })
    .returning({ id: fetches.id })
    .get();
  return inserted.id;
}

/** The ETag / Last-Modified of the latest answered fetch of `url` that had any, for a conditional GET. */
export function getValidators(kz: KzDb, url: string): StoredValidators | null {
  const row = kz.db
    .select({ etag: fetches.etag, lastModified: fetches.lastModified })
    .from(fetches)
    .where(
      and(
        eq(fetches.url, url),
        ne(fetches.outcome, 'failed' satisfies FetchOutcome),
        or(isNotNull(fetches.etag), isNotNull(fetches.lastModified)),
      ),
    )
    .orderBy(desc(fetches.fetchedAt), desc(fetches.id))
    .limit(1)
    .get();
  return row ?? null;
}

/** A fetch with one of these outcomes means the URL needs no new visit from discovery. */
const SETTLED: readonly FetchOutcome[] = ['stored', 'unchanged', 'not-modified', 'discarded'];

function knownSql(n: number): string {
  const list = placeholders(n);
  const settled = SETTLED.map((o) => `'${o}'`).join(', ');
  return `SELECT url FROM articles WHERE url IN (${list})
    UNION SELECT url FROM fetches WHERE url IN (${list}) AND outcome IN (${settled})
    UNION SELECT final_url FROM fetches WHERE final_url IN (${list}) AND outcome IN (${settled})`;
}

/**
 * Which of `urls` are already stored as articles, or were fetched and stored or discarded as not an
 * article (as requested or as redirect target). Looked up in chunks, not one query per URL.
 */
export function knownUrls(kz: KzDb, urls: readonly string[]): Set<string> {
  const known = new Set<string>();
  for (const chunk of chunks([...new Set(urls)], DB.inListChunk)) {
    // Padded to a power of two (with a repeat) so a handful of statements serve every list length.
    const size = 2 ** Math.ceil(Math.log2(chunk.length));
    const list = [...chunk, ...Array.from({ length: size - chunk.length }, () => chunk[0] as string)];
    const rows = prepared(kz, knownSql(size)).pluck().all(...list, ...list, ...list) as string[];
    for (const url of rows) known.add(url);
  }
  return known;
}
