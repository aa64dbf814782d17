/**
 * The database side of dedup: the DedupStep storeArticle runs in its transaction (site boilerplate, glued
 * neighbours, verbatim copies, stories; level 1 is cleanDraft, before storing), the rebuild of all of it,
 * and the reads `kznews show` and `kznews stats` make. State lives in the database only, so results do not
 * depend on which process stored an article, or on a restart.
 */
import { prepared } from './queries/statements.js';
import { loadArticle, writeRoles } from './dedup/articles.js';
import { forget, runStep, storedDecision } from './dedup/step.js';
import { refreshArticleBody } from './queries/store.js';
import type { DedupContext, DedupDecision, DedupStep, KzDb } from './types.js';

export interface DedupStepOptions {
  /** Clock for new stories' created_at (tests pass a fixed one). */
  now?: () => Date;
}

export function createDedupStep(options: DedupStepOptions = {}): DedupStep {
  const now = options.now ?? (() => new Date());
  return (kz: KzDb, ctx: DedupContext): DedupDecision => {
    if (ctx.outcome === 'unchanged') {
      const stored = storedDecision(kz, ctx.articleId);
      if (stored) return stored;
    }
    // A new article's id is fresh (AUTOINCREMENT): no dedup state can refer to it yet.
    if (ctx.outcome !== 'new') forget(kz, ctx.articleId);
    return runStep(
      kz,
      {
        id: ctx.articleId,
        sourceId: ctx.sourceId,
        title: ctx.draft.title,
        lead: ctx.draft.lead,
        language: ctx.draft.language,
        publishedAt: ctx.draft.publishedAt,
        contentHash: ctx.contentHash,
        paragraphs: ctx.paragraphs,
      },
      now().toISOString(),
    );
  };
}

const REBUILD = {
  reset: [
    'DELETE FROM minhash_bands',
    'DELETE FROM article_terms',
    'DELETE FROM term_stats',
    'DELETE FROM dedup_articles',
    'DELETE FROM dedup_counters',
    'DELETE FROM site_boilerplate',
    'UPDATE articles SET duplicate_of = NULL, story_id = NULL, fingerprint = NULL',
    'DELETE FROM stories',
    "UPDATE article_paragraphs SET role = 'body' WHERE role != 'body'",
  ],
  // Chronological order: the replay sees articles as a crawl that took them in publication order would.
  order: `SELECT id FROM articles ORDER BY COALESCE(published_at, first_seen_at), id`,
  decision: 'UPDATE articles SET duplicate_of = ?, story_id = ?, fingerprint = ? WHERE id = ?',
} as const;

export interface RebuildResult {
  articles: number;
  duplicates: number;
  stories: number;
}

/**
 * `kznews dedup --rebuild`: drops every fingerprint, mark, vector and story, and runs the dedup step again
 * over the whole database in publication order, in one transaction.
 */
export function rebuildDedup(kz: KzDb, onProgress?: (done: number, total: number) => void, options: DedupStepOptions = {}): RebuildResult {
  const now = options.now ?? (() => new Date());
  return kz.sqlite.transaction(() => {
    for (const sql of REBUILD.reset) kz.sqlite.prepare(sql).run();
    const ids = kz.sqlite.prepare(REBUILD.order).pluck().all() as number[];
    ids.forEach((id, i) => {
      const a = loadArticle(kz, id);
      // Without paragraph rows there is nothing to fingerprint, and rebuilding the body from them would empty it.
      if (!a || a.paragraphs.length === 0) return;
      const decision = runStep(kz, { ...a }, now().toISOString());
      writeRoles(kz, id, a.paragraphs, decision.roles);
      prepared(kz, REBUILD.decision).run(decision.duplicateOf, decision.storyId, decision.fingerprint, id);
      refreshArticleBody(kz, id);
      onProgress?.(i + 1, ids.length);
    });
    const { duplicates, stories } = dedupStats(kz);
    return { articles: ids.length, duplicates, stories };
  })();
}

/** An article next to another one: a copy of it, or another telling of its story. */
export interface RelatedArticle {
  id: number;
  url: string;
  source: string;
  title: string;
  published: string | null;
  duplicateOf: number | null;
  storyId: number | null;
}

/** Named as in ArticleView, so `kznews show --json` reads alike for the article and its relatives. */
const RELATED_COLUMNS = `id, url, source_id AS source, title, published_at AS published,
  duplicate_of AS duplicateOf, story_id AS storyId`;

const READ = {
  original: 'SELECT COALESCE(duplicate_of, id) FROM articles WHERE id = ?',
  group: `SELECT ${RELATED_COLUMNS} FROM articles WHERE (id = @original OR duplicate_of = @original) AND id != @id
    ORDER BY published_at IS NULL, published_at, id`,
  story: 'SELECT story_id FROM articles WHERE id = ?',
  siblings: `SELECT ${RELATED_COLUMNS} FROM articles
    WHERE story_id = @story AND id != @original AND COALESCE(duplicate_of, 0) != @original
    ORDER BY published_at IS NULL, published_at, id`,
  duplicates: 'SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL',
  stories: 'SELECT count(*) FROM stories',
  inStories: 'SELECT count(*) FROM articles WHERE story_id IS NOT NULL',
} as const;

/** The other members of an article's copy group (its original first when it is a copy), earliest first. */
export function copiesOf(kz: KzDb, articleId: number): RelatedArticle[] {
  const original = prepared(kz, READ.original).pluck().get(articleId) as number | undefined;
  if (original === undefined) return [];
  return prepared(kz, READ.group).all({ original, id: articleId }) as RelatedArticle[];
}

/** The other articles of an article's story, its own copies left out (copiesOf lists those), earliest first. */
export function storySiblings(kz: KzDb, articleId: number): RelatedArticle[] {
  const story = prepared(kz, READ.story).pluck().get(articleId) as number | null | undefined;
  if (story === null || story === undefined) return [];
  const original = prepared(kz, READ.original).pluck().get(articleId) as number;
  return prepared(kz, READ.siblings).all({ story, original }) as RelatedArticle[];
}

export interface DedupStats {
  /** Articles stored as copies of another (duplicate_of set). */
  duplicates: number;
  stories: number;
  /** Articles that belong to a story (copies included). */
  articlesInStories: number;
}

export function dedupStats(kz: KzDb): DedupStats {
  return {
    duplicates: prepared(kz, READ.duplicates).pluck().get() as number,
    stories: prepared(kz, READ.stories).pluck().get() as number,
    articlesInStories: prepared(kz, READ.inStories).pluck().get() as number,
  };
}
