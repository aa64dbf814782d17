/**
 * The storage layer's public types: what callers hand to src/db/ and what they get back.
 * Kept apart from the SQL so the dedup step and the pipeline can import them without the queries.
 */
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { FailureKind, ArticleDraft, RenderedBy } from '../scrapers/types.js';
import type * as schema from './schema.js';

/** An open kznews database: Drizzle for readable queries, the raw handle for prepared hot paths. */
export interface KzDb {
  db: BetterSQLite3Database<typeof schema>;
  sqlite: Database.Database;
  path: string;
  close(): void;
}

/** The fetch of one article page, as logged in `fetches` and kept in `raw_pages`. */
export interface StoredPage {
  /** Final URL the HTML came from. */
  url: string;
  /** The URL asked for, when a redirect led elsewhere (logged as fetches.url; defaults to `url`). */
  requestedUrl?: string;
  html: string;
  status: number;
  bytes: number;
  durationMs: number;
  renderer: RenderedBy;
  /** UTC ISO-8601. */
  fetchedAt: string;
  etag: string | null;
  lastModified: string | null;
}

export interface StoreInput {
  draft: ArticleDraft;
  /** One per draft.paragraphs entry, computed by the caller. */
  paragraphHashes: string[];
  contentHash: string;
  page: StoredPage;
  crawlRunId?: number | null;
  /** False for a re-extraction from raw_pages: nothing was fetched, so nothing goes in the fetch log. */
  logFetch?: boolean;
}

export type StoreOutcome = 'new' | 'updated' | 'unchanged';

export interface StoreResult {
  articleId: number;
  outcome: StoreOutcome;
  revision: number;
  duplicateOf: number | null;
  storyId: number | null;
}

/** One slot of storeArticles: the article's result, or why it was not stored. */
export type StoreBatchItem = { ok: true; result: StoreResult } | { ok: false; error: Error };

/** What dedup decided a stored paragraph is: kept in the body, site boilerplate, or text of a neighbouring article. */
export type ParagraphRole = 'body' | 'boilerplate' | 'neighbour';

export interface StoredParagraph {
  paragraphId: number;
  hash: string;
  text: string;
  position: number;
}

export interface DedupContext {
  articleId: number;
  sourceId: string;
  outcome: StoreOutcome;
  draft: ArticleDraft;
  contentHash: string;
  /** The article's paragraphs as now stored (counts already include this article). */
  paragraphs: StoredParagraph[];
}

export interface DedupDecision {
  /** One per paragraph, in order. */
  roles: ParagraphRole[];
  duplicateOf: number | null;
  storyId: number | null;
  fingerprint: string | null;
}

/** Called by storeArticle inside its transaction, after paragraphs are written and before body/FTS. */
export type DedupStep = (kz: KzDb, ctx: DedupContext) => DedupDecision;

/** What a fetch that stored nothing (or the fetch behind a store) leaves in the log. */
export type FetchOutcome = 'stored' | 'unchanged' | 'not-modified' | 'discarded' | 'failed';

export interface FetchLogInput {
  url: string;
  finalUrl?: string | null;
  sourceId?: string | null;
  status?: number | null;
  bytes?: number | null;
  durationMs?: number | null;
  renderer?: RenderedBy | null;
  outcome: FetchOutcome;
  errorKind?: FailureKind | null;
  error?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  articleId?: number | null;
  crawlRunId?: number | null;
  /** UTC ISO-8601; defaults to now. */
  fetchedAt?: string;
}

export interface StoredValidators {
  etag: string | null;
  lastModified: string | null;
}

export type RunTrigger = 'manual' | 'schedule' | 'queue' | 'backfill';
export type RunStatus = 'running' | 'done' | 'failed';

export interface RunCounts {
  discovered: number;
  stored: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  failed: number;
}

export interface CrawlRunView extends RunCounts {
  id: number;
  sourceId: string | null;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  error: string | null;
}

export interface SearchQuery {
  /** Free words, matched against title and body (any punctuation is safe). */
  words?: string;
  source?: string;
  /** Published at or after (UTC ISO-8601 or a date, YYYY-MM-DD). */
  since?: string;
  /** Published before (a bare date counts the whole day). */
  until?: string;
  lang?: string;
  limit?: number;
  /** One article per story; articles marked as copies are hidden. */
  dedup?: boolean;
  /** How many of the most recently stored matches are ranked when more match (default DB.searchRankWindow). */
  rankWindow?: number;
}

/** An article as read back for `query`, `show` and the JSON output. */
export interface ArticleView {
  id: number;
  url: string;
  source: string;
  title: string;
  lead: string | null;
  published: string | null;
  modified: string | null;
  lang: string | null;
  author: string | null;
  tags: string[];
  images: string[];
  text: string;
  duplicateOf: number | null;
  storyId: number | null;
  revision: number;
  firstSeen: string;
  lastSeen: string;
}

export interface SourceStats {
  sourceId: string;
  name: string;
  articles: number;
  lastPublished: string | null;
  lastFetched: string | null;
  failures: number;
}

export interface DayStats {
  /** YYYY-MM-DD (UTC) of published_at. */
  day: string;
  articles: number;
}

export interface Stats {
  sources: SourceStats[];
  /** The latest 30 days that have articles (up to now), oldest first. */
  days: DayStats[];
  totals: { articles: number; duplicates: number; stories: number; fetchesFailed: number };
}

export interface RawPage {
  articleId: number;
  url: string;
  sourceId: string;
  html: string;
  renderer: RenderedBy;
  fetchedAt: string;
}
