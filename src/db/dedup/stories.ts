/**
 * Level 5 in the database: stories. Document frequencies of stems in term_stats (with the document count
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

const DOCS = 'docs';

export const SQL = {
  // One short statement per stem: cheaper than one statement over a JSON list (no parsing, no RETURNING),
  // and a read followed by the write it calls for is cheaper than an upsert. A multi-row upsert of the
  // article's stems returning their counts (chunks of 32, 128 or 500, in term order or not) saved nothing:
  // 250-370 µs per article against 245-305 for these (the bench stream's 164 stems per article, in
  // memory): the time goes to the B-tree, not to the statements.
  df: 'SELECT doc_count FROM term_stats WHERE term = ?',
  addTerm: 'INSERT INTO term_stats (term, doc_count) VALUES (?, 1)',
  countTerm: 'UPDATE term_stats SET doc_count = doc_count + 1 WHERE term = ?',
  dropDf: 'UPDATE term_stats SET doc_count = doc_count - 1 WHERE term IN (SELECT value FROM json_each(?))',
  addDoc: `INSERT INTO dedup_counters (name, value) VALUES (?, 1)
    ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
  dropDoc: 'UPDATE dedup_counters SET value = value - 1 WHERE name = ?',
  saveState: `INSERT INTO dedup_articles (article_id, source_id, day, title_hash, vector) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (article_id) DO UPDATE SET source_id = excluded.source_id, day = excluded.day,
      title_hash = excluded.title_hash, vector = excluded.vector`,
  state: 'SELECT vector FROM dedup_articles WHERE article_id = ?',
  dropState: 'DELETE FROM dedup_articles WHERE article_id = ?',
  addTerms: 'INSERT INTO article_terms (article_id, term, day) SELECT ?, value, ? FROM json_each(?)',
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
  const read = prepared(kz, SQL.df).pluck();
  const add = prepared(kz, SQL.addTerm);
  const count = prepared(kz, SQL.countTerm);
  const df = new Map<number, number>();
  for (const term of s.counts.keys()) {
    const before = read.get(term) as number | undefined;
    if (before === undefined) add.run(term);
    else count.run(term);
    df.set(term, (before ?? 0) + 1);
  }
  const docs = prepared(kz, SQL.addDoc).pluck().get(DOCS) as number;
  const story = storyVector(s.counts, (t) => df.get(t) as number, docs);
  prepared(kz, SQL.saveState).run(s.id, s.sourceId, s.day, s.titleHash, vectorBytes(story.vector));
  if (story.indexTerms.length > 0) prepared(kz, SQL.addTerms).run(s.id, s.day, JSON.stringify(story.indexTerms));
  return story;
}

/** Takes an article's stems back out of the frequencies and drops its vector and index terms. */
export function dropStoryState(kz: KzDb, id: number): void {
  const blob = prepared(kz, SQL.state).pluck().get(id) as Buffer | undefined;
  if (blob !== undefined) {
    prepared(kz, SQL.dropDf).run(JSON.stringify([...vectorFromBytes(blob).terms]));
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
