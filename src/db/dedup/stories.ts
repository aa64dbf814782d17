/**
 * Level 5 in the database: stories. Document frequencies of stems (./doc-freq.ts, with the document count
 * in dedup_counters), each article's TF-IDF vector in dedup_articles, its top stems in article_terms (the
 * inverted index, read by term and day). Articles of other sites within the story window whose cosine
 * reaches the threshold join one story; stories that one article links are merged (single link, so the
 * clusters do not depend on arrival order). Copies share their original's story.
 * Stems go by their term keys (integers) and vectors as packed blobs: an article counts some 150 stems,
 * so whatever is paid per stem is paid 150 times per article.
 */
import { packedCosine, storyVector, vectorBytes, vectorFromBytes, type StoryVector } from '../../pipeline/dedup.js';
import { DEDUP } from '../../settings.js';
import { prepared } from '../queries/statements.js';
import type { KzDb } from '../types.js';
import { countArticle, uncountArticle } from './doc-freq.js';

const DOCS = 'docs';

export const SQL = {
  addDoc: `INSERT INTO dedup_counters (name, value) VALUES (?, 1)
    ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
  dropDoc: 'UPDATE dedup_counters SET value = value - 1 WHERE name = ?',
  saveState: `INSERT INTO dedup_articles (article_id, source_id, day, title_hash, vector) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (article_id) DO UPDATE SET source_id = excluded.source_id, day = excluded.day,
      title_hash = excluded.title_hash, vector = excluded.vector`,
  state: 'SELECT vector FROM dedup_articles WHERE article_id = ?',
  dropState: 'DELETE FROM dedup_articles WHERE article_id = ?',
  // One row per statement: cheaper than the same rows from json_each (bench/dedup.ts' stores of minhash_bands).
  addTerm: 'INSERT INTO article_terms (article_id, term, day) VALUES (?, ?, ?)',
  dropTerms: 'DELETE FROM article_terms WHERE article_id = ?',
  // Postings are counted first; only articles sharing enough terms are looked up (site, copy or not,
  // vector). CROSS JOIN keeps that order: SQLite would otherwise start from every original article.
  candidates: `SELECT c.id, d.vector FROM (SELECT t.article_id AS id, count(*) AS hits FROM json_each(@terms) j
      CROSS JOIN article_terms t ON t.term = j.value AND t.day BETWEEN @from AND @to
      WHERE t.article_id != @id GROUP BY t.article_id HAVING hits >= @minHits) c
    CROSS JOIN dedup_articles d ON d.article_id = c.id CROSS JOIN articles a ON a.id = c.id
    WHERE d.source_id != @source AND a.duplicate_of IS NULL
    ORDER BY c.hits DESC, c.id LIMIT @limit`,
  storyOf: 'SELECT story_id FROM articles WHERE id = ?',
  setStory: 'UPDATE articles SET story_id = @story WHERE id = @id OR duplicate_of = @id',
  setOwnStory: 'UPDATE articles SET story_id = ? WHERE id = ?',
  moveStory: 'UPDATE articles SET story_id = ? WHERE story_id = ?',
  newStory: 'INSERT INTO stories (title, article_count, created_at) VALUES (?, 0, ?) RETURNING id',
  deleteStory: 'DELETE FROM stories WHERE id = ?',
  storyCounts: `SELECT count(*) AS articles, COALESCE(sum(duplicate_of IS NULL), 0) AS originals,
      min(published_at) AS first, max(published_at) AS last
    FROM articles WHERE story_id = ?`,
  storyTitle: 'SELECT title FROM articles WHERE story_id = ? ORDER BY published_at IS NULL, published_at, id LIMIT 1',
  updateStory: 'UPDATE stories SET title = ?, first_published_at = ?, last_published_at = ?, article_count = ? WHERE id = ?',
  dissolve: 'UPDATE articles SET story_id = NULL WHERE story_id = ?',
} as const;

export interface StoryState {
  id: number;
  sourceId: string;
  day: number;
  titleHash: string;
  /** Term key → occurrences. */
  counts: ReadonlyMap<number, number>;
}

/**
 * Counts the article's stems into the document frequencies, and keeps its vector and index terms.
 * Returns the vector (weighted with the frequencies as they are now, this article included).
 */
export function addStoryState(kz: KzDb, s: StoryState): StoryVector {
  const df = countArticle(kz, s.id, s.counts.keys());
  const docs = prepared(kz, SQL.addDoc).pluck().get(DOCS) as number;
  const story = storyVector(s.counts, (t) => df.get(t) as number, docs);
  prepared(kz, SQL.saveState).run(s.id, s.sourceId, s.day, s.titleHash, vectorBytes(story.vector));
  const addTerm = prepared(kz, SQL.addTerm);
  for (const term of story.indexTerms) addTerm.run(s.id, term, s.day);
  return story;
}

/** Takes an article's stems back out of the frequencies and drops its vector and index terms. */
export function dropStoryState(kz: KzDb, id: number): void {
  const blob = prepared(kz, SQL.state).pluck().get(id) as Buffer | undefined;
  if (blob !== undefined) {
    uncountArticle(kz, id, vectorFromBytes(blob).terms);
    prepared(kz, SQL.dropDoc).run(DOCS);
    prepared(kz, SQL.dropState).run(id);
  }
  prepared(kz, SQL.dropTerms).run(id);
}

export const hasStoryState = (kz: KzDb, id: number): boolean => prepared(kz, SQL.state).pluck().get(id) !== undefined;

/** Originals of other sites within the story window whose cosine with this vector reaches the threshold. */
export function storyMates(kz: KzDb, x: { id: number; sourceId: string; day: number }, { vector, queryTerms }: StoryVector): number[] {
  if (queryTerms.length === 0) return [];
  const candidates = prepared(kz, SQL.candidates).all({
    terms: JSON.stringify(queryTerms),
    minHits: DEDUP.storyMinSharedTerms,
    from: x.day - DEDUP.storyWindowDays,
    to: x.day + DEDUP.storyWindowDays,
    id: x.id,
    source: x.sourceId,
    limit: DEDUP.storyMaxCandidates,
  }) as { id: number; vector: Buffer }[];
  return candidates
    .filter((c) => packedCosine(vector, vectorFromBytes(c.vector)) >= DEDUP.storyThreshold)
    .map((c) => c.id)
    .sort((a, b) => a - b);
}

const storyOf = (kz: KzDb, id: number): number | null => prepared(kz, SQL.storyOf).pluck().get(id) as number | null;

/** Refreshes a story's title, dates and count; a story left with fewer than two originals is dissolved. */
export function refreshStory(kz: KzDb, storyId: number): void {
  const c = prepared(kz, SQL.storyCounts).get(storyId) as { articles: number; originals: number; first: string | null; last: string | null };
  if (c.originals < 2) {
    prepared(kz, SQL.dissolve).run(storyId);
    prepared(kz, SQL.deleteStory).run(storyId);
    return;
  }
  const title = prepared(kz, SQL.storyTitle).pluck().get(storyId) as string;
  prepared(kz, SQL.updateStory).run(title, c.first, c.last, c.articles, storyId);
}

/**
 * Puts the groups of these originals (each original with its copies) in one story: the lowest story id
 * any of them has, the others merged into it, or a new story when none has one. Returns its id, or null
 * when there is only one group.
 */
export function unite(kz: KzDb, originals: readonly number[], createdAt: string): number | null {
  const groups = [...new Set(originals)];
  if (groups.length < 2) {
    const only = groups[0];
    return only === undefined ? null : storyOf(kz, only);
  }
  const existing = [...new Set(groups.map((id) => storyOf(kz, id)).filter((s): s is number => s !== null))].sort((a, b) => a - b);
  const story = existing[0] ?? (prepared(kz, SQL.newStory).pluck().get('', createdAt) as number);
  for (const other of existing.slice(1)) {
    prepared(kz, SQL.moveStory).run(story, other);
    prepared(kz, SQL.deleteStory).run(other);
  }
  for (const id of groups) prepared(kz, SQL.setStory).run({ story, id });
  refreshStory(kz, story);
  return storyOf(kz, groups[0] as number);
}

/** Gives a group (an original and its copies) one story: the one its members had, merged if several. */
export function settleGroupStory(kz: KzDb, original: number, storyIds: readonly (number | null)[]): number | null {
  const stories = [...new Set(storyIds.filter((s): s is number => s !== null))].sort((a, b) => a - b);
  const story = stories[0] ?? null;
  for (const other of stories.slice(1)) {
    prepared(kz, SQL.moveStory).run(story, other);
    prepared(kz, SQL.deleteStory).run(other);
  }
  prepared(kz, SQL.setStory).run({ story, id: original });
  if (story !== null) refreshStory(kz, story);
  return story === null ? null : storyOf(kz, original);
}

/** Takes one article out of its story (its text changed), dissolving the story if too little is left. */
export function leaveStory(kz: KzDb, id: number): void {
  const story = storyOf(kz, id);
  if (story === null) return;
  prepared(kz, SQL.setOwnStory).run(null, id);
  refreshStory(kz, story);
}

export { storyOf };
