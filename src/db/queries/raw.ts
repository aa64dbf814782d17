/** Stored raw pages, read back for `kznews reextract`. */
import { DB } from '../../settings.js';
import type { RenderedBy } from '../../scrapers/types.js';
import type { KzDb, RawPage } from '../types.js';
import { decompressHtml } from './raw-html.js';
import { prepared } from './statements.js';

interface RawRow {
  articleId: number;
  url: string;
  sourceId: string;
  encoding: string;
  html: Buffer;
  renderer: RenderedBy;
  fetchedAt: string;
}

const COLUMNS = `r.article_id AS articleId, r.url, a.source_id AS sourceId, r.encoding, r.html, r.renderer,
  r.fetched_at AS fetchedAt FROM raw_pages r JOIN articles a ON a.id = r.article_id`;

/**
 * Every stored raw page (of one source, if given), decompressed, in article id order. Read in batches
 * so the caller may write to the database (re-store articles) between items.
 */
export function* rawPages(kz: KzDb, filter: { source?: string } = {}): Generator<RawPage> {
  const stmt = filter.source
    ? prepared(kz, `SELECT ${COLUMNS} WHERE r.article_id > ? AND a.source_id = ? ORDER BY r.article_id LIMIT ?`)
    : prepared(kz, `SELECT ${COLUMNS} WHERE r.article_id > ? ORDER BY r.article_id LIMIT ?`);
  let after = 0;
  for (;;) {
    const params = filter.source ? [after, filter.source, DB.rawPageBatch] : [after, DB.rawPageBatch];
    const batch = stmt.all(...params) as RawRow[];
    for (const { encoding, html, ...row } of batch) yield { ...row, html: decompressHtml(html, encoding) };
    const last = batch.at(-1);
    if (!last || batch.length < DB.rawPageBatch) return;
    after = last.articleId;
  }
}
