/**
 * The reads and writes the rest of kznews uses: the only code that knows SQL (see DESIGN.md).
 * Each area lives in src/db/queries/; this module is the one import path.
 */
export { storeArticle, storeArticles, refreshArticleBody } from './queries/store.js';
export { storeArticleAsync, storeArticleBatches } from './queries/store-async.js';
export { upsertSources, ensureSource } from './queries/sources.js';
export { logFetch, getValidators, knownUrls } from './queries/fetches.js';
export { startRun, finishRun, lastRuns, lastSuccessfulRuns } from './queries/runs.js';
export { searchArticles, timeBound } from './queries/search.js';
export { getArticle } from './queries/views.js';
export { stats } from './queries/stats.js';
export { rawPages } from './queries/raw.js';
export type * from './types.js';
