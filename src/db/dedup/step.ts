/**
 * The dedup step for one article, inside storeArticle's transaction: levels 2 to 5 over the stored state.
 * Order matters: roles first (copies are compared on body text), then copies (a copy takes its original's
 * story), then stories.
 */
import { fingerprint, publicationDay, referenceDay, storyCounts } from '../../pipeline/dedup.js';
import { paragraphHash } from '../../pipeline/normalize.js';
import { prepared } from '../queries/statements.js';
import type { DedupDecision, KzDb, ParagraphRole } from '../types.js';
import { storedRoles, type DedupArticle } from './articles.js';
import { dropBands, findCopies, joinGroup, leaveGroup, storeBands } from './copies.js';
import { articlesHoldingTitle, recomputeRoles, rolesFor, updateMarks } from './roles.js';
import { addStoryState, dropStoryState, hasStoryState, leaveStory, settleGroupStory, storyMates, storyOf, unite } from './stories.js';

/** What the step needs of an article: what storeArticle hands over, or what a rebuild reads back. */
export type StepInput = Pick<DedupArticle, 'id' | 'sourceId' | 'title' | 'lead' | 'language' | 'publishedAt' | 'contentHash' | 'paragraphs'>;

const SQL = {
  seen: 'SELECT first_seen_at FROM articles WHERE id = ?',
  decided: 'SELECT duplicate_of AS duplicateOf, story_id AS storyId, fingerprint FROM articles WHERE id = ?',
} as const;

type Stored = Omit<DedupDecision, 'roles'>;

const decided = (kz: KzDb, id: number): Stored => prepared(kz, SQL.decided).get(id) as Stored;

/** The decision already stored for an article whose content did not change. */
export function storedDecision(kz: KzDb, id: number): DedupDecision | null {
  if (!hasStoryState(kz, id)) return null;
  return { roles: storedRoles(kz, id), ...decided(kz, id) };
}

/** Takes an article's earlier revision out of every dedup structure before its new text goes in. */
export function forget(kz: KzDb, id: number): void {
  dropStoryState(kz, id);
  dropBands(kz, id);
  leaveGroup(kz, id);
  leaveStory(kz, id);
}

export function runStep(kz: KzDb, x: StepInput, createdAt: string): DedupDecision {
  // The first sighting only stands in for a missing publication time: read it only then.
  const day = publicationDay(x.publishedAt) ?? referenceDay(null, prepared(kz, SQL.seen).pluck().get(x.id) as string);
  const titleHash = paragraphHash(x.title);

  // Levels 2–3: this article's title may end other pages' text; its paragraphs may have become boilerplate.
  const { touched, uses } = updateMarks(kz, x.id, x.sourceId, x.paragraphs);
  for (const id of articlesHoldingTitle(kz, titleHash, x.sourceId, x.id)) touched.add(id);
  const roles: ParagraphRole[] = rolesFor(kz, x, uses);
  const body = x.paragraphs.filter((_, i) => roles[i] === 'body').map((p) => p.text);

  // Stories' state goes in before the neighbours are re-read: it registers this title.
  const story = addStoryState(kz, { id: x.id, sourceId: x.sourceId, day, titleHash, counts: storyCounts({ ...x, body }) });
  recomputeRoles(kz, touched);

  // Level 4.
  const fp = fingerprint(body);
  const copies = findCopies(kz, { id: x.id, contentHash: x.contentHash, day, fingerprint: fp });
  storeBands(kz, x.id, day, fp.buckets);
  const ownStory = storyOf(kz, x.id);
  const group = joinGroup(kz, x.id, copies);
  if (group.merged.length > 0) {
    settleGroupStory(kz, group.original, [group.original, ...group.merged].map((id) => storyOf(kz, id)).concat(ownStory));
  }

  // Level 5: an original looks for the same event told by other sites.
  if (group.duplicateOf === null) {
    const mates = storyMates(kz, { id: x.id, sourceId: x.sourceId, day }, story);
    if (mates.length > 0) unite(kz, [x.id, ...mates], createdAt);
  }
  // The caller writes the decision to the article row (storeArticle, or the rebuild).
  return { roles, duplicateOf: group.duplicateOf, storyId: storyOf(kz, x.id), fingerprint: fp.hex };
}
