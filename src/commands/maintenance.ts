/** `kznews reextract` and `kznews dedup --rebuild`: recomputing what is stored, without fetching. */
import { UsageError } from '../errors.js';
import { createDedupStep, rebuildDedup } from '../db/dedup-store.js';
import { rawPages, storeArticleBatches } from '../db/queries.js';
import type { StoreInput } from '../db/types.js';
import { extractWith, pageFromHtml, storeFields } from '../pipeline/extraction.js';
import { cleanDraft } from '../pipeline/normalize.js';
import type { CommandContext } from './context.js';

/** Articles re-stored per transaction: one commit and one FTS segment for the batch (see storeArticles). */
const REEXTRACT_BATCH = 250;

export async function reextractCommand(ctx: CommandContext, opts: { source?: string }): Promise<string> {
  if (opts.source) ctx.registry.get(opts.source);
  const kz = ctx.db();
  const counts = { updated: 0, unchanged: 0, discarded: 0, failed: 0 };
  const notes: string[] = [];
  // The batches handed to the store, oldest first, to name the URL of an article that failed.
  const sent: StoreInput[][] = [];

  async function* batches(): AsyncGenerator<StoreInput[]> {
    let batch: StoreInput[] = [];
    for (const raw of rawPages(kz, opts.source ? { source: opts.source } : {})) {
      const source = ctx.registry.find(raw.sourceId) ?? ctx.registry.forUrl(raw.url);
      const result = extractWith(source, pageFromHtml(raw), new Date(raw.fetchedAt));
      const draft = result.ok ? cleanDraft(result.draft) : null;
      if (!draft || draft.paragraphs.length === 0) {
        counts.discarded += 1;
        notes.push(`${raw.url}: ${result.ok ? 'no body left after cleaning' : result.reason}`);
        continue;
      }
      batch.push({
        ...storeFields(draft),
        page: { url: raw.url, html: raw.html, status: 200, bytes: Buffer.byteLength(raw.html), durationMs: 0, renderer: raw.renderer, fetchedAt: raw.fetchedAt, etag: null, lastModified: null },
        logFetch: false,
      });
      if (batch.length === REEXTRACT_BATCH) {
        sent.push(batch);
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) {
      sent.push(batch);
      yield batch;
    }
  }

  for await (const items of storeArticleBatches(kz, batches(), createDedupStep())) {
    const inputs = sent.shift() ?? [];
    for (const [i, item] of items.entries()) {
      if (!item.ok) {
        counts.failed += 1;
        notes.push(`${inputs[i]?.page.url ?? '?'}: not stored: ${item.error.message}`);
      } else counts[item.result.outcome === 'unchanged' ? 'unchanged' : 'updated'] += 1;
    }
  }
  return [
    `re-extracted: updated ${counts.updated}, unchanged ${counts.unchanged}, kept as they were ${counts.discarded} (extraction now finds no article)` +
      (counts.failed > 0 ? `, failed ${counts.failed}` : ''),
    ...notes.map((d) => `  ${d}`),
  ].join('\n');
}

export async function dedupCommand(ctx: CommandContext, opts: { rebuild?: boolean }): Promise<string> {
  if (!opts.rebuild) throw new UsageError('dedup: say what to do (--rebuild)');
  const progress = process.stderr.isTTY
    ? (done: number, total: number) => process.stderr.write(`\r[${done}/${total}] rebuilding…`)
    : undefined;
  const result = rebuildDedup(ctx.db(), progress);
  if (progress) process.stderr.write('\r\x1b[2K');
  return `dedup rebuilt: ${result.articles} articles, ${result.duplicates} duplicates, ${result.stories} stories`;
}
