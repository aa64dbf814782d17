/**
 * Storing one article: the article row, its paragraphs and their counts, the dedup decision, the body
 * and its FTS row, the raw HTML and the fetch log, all in ONE transaction (nothing half-written).
 */
import type {
  DedupDecision,
  DedupStep,
  KzDb,
  ParagraphRole,
  StoredParagraph,
  StoreBatchItem,
  StoreInput,
  StoreOutcome,
  StoreResult,
} from '../types.js';
import { deferFtsWrites, insertFtsRow, replaceFtsRow } from './fts.js';
import { linkedParagraphs, linkParagraphs, relinkParagraphs } from './paragraphs.js';
import { compressHtml, type RawBlob } from './raw-html.js';
import { prepared } from './statements.js';

const SQL = {
  sourceExists: 'SELECT 1 FROM sources WHERE id = ?',
  find: `SELECT id, source_id AS sourceId, content_hash AS contentHash, revision, title, lead,
      duplicate_of AS duplicateOf, story_id AS storyId
    FROM articles WHERE url = ?`,
  insert: `INSERT INTO articles (source_id, url, title, lead, body, language, author, tags, images,
      published_at, updated_at, first_seen_at, last_seen_at, fetched_at, content_hash, revision)
    VALUES (@sourceId, @url, @title, @lead, @body, @language, @author, @tags, @images,
      @publishedAt, @updatedAt, @seenAt, @seenAt, @seenAt, @contentHash, 1)
    RETURNING id`,
  update: `UPDATE articles SET source_id = @sourceId, title = @title, lead = @lead, language = @language,
      author = @author, tags = @tags, images = @images, published_at = @publishedAt, updated_at = @updatedAt,
      last_seen_at = @seenAt, fetched_at = @seenAt, content_hash = @contentHash, revision = revision + 1
    WHERE id = @id`,
  touch: 'UPDATE articles SET last_seen_at = ?, fetched_at = ? WHERE id = ?',
  setDecision: `UPDATE articles SET body = @body, duplicate_of = @duplicateOf, story_id = @storyId,
      fingerprint = @fingerprint WHERE id = @id`,
  setBody: 'UPDATE articles SET body = ? WHERE id = ?',
  unlink: 'DELETE FROM article_paragraphs WHERE article_id = ?',
  setRole: 'UPDATE article_paragraphs SET role = ? WHERE article_id = ? AND position = ?',
  stored: `SELECT ap.position, ap.paragraph_id AS paragraphId, ap.role, p.hash, p.text
    FROM article_paragraphs ap JOIN paragraphs p ON p.id = ap.paragraph_id
    WHERE ap.article_id = ? ORDER BY ap.position`,
  raw: `INSERT INTO raw_pages (article_id, url, encoding, html, renderer, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (article_id) DO UPDATE SET url = excluded.url, encoding = excluded.encoding, html = excluded.html,
      renderer = excluded.renderer, fetched_at = excluded.fetched_at`,
  fetch: `INSERT INTO fetches (url, final_url, source_id, status, bytes, duration_ms, renderer, outcome,
      etag, last_modified, article_id, crawl_run_id, fetched_at)
    VALUES (@url, @finalUrl, @sourceId, @status, @bytes, @durationMs, @renderer, @outcome,
      @etag, @lastModified, @articleId, @crawlRunId, @fetchedAt)`,
  title: 'SELECT title, lead, body FROM articles WHERE id = ?',
} as const;

interface Existing {
  id: number;
  sourceId: string;
  contentHash: string;
  revision: number;
  title: string;
  lead: string | null;
  duplicateOf: number | null;
  storyId: number | null;
}

interface StoredRow extends StoredParagraph {
  role: ParagraphRole;
}

const ROLES: ReadonlySet<string> = new Set<ParagraphRole>(['body', 'boilerplate', 'neighbour']);

function joinBody(paragraphs: readonly { text: string }[], roles: readonly ParagraphRole[]): string {
  return paragraphs
    .filter((_, i) => roles[i] === 'body')
    .map((p) => p.text)
    .join('\n');
}

function checkInput(kz: KzDb, input: StoreInput): void {
  const { draft, paragraphHashes } = input;
  if (paragraphHashes.length !== draft.paragraphs.length) {
    throw new Error(
      `storeArticle(${draft.url}): ${paragraphHashes.length} paragraph hashes for ${draft.paragraphs.length} paragraphs`,
    );
  }
  if (prepared(kz, SQL.sourceExists).get(draft.sourceId) === undefined) {
    throw new Error(
      `storeArticle(${draft.url}): source "${draft.sourceId}" is not in the database (upsertSources or ensureSource first)`,
    );
  }
}

function checkDecision(decision: DedupDecision, count: number, url: string): void {
  if (decision.roles.length !== count || decision.roles.some((r) => !ROLES.has(r))) {
    throw new Error(`dedup step for ${url} gave ${decision.roles.length} roles for ${count} paragraphs, or an unknown role`);
  }
}

const storedParagraphs = (kz: KzDb, articleId: number): StoredRow[] =>
  prepared(kz, SQL.stored).all(articleId) as StoredRow[];

/** Writes the article row and its paragraph links; returns the stored paragraphs in order. */
function writeContent(
  kz: KzDb,
  input: StoreInput,
  existing: Existing | undefined,
  dedup: DedupStep | undefined,
): { id: number; rows: StoredRow[] } {
  const { draft, page } = input;
  const row = {
    sourceId: draft.sourceId,
    url: draft.url,
    title: draft.title,
    lead: draft.lead,
    language: draft.language,
    author: draft.author,
    tags: JSON.stringify(draft.tags),
    images: JSON.stringify(draft.images),
    publishedAt: draft.publishedAt,
    updatedAt: draft.updatedAt,
    seenAt: page.fetchedAt,
    contentHash: input.contentHash,
  };
  let id: number;
  let oldIds = new Set<number>();
  if (existing) {
    id = existing.id;
    oldIds = linkedParagraphs(kz, id);
    prepared(kz, SQL.update).run({ ...row, id });
    prepared(kz, SQL.unlink).run(id);
  } else {
    // Without a dedup step every paragraph is body, so the final body is known now (no second write).
    const body = dedup ? '' : draft.paragraphs.join('\n');
    id = prepared(kz, SQL.insert).pluck().get({ ...row, body }) as number;
  }
  const ids = relinkParagraphs(
    kz,
    { ids: oldIds, sourceId: existing?.sourceId ?? null },
    { hashes: input.paragraphHashes, texts: draft.paragraphs, sourceId: draft.sourceId },
  );
  linkParagraphs(kz, id, ids);
  const rows = ids.map(
    (paragraphId, position): StoredRow => ({
      paragraphId,
      position,
      hash: input.paragraphHashes[position] as string,
      text: draft.paragraphs[position] as string,
      role: 'body',
    }),
  );
  return { id, rows };
}

function applyRoles(kz: KzDb, articleId: number, rows: StoredRow[], roles: readonly ParagraphRole[]): boolean {
  const setRole = prepared(kz, SQL.setRole);
  let changed = false;
  rows.forEach((row, i) => {
    const role = roles[i] as ParagraphRole;
    if (row.role === role) return;
    setRole.run(role, articleId, row.position);
    changed = true;
  });
  return changed;
}

function logStoredFetch(kz: KzDb, input: StoreInput, articleId: number, outcome: StoreOutcome): void {
  const { page } = input;
  prepared(kz, SQL.fetch).run({
    url: page.requestedUrl ?? page.url,
    finalUrl: page.url,
    sourceId: input.draft.sourceId,
    status: page.status,
    bytes: page.bytes,
    durationMs: page.durationMs,
    renderer: page.renderer,
    outcome: outcome === 'unchanged' ? 'unchanged' : 'stored',
    etag: page.etag,
    lastModified: page.lastModified,
    articleId,
    crawlRunId: input.crawlRunId ?? null,
    fetchedAt: page.fetchedAt,
  });
}

function storeInTransaction(
  kz: KzDb,
  input: StoreInput,
  raw: RawBlob | null,
  dedup: DedupStep | undefined,
): StoreResult {
  checkInput(kz, input);
  const { draft, page } = input;
  const existing = prepared(kz, SQL.find).get(draft.url) as Existing | undefined;
  const outcome: StoreOutcome = !existing ? 'new' : existing.contentHash === input.contentHash ? 'unchanged' : 'updated';

  let articleId: number;
  let rows: StoredRow[];
  if (existing && outcome === 'unchanged') {
    articleId = existing.id;
    prepared(kz, SQL.touch).run(page.fetchedAt, page.fetchedAt, articleId);
    // Only a dedup step looks at an unchanged article's paragraphs again.
    rows = dedup ? storedParagraphs(kz, articleId) : [];
  } else {
    ({ id: articleId, rows } = writeContent(kz, input, existing, dedup));
  }

  let result: StoreResult = {
    articleId,
    outcome,
    revision: (existing?.revision ?? 0) + (outcome === 'unchanged' ? 0 : 1),
    duplicateOf: existing?.duplicateOf ?? null,
    storyId: existing?.storyId ?? null,
  };
  if (outcome === 'new' && !dedup) {
    insertFtsRow(kz, articleId, { title: draft.title, lead: draft.lead, body: draft.paragraphs.join('\n') });
  } else if (outcome !== 'unchanged' || dedup) {
    // (Unchanged and no dedup step: nothing to decide, the stored body and FTS row stand.)
    const decision: DedupDecision = dedup
      ? dedup(kz, { articleId, sourceId: draft.sourceId, outcome, draft, contentHash: input.contentHash, paragraphs: rows.map(({ role: _, ...p }) => p) })
      : { roles: rows.map(() => 'body'), duplicateOf: null, storyId: null, fingerprint: null };
    checkDecision(decision, rows.length, draft.url);
    const rolesChanged = applyRoles(kz, articleId, rows, decision.roles);
    const body = joinBody(rows, decision.roles);
    prepared(kz, SQL.setDecision).run({
      id: articleId,
      body,
      duplicateOf: decision.duplicateOf,
      storyId: decision.storyId,
      fingerprint: decision.fingerprint,
    });
    if (outcome === 'new') insertFtsRow(kz, articleId, { title: draft.title, lead: draft.lead, body });
    else if (outcome === 'updated') replaceFtsRow(kz, articleId, { title: draft.title, lead: draft.lead, body });
    else if (existing && rolesChanged) replaceFtsRow(kz, articleId, { title: existing.title, lead: existing.lead, body });
    result = { ...result, duplicateOf: decision.duplicateOf, storyId: decision.storyId };
  }

  // A re-extraction replays the stored raw page: it stands, unless the page now lands on a new article.
  if (!replaysRawPage(input) || outcome === 'new') {
    const blob = raw ?? compressHtml(page.html);
    prepared(kz, SQL.raw).run(articleId, page.url, blob.encoding, blob.data, page.renderer, page.fetchedAt);
  }
  if (input.logFetch !== false) logStoredFetch(kz, input, articleId, outcome);
  return result;
}

/** Nothing was fetched (`kznews reextract`): the input's HTML is the stored raw page. */
export const replaysRawPage = (input: StoreInput): boolean => input.logFetch === false;

/** Compressing before the transaction keeps the write lock short; a replay usually needs no compression at all. */
const compressOutside = (input: StoreInput): RawBlob | null => (replaysRawPage(input) ? null : compressHtml(input.page.html));

/**
 * storeArticle with its raw page already compressed (null: compress inside if it must be stored).
 * FTS rows are written last in the transaction (see deferFtsWrites).
 */
export function writeArticle(kz: KzDb, input: StoreInput, raw: RawBlob | null, dedup?: DedupStep): StoreResult {
  return kz.sqlite.transaction(() => deferFtsWrites(kz, () => storeInTransaction(kz, input, raw, dedup))).immediate();
}

/**
 * storeArticles with the raw pages already compressed (`raws[i]` for `inputs[i]`). No savepoint per
 * article, because FTS5 flushes its pending terms at every savepoint; instead, if any article fails,
 * the batch is rolled back and stored again one transaction per article, so each is still all or
 * nothing and the failing one is reported in its slot while the others are stored. (The dedup step
 * then runs twice for the articles before it; its first writes went with the rollback.)
 */
export function writeArticles(
  kz: KzDb,
  inputs: readonly StoreInput[],
  raws: readonly (RawBlob | null)[],
  dedup?: DedupStep,
): StoreBatchItem[] {
  try {
    return kz.sqlite
      .transaction(() =>
        deferFtsWrites(kz, () =>
          inputs.map((input, i): StoreBatchItem => ({ ok: true, result: storeInTransaction(kz, input, raws[i] ?? null, dedup) })),
        ),
      )
      .immediate();
  } catch {
    return inputs.map((input, i): StoreBatchItem => {
      try {
        return { ok: true, result: writeArticle(kz, input, raws[i] ?? null, dedup) };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e : new Error(String(e)) };
      }
    });
  }
}

/**
 * Stores one extracted article: a new row, a new revision of the row for its URL, or (same content
 * hash) just a sighting. The dedup step runs inside the transaction, after the paragraphs are written
 * and before the body and FTS row are; if anything throws, nothing of this article is written.
 * Compresses the raw page on the calling thread: storeArticleAsync leaves that to the thread pool.
 */
export function storeArticle(kz: KzDb, input: StoreInput, dedup?: DedupStep): StoreResult {
  return writeArticle(kz, input, compressOutside(input), dedup);
}

/**
 * Stores many articles in one transaction: the batch pays for one commit and one FTS5 segment, most
 * of the cost of a small write. Each article is still all or nothing (see writeArticles).
 * storeArticleBatches does the same with compression off the main thread, overlapped with the writes.
 */
export function storeArticles(kz: KzDb, inputs: readonly StoreInput[], dedup?: DedupStep): StoreBatchItem[] {
  return writeArticles(kz, inputs, inputs.map(compressOutside), dedup);
}

/**
 * Rebuilds an article's body and FTS row from the roles in article_paragraphs (after dedup marks a
 * paragraph as boilerplate that older articles still carry). Returns whether the body changed.
 */
export function refreshArticleBody(kz: KzDb, articleId: number): boolean {
  return kz.sqlite.transaction(() => {
    const article = prepared(kz, SQL.title).get(articleId) as { title: string; lead: string | null; body: string } | undefined;
    if (!article) throw new Error(`refreshArticleBody: no article ${articleId}`);
    const rows = storedParagraphs(kz, articleId);
    const body = joinBody(rows, rows.map((r) => r.role));
    if (body === article.body) return false;
    prepared(kz, SQL.setBody).run(body, articleId);
    replaceFtsRow(kz, articleId, { title: article.title, lead: article.lead, body });
    return true;
  })();
}
