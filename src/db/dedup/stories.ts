/**
 * Level 5 in the database: stories. Document frequencies of stems in term_stats (with the document count
 * in dedup_counters), each article's TF-IDF vector in dedup_articles, its top stems in article_terms (the
 * inverted index, read by term and day). Articles of other sites within the story window whose cosine
 * reaches the threshold join one story; stories that one article links are merged (single link, so the
 * clusters do not depend on arrival order). Copies share their original's story.
 */
import { cosine, storyVector, topTerms, type TermVector } from '../../pipeline/dedup.js';
import { DEDUP } from '../../settings.js';
import { prepared } from '../queries/statements.js';
import type { KzDb } from '../types.js';

const DOCS = 'docs';
/** Weights are stored to this many decimals (enough for a cosine compared at two). */
const WEIGHT_DECIMALS = 4;

const SQL = {
  addDf: `INSERT INTO term_stats (term, doc_count) SELECT value, 1 FROM json_each(?) WHERE true
    ON CONFLICT (term) DO UPDATE SET doc_count = doc_count + 1 RETURNING term, doc_count AS df`,
  dropDf: 'UPDATE term_stats SET doc_count = doc_count - 1 WHERE term IN (SELECT value FROM json_each(?))',
  addDoc: `INSERT INTO dedup_counters (name, value) VALUES (?, 1)
    ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
  dropDoc: 'UPDATE dedup_counters SET value = value - 1 WHERE name = ?',
  saveState: `INSERT INTO dedup_articles (article_id, source_id, day, title_hash, vector) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (article_id) DO UPDATE SET source_id = excluded.source_id, day = excluded.day,
      title_hash = excluded.title_hash, vector = excluded.vector`,
  state: 'SELECT vector FROM dedup_articles WHERE article_id = ?',
  dropState: 'DELETE FROM dedup_articles WHERE article_id = ?',
  addTerms: `INSERT INTO article_terms (article_id, term, tf, day)
    SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]'), ? FROM json_each(?)`,
  dropTerms: 'DELETE FROM article_terms WHERE article_id = ?',
  candidates: `SELECT t.article_id AS id, count(*) AS hits FROM json_each(@terms) j
    JOIN article_terms t ON t.term = j.value AND t.day BETWEEN @from AND @to
    JOIN articles a ON a.id = t.article_id
    WHERE t.article_id != @id AND a.source_id != @source AND a.duplicate_of IS NULL
    GROUP BY t.article_id HAVING hits >= @minHits ORDER BY hits DESC, t.article_id LIMIT @limit`,
  vectors: 'SELECT article_id AS id, vector FROM dedup_articles WHERE article_id IN (SELECT value FROM json_each(?))',
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
  counts: ReadonlyMap<string, number>;
}

/**
 * Counts the article's stems into the document frequencies, and keeps its vector and index terms.
 * Returns the vector (weighted with the frequencies as they are now, this article included).
 */
export function addStoryState(kz: KzDb, s: StoryState): TermVector {
  const terms = [...s.counts.keys()];
  const df = new Map<string, number>();
  if (terms.length > 0) {
    for (const row of prepared(kz, SQL.addDf).all(JSON.stringify(terms)) as { term: string; df: number }[]) df.set(row.term, row.df);
  }
  const docs = prepared(kz, SQL.addDoc).pluck().get(DOCS) as number;
  const { vector, indexTerms } = storyVector(s.counts, (t) => df.get(t) ?? 1, docs);
  const stored: Record<string, number> = {};
  for (const [term, w] of vector) stored[term] = Number(w.toFixed(WEIGHT_DECIMALS));
  prepared(kz, SQL.saveState).run(s.id, s.sourceId, s.day, s.titleHash, JSON.stringify(stored));
  const index = indexTerms.map((t) => [t, s.counts.get(t) ?? 0]);
  if (index.length > 0) prepared(kz, SQL.addTerms).run(s.id, s.day, JSON.stringify(index));
  return vector;
}

/** Takes an article's stems back out of the frequencies and drops its vector and index terms. */
export function dropStoryState(kz: KzDb, id: number): void {
  const vector = prepared(kz, SQL.state).pluck().get(id) as string | undefined;
  if (vector !== undefined) {
    prepared(kz, SQL.dropDf).run(JSON.stringify(Object.keys(JSON.parse(vector) as Record<string, number>)));
    prepared(kz, SQL.dropDoc).run(DOCS);
    prepared(kz, SQL.dropState).run(id);
  }
  prepared(kz, SQL.dropTerms).run(id);
}

export const hasStoryState = (kz: KzDb, id: number): boolean => prepared(kz, SQL.state).get(id) !== undefined;

/** Originals of other sites within the story window whose cosine with this vector reaches the threshold. */
export function storyMates(kz: KzDb, x: { id: number; sourceId: string; day: number }, vector: TermVector): number[] {
  if (vector.size === 0) return [];
  const candidates = prepared(kz, SQL.candidates).all({
    terms: JSON.stringify(topTerms(vector, DEDUP.storyQueryTerms).map(([term]) => term)),
    minHits: DEDUP.storyMinSharedTerms,
    from: x.day - DEDUP.storyWindowDays,
    to: x.day + DEDUP.storyWindowDays,
    id: x.id,
    source: x.sourceId,
    limit: DEDUP.storyMaxCandidates,
  }) as { id: number }[];
  if (candidates.length === 0) return [];
  const rows = prepared(kz, SQL.vectors).all(JSON.stringify(candidates.map((c) => c.id))) as { id: number; vector: string }[];
  return rows
    .filter((r) => cosine(vector, new Map(Object.entries(JSON.parse(r.vector) as Record<string, number>))) >= DEDUP.storyThreshold)
    .map((r) => r.id)
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
