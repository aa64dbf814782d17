/**
 * Extraction of a page already in hand — just fetched, kept in raw_pages, or read from a file — with its
 * source's adapter, and the fields storeArticle needs from the cleaned draft. One place, so `crawl`,
 * `extract` and `reextract` read a page the same way.
 */
import type { ArticleDraft, ExtractResult, Page, RenderedBy, Source } from '../scrapers/types.js';
import { paragraphHashes } from './normalize.js';

export function extractWith(source: Source, page: Page, now: Date): ExtractResult {
  const language = source.languages[0];
  return source.extract(page, {
    sourceId: source.id,
    timezone: source.timezone,
    now,
    ...(language ? { language } : {}),
  });
}

/** A Page for HTML that did not come from a fetch just now (a saved file, a stored raw page). */
export function pageFromHtml(p: { url: string; html: string; fetchedAt: string; renderer: RenderedBy; charset?: string; bytes?: number }): Page {
  return {
    requestedUrl: p.url,
    url: p.url,
    status: 200,
    headers: {},
    html: p.html,
    charset: p.charset ?? 'utf-8',
    fetchedAt: p.fetchedAt,
    renderer: p.renderer,
    bytes: p.bytes ?? Buffer.byteLength(p.html),
    durationMs: 0,
    notModified: false,
  };
}

/** The cleaned draft with the hashes storeArticle expects beside it (from the keys cleanDraft computed). */
export function storeFields(draft: ArticleDraft): { draft: ArticleDraft; paragraphHashes: string[]; contentHash: string } {
  return { draft, ...paragraphHashes(draft.paragraphs) };
}
