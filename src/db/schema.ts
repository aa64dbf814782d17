/**
 * The database schema: the source of truth for types and for the migrations in drizzle/
 * (`npm run db:generate`). Times are UTC ISO-8601 text. The FTS5 index (articles_fts) is a virtual
 * table that Drizzle cannot describe: it lives in a custom migration and is written only by queries.ts.
 */
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The source registry mirrored into the database, for joins and per-source stats. */
export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  /** JSON array of language codes. */
  languages: text('languages').notNull().default('[]'),
  renderer: text('renderer').notNull().default('http'),
  cron: text('cron').notNull(),
  timezone: text('timezone').notNull().default('Asia/Almaty'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  updatedAt: text('updated_at').notNull(),
});

/** Clusters of articles that report one event across sites. */
export const stories = sqliteTable('stories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Title of the earliest article in the story. */
  title: text('title').notNull(),
  firstPublishedAt: text('first_published_at'),
  lastPublishedAt: text('last_published_at'),
  articleCount: integer('article_count').notNull().default(0),
  createdAt: text('created_at').notNull(),
});

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: text('source_id').notNull().references(() => sources.id),
    /** Canonical URL: one row per URL. */
    url: text('url').notNull(),
    title: text('title').notNull(),
    lead: text('lead'),
    /** Body paragraphs joined by "\n" (also rebuildable from article_paragraphs). */
    body: text('body').notNull(),
    language: text('language'),
    author: text('author'),
    /** JSON array of strings. */
    tags: text('tags').notNull().default('[]'),
    /** JSON array of image URLs. */
    images: text('images').notNull().default('[]'),
    publishedAt: text('published_at'),
    updatedAt: text('updated_at'),
    firstSeenAt: text('first_seen_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    fetchedAt: text('fetched_at').notNull(),
    /** sha256 of the normalized body: exact-copy detection and change detection. */
    contentHash: text('content_hash').notNull(),
    /** Near-duplicate fingerprint (the MinHash signature's LSH band keys, hex), filled by dedup. */
    fingerprint: text('fingerprint'),
    duplicateOf: integer('duplicate_of'),
    storyId: integer('story_id').references(() => stories.id),
    /** 1 on first store, +1 each time the content changes. */
    revision: integer('revision').notNull().default(1),
  },
  (t) => [
    uniqueIndex('articles_url_unique').on(t.url),
    index('articles_source_published_idx').on(t.sourceId, t.publishedAt),
    index('articles_published_idx').on(t.publishedAt),
    // Language filters in search and listings read this instead of rows (the columns sit behind the body).
    index('articles_language_published_idx').on(t.language, t.publishedAt),
    index('articles_content_hash_idx').on(t.contentHash),
    index('articles_duplicate_of_idx').on(t.duplicateOf),
    index('articles_story_idx').on(t.storyId),
  ],
);

/** Raw HTML of the last fetch of each article page, compressed, so extraction can be re-run offline. */
export const rawPages = sqliteTable('raw_pages', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  /** Final URL the HTML came from. */
  url: text('url').notNull(),
  /** 'br' | 'gzip' */
  encoding: text('encoding').notNull(),
  html: blob('html', { mode: 'buffer' }).notNull(),
  renderer: text('renderer').notNull(),
  fetchedAt: text('fetched_at').notNull(),
});

/** One row per distinct normalized paragraph. */
export const paragraphs = sqliteTable(
  'paragraphs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Hash of the normalized text (see pipeline/normalize.ts). */
    hash: text('hash').notNull(),
    text: text('text').notNull(),
    /** Distinct articles using it, over all sources. */
    articleCount: integer('article_count').notNull().default(0),
    /** Distinct sources using it. */
    sourceCount: integer('source_count').notNull().default(0),
  },
  (t) => [uniqueIndex('paragraphs_hash_unique').on(t.hash)],
);

/** Per-source use of a paragraph: the basis of site boilerplate detection (kept across restarts). */
export const paragraphSources = sqliteTable(
  'paragraph_sources',
  {
    paragraphId: integer('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    articleCount: integer('article_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.paragraphId, t.sourceId] })],
);

/** The ordered paragraphs of an article. `role` keeps what dedup set aside instead of losing it. */
export const articleParagraphs = sqliteTable(
  'article_paragraphs',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    paragraphId: integer('paragraph_id')
      .notNull()
      .references(() => paragraphs.id),
    /** 'body' | 'boilerplate' | 'neighbour' */
    role: text('role').notNull().default('body'),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.position] }),
    index('article_paragraphs_paragraph_idx').on(t.paragraphId),
  ],
);

/**
 * LSH buckets of each article's MinHash signature: a near-duplicate lookup is a few indexed probes.
 * `day` (days since 1970-01-01 of the article's publication, or first sighting) is in the key so a probe
 * reads only the articles inside the copy time window, however many share a crowded bucket; `period`
 * (day / DEDUP.copyPeriodDays) leads it so the probes of recent articles stay within the recent part of
 * the index, whose pages are warm, whatever the archive's size.
 */
export const minhashBands = sqliteTable(
  'minhash_bands',
  {
    period: integer('period').notNull(),
    band: integer('band').notNull(),
    /** Hash of the band's rows (signed 32-bit). */
    bucket: integer('bucket').notNull(),
    day: integer('day').notNull(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.period, t.band, t.bucket, t.day, t.articleId] }),
    index('minhash_bands_article_idx').on(t.articleId),
  ],
);

/**
 * Document frequency of each word stem (by its termKey, a 32-bit hash), for TF-IDF story similarity: the
 * articles up to the df_through watermark; those above it are counted from their vectors
 * (src/db/dedup/doc-freq.ts).
 */
export const termStats = sqliteTable('term_stats', {
  term: integer('term').primaryKey(),
  docCount: integer('doc_count').notNull().default(0),
});

/**
 * The top weighted stems (termKeys) of each article: an inverted index for story candidates, read by
 * (term, day) so a lookup sees only the story time window, and covering the article id it returns.
 */
export const articleTerms = sqliteTable(
  'article_terms',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    term: integer('term').notNull(),
    /** Days since 1970-01-01 of the article's publication (or first sighting). */
    day: integer('day').notNull(),
  },
  (t) => [index('article_terms_term_day_idx').on(t.term, t.day, t.articleId), index('article_terms_article_idx').on(t.articleId)],
);

/**
 * Dedup's state per article (src/db/dedup-store.ts): its reference day, the hash of its title (a glued
 * neighbour is found by its title standing in another page's text), and its story vector.
 */
export const dedupArticles = sqliteTable(
  'dedup_articles',
  {
    articleId: integer('article_id')
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').notNull(),
    day: integer('day').notNull(),
    /** paragraphHash of the title. */
    titleHash: text('title_hash').notNull(),
    /** The TF-IDF vector as stored (src/pipeline/dedup/packed.ts): term keys, then float32 weights; its keys are the article's distinct stems. */
    vector: blob('vector', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('dedup_articles_title_idx').on(t.sourceId, t.titleHash)],
);

/** Paragraphs recognized as a site's boilerplate: they stay out of that site's bodies. */
export const siteBoilerplate = sqliteTable(
  'site_boilerplate',
  {
    sourceId: text('source_id').notNull(),
    paragraphId: integer('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.paragraphId, t.sourceId] })],
);

/** Named counters of dedup: the number of story vectors (docs), term_stats' watermark and token (df_through, df_token). */
export const dedupCounters = sqliteTable('dedup_counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull().default(0),
});

/** A log row per fetch. */
export const fetches = sqliteTable(
  'fetches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    url: text('url').notNull(),
    finalUrl: text('final_url'),
    sourceId: text('source_id'),
    status: integer('status'),
    bytes: integer('bytes'),
    durationMs: integer('duration_ms'),
    renderer: text('renderer'),
    /** 'stored' | 'unchanged' | 'not-modified' | 'discarded' | 'failed' */
    outcome: text('outcome').notNull(),
    /** FailureKind when it failed or was discarded. */
    errorKind: text('error_kind'),
    error: text('error'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    articleId: integer('article_id'),
    crawlRunId: integer('crawl_run_id'),
    fetchedAt: text('fetched_at').notNull(),
  },
  (t) => [
    index('fetches_url_idx').on(t.url, t.fetchedAt),
    // knownUrls() also matches redirect targets.
    index('fetches_final_url_idx').on(t.finalUrl),
    index('fetches_source_idx').on(t.sourceId, t.fetchedAt),
    // Failure counts in stats, overall and per source, without reading the log rows.
    index('fetches_outcome_idx').on(t.outcome, t.sourceId),
  ],
);

/** One row per scheduled or manual run. */
export const crawlRuns = sqliteTable(
  'crawl_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null for a crawl of explicit URLs. */
    sourceId: text('source_id'),
    /** 'manual' | 'schedule' | 'queue' | 'backfill' */
    trigger: text('trigger').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** 'running' | 'done' | 'failed' */
    status: text('status').notNull().default('running'),
    discovered: integer('discovered').notNull().default(0),
    stored: integer('stored').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
  },
  (t) => [index('crawl_runs_source_idx').on(t.sourceId, t.startedAt)],
);

export type SourceRow = typeof sources.$inferSelect;
export type ArticleRow = typeof articles.$inferSelect;
export type NewArticleRow = typeof articles.$inferInsert;
export type FetchRow = typeof fetches.$inferSelect;
export type NewFetchRow = typeof fetches.$inferInsert;
export type CrawlRunRow = typeof crawlRuns.$inferSelect;
export type StoryRow = typeof stories.$inferSelect;
