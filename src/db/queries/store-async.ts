/**
 * Storing with the raw pages compressed on a worker thread instead of the main thread. Converting and
 * compressing a ~35 KB page costs about as much as all the SQL of its article; on the worker it runs
 * beside the writes (better-sqlite3 is synchronous, so the main thread is busy writing meanwhile).
 * The transactions themselves are storeArticle's and storeArticles' (src/db/queries/store.ts).
 */
import type { DedupStep, KzDb, StoreBatchItem, StoreInput, StoreResult } from '../types.js';
import { compressHtmlOffThread } from './raw-compressor.js';
import type { RawBlob } from './raw-html.js';
import { replaysRawPage, writeArticle, writeArticles } from './store.js';
import { OffThreadCheckpoints } from './wal-checkpointer.js';

/** The raw pages of `inputs`, compressed off the main thread (null for a replayed page, which stands). */
async function compressPages(inputs: readonly StoreInput[]): Promise<(RawBlob | null)[]> {
  const blobs = await compressHtmlOffThread(inputs.filter((i) => !replaysRawPage(i)).map((i) => i.page.html));
  let next = 0;
  return inputs.map((input) => (replaysRawPage(input) ? null : (blobs[next++] ?? null)));
}

/** storeArticle, compressing the raw page off the main thread first (the crawl and the daemon). */
export async function storeArticleAsync(kz: KzDb, input: StoreInput, dedup?: DedupStep): Promise<StoreResult> {
  const [raw] = await compressPages([input]);
  return writeArticle(kz, input, raw ?? null, dedup);
}

function iterate<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
}

/**
 * Stores each batch as storeArticles does (one transaction per batch), yielding its items in order.
 * While batch N is written, batch N+1's pages are compressed on the worker and batch N-1's WAL pages
 * checkpointed on another (see OffThreadCheckpoints). The next batch is only asked for once the
 * previous compressions are done, so the caller's own work (fetching, extracting, generating) never
 * competes with them for a core.
 */
export async function* storeArticleBatches(
  kz: KzDb,
  batches: Iterable<readonly StoreInput[]> | AsyncIterable<readonly StoreInput[]>,
  dedup?: DedupStep,
): AsyncGenerator<StoreBatchItem[]> {
  const source = iterate(batches);
  let next = await source.next();
  if (next.done) return;
  const checkpoints = OffThreadCheckpoints.start(kz);
  try {
    let raws = await compressPages(next.value);
    while (!next.done) {
      const batch = next.value;
      const ready = raws;
      next = await source.next();
      const compressing = next.done ? null : compressPages(next.value);
      // Awaited below; a failure while the batch is written must not count as an unhandled rejection.
      compressing?.catch(() => undefined);
      await checkpoints?.beforeWrite();
      const items = writeArticles(kz, batch, ready, dedup);
      checkpoints?.afterCommit();
      yield items;
      if (compressing) raws = await compressing;
    }
  } finally {
    await checkpoints?.close();
  }
}
