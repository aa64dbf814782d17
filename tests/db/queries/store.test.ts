import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getArticle,
  rawPages,
  refreshArticleBody,
  searchArticles,
  storeArticle,
  storeArticleAsync,
  storeArticleBatches,
  storeArticles,
} from '../../../src/db/queries.js';
import type { StoreBatchItem, StoreInput } from '../../../src/db/types.js';
import { DB } from '../../../src/settings.js';
import type { DedupContext, DedupStep } from '../../../src/db/types.js';
import { count, draft, input, sha, tempDb, withSources, type TempDb } from '../helpers.js';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  withSources(t.kz, 'akorda.kz', 'zakon.kz');
});
afterEach(() => t.cleanup());

const URL = 'https://www.akorda.kz/ru/news/1';
const BOILER = 'Подписывайтесь на наш канал в Telegram.';

const paragraphRow = (text: string) =>
  t.kz.sqlite
    .prepare('SELECT article_count AS articles, source_count AS sources FROM paragraphs WHERE hash = ?')
    .get(sha(text)) as { articles: number; sources: number } | undefined;

const perSource = (text: string) =>
  t.kz.sqlite
    .prepare(
      `SELECT ps.source_id AS source, ps.article_count AS articles FROM paragraph_sources ps
       JOIN paragraphs p ON p.id = ps.paragraph_id WHERE p.hash = ? ORDER BY ps.source_id`,
    )
    .all(sha(text));

const found = (words: string): number[] => searchArticles(t.kz, { words }).map((a) => a.id);

/** Documents in the FTS index (contentless: its docsize table has one row per indexed article). */
const ftsRows = (): number => count(t.kz, 'articles_fts_docsize');

/** FTS5's own check of its index; throws SQLITE_CORRUPT_VTAB when a row is indexed twice or half. */
function ftsIntact(): boolean {
  t.kz.sqlite.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").run();
  return true;
}

describe('storeArticle', () => {
  it('stores a new article with its paragraphs, FTS row, raw page and fetch log', () => {
    const d = draft({ url: URL, sourceId: 'akorda.kz', title: 'Глава государства', paragraphs: ['Саммит ШОС.', BOILER] });
    const r = storeArticle(t.kz, input(d, { etag: '"v1"' }));
    expect(r).toEqual({ articleId: 1, outcome: 'new', revision: 1, duplicateOf: null, storyId: null });
    expect(getArticle(t.kz, 1)).toMatchObject({
      url: URL,
      source: 'akorda.kz',
      title: 'Глава государства',
      text: `Саммит ШОС.\n${BOILER}`,
      revision: 1,
      firstSeen: '2024-07-04T10:05:00.000Z',
      lastSeen: '2024-07-04T10:05:00.000Z',
    });
    expect(count(t.kz, 'paragraphs')).toBe(2);
    expect(count(t.kz, 'article_paragraphs', 'article_id = 1')).toBe(2);
    expect(count(t.kz, 'raw_pages')).toBe(1);
    expect(
      t.kz.sqlite.prepare('SELECT url, final_url AS finalUrl, outcome, etag, article_id AS articleId FROM fetches').all(),
    ).toEqual([{ url: URL, finalUrl: URL, outcome: 'stored', etag: '"v1"', articleId: 1 }]);
    expect(found('саммит')).toEqual([1]);
  });

  it('stores the same URL twice as one article: unchanged, last seen bumped, two fetch rows', () => {
    const d = draft({ url: URL, sourceId: 'akorda.kz' });
    storeArticle(t.kz, input(d));
    const again = storeArticle(t.kz, input(d, { fetchedAt: '2024-07-05T08:00:00.000Z' }));
    expect(again).toEqual({ articleId: 1, outcome: 'unchanged', revision: 1, duplicateOf: null, storyId: null });
    expect(count(t.kz, 'articles')).toBe(1);
    expect(t.kz.sqlite.prepare('SELECT outcome FROM fetches ORDER BY id').pluck().all()).toEqual(['stored', 'unchanged']);
    expect(getArticle(t.kz, URL)).toMatchObject({
      firstSeen: '2024-07-04T10:05:00.000Z',
      lastSeen: '2024-07-05T08:00:00.000Z',
    });
    expect(paragraphRow('Первый абзац.')).toEqual({ articles: 1, sources: 1 });
  });

  it('makes a changed article a new revision and moves the paragraph counts with it', () => {
    const other = 'https://www.akorda.kz/ru/news/2';
    storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Старый абзац.', BOILER] })));
    storeArticle(t.kz, input(draft({ url: other, sourceId: 'akorda.kz', paragraphs: ['Другая новость.', BOILER] })));
    expect(paragraphRow(BOILER)).toEqual({ articles: 2, sources: 1 });

    const r = storeArticle(
      t.kz,
      input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Новый абзац.'] }), { fetchedAt: '2024-07-06T00:00:00.000Z' }),
    );
    expect(r).toMatchObject({ articleId: 1, outcome: 'updated', revision: 2 });
    expect(count(t.kz, 'articles')).toBe(2);
    expect(paragraphRow('Старый абзац.')).toEqual({ articles: 0, sources: 0 });
    expect(perSource('Старый абзац.')).toEqual([]);
    expect(paragraphRow(BOILER)).toEqual({ articles: 1, sources: 1 });
    expect(perSource(BOILER)).toEqual([{ source: 'akorda.kz', articles: 1 }]);
    expect(paragraphRow('Новый абзац.')).toEqual({ articles: 1, sources: 1 });
    expect(getArticle(t.kz, 1)).toMatchObject({ text: 'Новый абзац.', revision: 2, lastSeen: '2024-07-06T00:00:00.000Z' });
    expect(found('старый')).toEqual([]);
    expect(found('новый')).toEqual([1]);
  });

  it('keeps the kept paragraphs of a revision counted once', () => {
    storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['А абзац.', 'Б абзац.'] })));
    storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['А абзац.', 'В абзац.'] })));
    expect(paragraphRow('А абзац.')).toEqual({ articles: 1, sources: 1 });
    expect(perSource('А абзац.')).toEqual([{ source: 'akorda.kz', articles: 1 }]);
  });

  it('counts a paragraph by distinct articles and distinct sources', () => {
    storeArticle(t.kz, input(draft({ url: `${URL}a`, sourceId: 'akorda.kz', paragraphs: [BOILER, 'Раз.', BOILER] })));
    storeArticle(t.kz, input(draft({ url: `${URL}b`, sourceId: 'akorda.kz', paragraphs: [BOILER, 'Два.'] })));
    storeArticle(t.kz, input(draft({ url: 'https://www.zakon.kz/1', sourceId: 'zakon.kz', paragraphs: [BOILER] })));
    expect(paragraphRow(BOILER)).toEqual({ articles: 3, sources: 2 });
    expect(perSource(BOILER)).toEqual([
      { source: 'akorda.kz', articles: 2 },
      { source: 'zakon.kz', articles: 1 },
    ]);
    expect(count(t.kz, 'article_paragraphs', 'article_id = 1')).toBe(3);
  });

  it('hands the dedup step the stored paragraphs and keeps only body-role paragraphs in the body and FTS', () => {
    t.kz.sqlite.exec("INSERT INTO stories (title, created_at) VALUES ('Саммит', '2024-07-04T00:00:00.000Z')");
    const seen: DedupContext[] = [];
    const step: DedupStep = (kz, ctx) => {
      seen.push(ctx);
      const uses = kz.sqlite.prepare('SELECT article_count FROM paragraphs WHERE id = ?').pluck();
      return {
        roles: ctx.paragraphs.map((p) => (p.text === BOILER && (uses.get(p.paragraphId) as number) >= 1 ? 'boilerplate' : 'body')),
        duplicateOf: null,
        storyId: 1,
        fingerprint: 'abc123',
      };
    };
    const d = draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Телеграм-канал пресс-службы.', BOILER] });
    const r = storeArticle(t.kz, input(d), step);
    expect(r).toEqual({ articleId: 1, outcome: 'new', revision: 1, duplicateOf: null, storyId: 1 });
    expect(seen[0]).toMatchObject({ articleId: 1, sourceId: 'akorda.kz', outcome: 'new', contentHash: sha(d.paragraphs.join('\n')) });
    expect(seen[0]?.paragraphs).toEqual([
      { paragraphId: 1, hash: sha('Телеграм-канал пресс-службы.'), text: 'Телеграм-канал пресс-службы.', position: 0 },
      { paragraphId: 2, hash: sha(BOILER), text: BOILER, position: 1 },
    ]);
    expect(getArticle(t.kz, 1)).toMatchObject({ text: 'Телеграм-канал пресс-службы.', storyId: 1 });
    expect(t.kz.sqlite.prepare('SELECT role FROM article_paragraphs ORDER BY position').pluck().all()).toEqual(['body', 'boilerplate']);
    expect(t.kz.sqlite.prepare('SELECT fingerprint FROM articles').pluck().get()).toBe('abc123');
    expect(found('подписывайтесь')).toEqual([]);
    expect(found('телеграм')).toEqual([1]);

    const again = storeArticle(t.kz, input(d), step);
    expect(again).toMatchObject({ outcome: 'unchanged', storyId: 1 });
    expect(seen[1]).toMatchObject({ outcome: 'unchanged', paragraphs: seen[0]?.paragraphs });
  });

  it('rejects a dedup decision with the wrong number of roles, writing nothing', () => {
    const step: DedupStep = () => ({ roles: ['body'], duplicateOf: null, storyId: null, fingerprint: null });
    expect(() => storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz' })), step)).toThrow(
      `dedup step for ${URL} gave 1 roles for 2 paragraphs, or an unknown role`,
    );
    expect(count(t.kz, 'articles')).toBe(0);
  });

  it('leaves nothing behind when the transaction fails midway (a throwing dedup step)', () => {
    const boom: DedupStep = () => {
      throw new Error('dedup crashed');
    };
    expect(() => storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Саммит ШОС.'] })), boom)).toThrow(
      'dedup crashed',
    );
    for (const table of ['articles', 'paragraphs', 'paragraph_sources', 'article_paragraphs', 'raw_pages', 'fetches']) {
      expect(count(t.kz, table), table).toBe(0);
    }
    expect(count(t.kz, 'articles_fts_docsize')).toBe(0);
    expect(found('саммит')).toEqual([]);
  });

  it('keeps the previous revision whole when storing a new one fails', () => {
    storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Старый абзац.'] })));
    const boom: DedupStep = () => {
      throw new Error('dedup crashed');
    };
    expect(() => storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Новый абзац.'] })), boom)).toThrow();
    expect(getArticle(t.kz, 1)).toMatchObject({ text: 'Старый абзац.', revision: 1 });
    expect(paragraphRow('Старый абзац.')).toEqual({ articles: 1, sources: 1 });
    expect(paragraphRow('Новый абзац.')).toBeUndefined();
    expect(count(t.kz, 'fetches')).toBe(1);
    expect(found('старый')).toEqual([1]);
  });

  it('says which source is missing and refuses hashes that do not match the paragraphs', () => {
    expect(() => storeArticle(t.kz, input(draft({ url: 'https://x.kz/1', sourceId: 'x.kz' })))).toThrow(
      'storeArticle(https://x.kz/1): source "x.kz" is not in the database (upsertSources or ensureSource first)',
    );
    const bad = { ...input(draft({ url: URL, sourceId: 'akorda.kz' })), paragraphHashes: ['x'] };
    expect(() => storeArticle(t.kz, bad)).toThrow(`storeArticle(${URL}): 1 paragraph hashes for 2 paragraphs`);
  });

  it('logs the requested URL and the redirect target of the fetch behind a store', () => {
    const base = input(draft({ url: URL, sourceId: 'akorda.kz' }));
    storeArticle(t.kz, { ...base, page: { ...base.page, requestedUrl: 'https://akorda.kz/ru/news/1?utm=x' } });
    expect(t.kz.sqlite.prepare('SELECT url, final_url AS finalUrl FROM fetches').get()).toEqual({
      url: 'https://akorda.kz/ru/news/1?utm=x',
      finalUrl: URL,
    });
  });
});

describe('storeArticle replaying a raw page (re-extraction)', () => {
  it('logs no fetch and keeps the stored raw page, but gives a raw page to an article that is new', () => {
    storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz' }), { html: '<p>as fetched</p>' }));
    const replay = { ...input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Перечитано.'] }), { html: '<p>replayed</p>' }), logFetch: false };
    expect(storeArticle(t.kz, replay)).toMatchObject({ outcome: 'updated', revision: 2 });
    const moved = { ...input(draft({ url: `${URL}-canonical`, sourceId: 'akorda.kz' }), { html: '<p>moved</p>' }), logFetch: false };
    expect(storeArticle(t.kz, moved)).toMatchObject({ articleId: 2, outcome: 'new' });
    expect(count(t.kz, 'fetches')).toBe(1);
    expect([...rawPages(t.kz)].map((p) => [p.articleId, p.html])).toEqual([
      [1, '<p>as fetched</p>'],
      [2, '<p>moved</p>'],
    ]);
  });
});

describe('storeArticles', () => {
  it('stores a batch in one transaction, each article all or nothing, reporting the one that failed', () => {
    const step: DedupStep = (_kz, ctx) => {
      if (ctx.draft.title === 'Сломано') throw new Error('dedup crashed');
      return { roles: ctx.paragraphs.map(() => 'body'), duplicateOf: null, storyId: null, fingerprint: null };
    };
    const items = storeArticles(
      t.kz,
      [
        input(draft({ url: `${URL}/a`, sourceId: 'akorda.kz', paragraphs: ['Общий абзац.', 'Один.'] })),
        input(draft({ url: `${URL}/b`, sourceId: 'akorda.kz', title: 'Сломано', paragraphs: ['Общий абзац.', 'Два.'] })),
        input(draft({ url: `${URL}/c`, sourceId: 'akorda.kz', paragraphs: ['Общий абзац.', 'Три.'] })),
      ],
      step,
    );
    expect(items.map((i) => (i.ok ? i.result.outcome : i.error.message))).toEqual(['new', 'dedup crashed', 'new']);
    expect(t.kz.sqlite.prepare('SELECT url FROM articles ORDER BY id').pluck().all()).toEqual([`${URL}/a`, `${URL}/c`]);
    expect(paragraphRow('Общий абзац.')).toEqual({ articles: 2, sources: 1 });
    expect(paragraphRow('Два.')).toBeUndefined();
    expect(count(t.kz, 'raw_pages')).toBe(2);
    expect(count(t.kz, 'fetches')).toBe(2);
  });

  it('indexes the last text of a URL stored twice in one batch, once', () => {
    const items = storeArticles(t.kz, [
      input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Первая редакция.'] })),
      input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Вторая редакция.'] })),
    ]);
    expect(items.map((i) => i.ok && i.result.outcome)).toEqual(['new', 'updated']);
    expect(found('первая')).toEqual([]);
    expect(found('вторая')).toEqual([1]);
    expect(ftsRows()).toBe(1);
    expect(ftsIntact()).toBe(true);
  });

  it('keeps FTS rows in step when the dedup step refreshes articles stored before and earlier in the batch', () => {
    const step: DedupStep = (kz, ctx) => {
      if (ctx.draft.title === 'Второй') {
        kz.sqlite.prepare("UPDATE article_paragraphs SET role = 'boilerplate' WHERE article_id IN (1, 2) AND position = 1").run();
        refreshArticleBody(kz, 1);
        refreshArticleBody(kz, 2);
      }
      return { roles: ctx.paragraphs.map(() => 'body'), duplicateOf: null, storyId: null, fingerprint: null };
    };
    storeArticle(t.kz, input(draft({ url: `${URL}/0`, sourceId: 'akorda.kz', paragraphs: ['Давний текст.', BOILER] })));
    storeArticles(
      t.kz,
      [
        input(draft({ url: `${URL}/a`, sourceId: 'akorda.kz', title: 'Первый', paragraphs: ['Саммит ШОС.', BOILER] })),
        input(draft({ url: `${URL}/b`, sourceId: 'akorda.kz', title: 'Второй', paragraphs: ['Визит в Астану.'] })),
      ],
      step,
    );
    expect(getArticle(t.kz, 2)?.text).toBe('Саммит ШОС.');
    expect(found('telegram')).toEqual([]);
    expect(found('давний')).toEqual([1]);
    expect(found('шос')).toEqual([2]);
    expect(found('визит')).toEqual([3]);
    expect(ftsRows()).toBe(3);
    expect(ftsIntact()).toBe(true);
  });
});

describe('storing with brotli on the thread pool', () => {
  it('storeArticleAsync stores as storeArticle does, raw page compressed', async () => {
    const html = `<html><body>${'<p>Саммит ШОС в Астане.</p>'.repeat(200)}</body></html>`;
    const r = await storeArticleAsync(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Саммит ШОС.'] }), { html }));
    expect(r).toEqual({ articleId: 1, outcome: 'new', revision: 1, duplicateOf: null, storyId: null });
    expect([...rawPages(t.kz)].map((p) => p.html)).toEqual([html]);
    expect(t.kz.sqlite.prepare('SELECT length(html) FROM raw_pages').pluck().get()).toBeLessThan(Buffer.byteLength(html) / 10);
    expect(found('шос')).toEqual([1]);
    const replay = { ...input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Другой текст.'] }), { html: '<p>other</p>' }), logFetch: false };
    expect(await storeArticleAsync(t.kz, replay)).toMatchObject({ outcome: 'updated', revision: 2 });
    expect([...rawPages(t.kz)].map((p) => p.html)).toEqual([html]);
  });

  it('storeArticleBatches writes each batch in order from an async source, each article all or nothing', async () => {
    const page = (i: number, paragraphs = [`Новость номер ${i}.`, BOILER]): StoreInput =>
      input(draft({ url: `${URL}/${i}`, sourceId: 'akorda.kz', paragraphs }), { html: `<p>страница ${i}</p>`.repeat(50) });
    async function* batches(): AsyncGenerator<StoreInput[]> {
      yield [page(1), page(2)];
      yield [page(3), { ...page(4), paragraphHashes: [] }, page(5)];
      yield [page(1, ['Новость номер 1, исправленная.'])];
    }
    const results: StoreBatchItem[][] = [];
    for await (const items of storeArticleBatches(t.kz, batches())) results.push(items);
    expect(results.map((b) => b.map((i) => (i.ok ? i.result.outcome : 'failed')))).toEqual([
      ['new', 'new'],
      ['new', 'failed', 'new'],
      ['updated'],
    ]);
    expect(t.kz.sqlite.prepare('SELECT url FROM articles ORDER BY id').pluck().all()).toEqual([1, 2, 3, 5].map((i) => `${URL}/${i}`));
    expect([...rawPages(t.kz)].map((p) => p.html)).toEqual([1, 2, 3, 5].map((i) => `<p>страница ${i}</p>`.repeat(50)));
    expect(found('исправленная')).toEqual([1]);
    expect(paragraphRow(BOILER)).toEqual({ articles: 3, sources: 1 });
    expect(ftsIntact()).toBe(true);
  });

  it('storeArticleBatches checkpoints beside its writes, starting the WAL over every DB.walRestartBatches batches', async () => {
    /** The WAL header's checkpoint sequence number: SQLite adds one each time it starts the file over. */
    const walRestarts = (): number => readFileSync(`${t.file}-wal`).readUInt32BE(12);
    const page = (i: number): StoreInput =>
      input(draft({ url: `${URL}/${i}`, sourceId: 'akorda.kz', paragraphs: [`Новость номер ${i}.`, BOILER] }), {
        html: `<p>страница ${i}</p>`.repeat(200),
      });
    const batches = Array.from({ length: 3 * DB.walRestartBatches + 2 }, (_, b) => [1, 2, 3].map((k) => page(b * 3 + k)));
    // The batches after which the file had started over: at least every DB.walRestartBatches-th, more when
    // the worker happened to finish before the next write (on the writer, these small batches would
    // never have reached a checkpoint at all).
    const restartedAt: number[] = [];
    let seen = walRestarts();
    let written = 0;
    for await (const items of storeArticleBatches(t.kz, batches)) {
      expect(items.every((i) => i.ok)).toBe(true);
      written += 1;
      if (walRestarts() !== seen) restartedAt.push(written);
      seen = walRestarts();
    }
    const gaps = [...restartedAt, batches.length + 1].map((at, i) => at - (restartedAt[i - 1] ?? 0));
    expect(restartedAt.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(DB.walRestartBatches + 1);
    expect(t.kz.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // The last batch was checkpointed too: nothing is left for the connection to copy.
    const [state] = t.kz.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(state?.checkpointed).toBe(state?.log);
    expect(count(t.kz, 'articles')).toBe(batches.length * 3);
    expect(found('номер 17')).toEqual([17]);
    expect(ftsIntact()).toBe(true);
  });

  it('storeArticleBatches checkpoints on the writer when the worker cannot open the database', async () => {
    const page = (i: number): StoreInput =>
      input(draft({ url: `${URL}/${i}`, sourceId: 'akorda.kz', paragraphs: [`Новость номер ${i}.`] }), { html: `<p>${i}</p>`.repeat(100) });
    const elsewhere = { ...t.kz, path: `${t.dir}/missing/kznews.db` };
    const batches = Array.from({ length: DB.walRestartBatches + 2 }, (_, b) => [page(b * 2 + 1), page(b * 2 + 2)]);
    for await (const items of storeArticleBatches(elsewhere, batches)) expect(items.every((i) => i.ok)).toBe(true);
    expect(count(t.kz, 'articles')).toBe(batches.length * 2);
    expect(t.kz.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const [state] = t.kz.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(state?.checkpointed).toBe(state?.log);
  });

  it('storeArticleBatches takes a plain iterable and stores nothing for no batches', async () => {
    const seen: StoreBatchItem[][] = [];
    for await (const items of storeArticleBatches(t.kz, [])) seen.push(items);
    for await (const items of storeArticleBatches(t.kz, [[input(draft({ url: URL, sourceId: 'akorda.kz' }))]])) seen.push(items);
    expect(seen.map((b) => b.length)).toEqual([1]);
    expect(count(t.kz, 'articles')).toBe(1);
  });
});

describe('refreshArticleBody', () => {
  it('rebuilds body and FTS from the roles a later dedup pass set, and says whether anything changed', () => {
    storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz', paragraphs: ['Саммит ШОС.', BOILER] })));
    expect(found('telegram')).toEqual([1]);
    t.kz.sqlite.prepare("UPDATE article_paragraphs SET role = 'boilerplate' WHERE article_id = 1 AND position = 1").run();
    expect(refreshArticleBody(t.kz, 1)).toBe(true);
    expect(getArticle(t.kz, 1)?.text).toBe('Саммит ШОС.');
    expect(found('telegram')).toEqual([]);
    expect(found('шос')).toEqual([1]);
    expect(refreshArticleBody(t.kz, 1)).toBe(false);
  });
});

describe('raw pages', () => {
  it('round-trip the HTML through brotli, smaller than it came', () => {
    const html = `<!doctype html><html><body>${'<p>Қазақстан Республикасының Президенті — ёлка.</p>'.repeat(500)}</body></html>`;
    storeArticle(t.kz, input(draft({ url: URL, sourceId: 'akorda.kz' }), { html }));
    storeArticle(t.kz, input(draft({ url: 'https://www.zakon.kz/1', sourceId: 'zakon.kz' })));
    const stored = t.kz.sqlite.prepare('SELECT encoding, length(html) AS size FROM raw_pages WHERE article_id = 1').get() as {
      encoding: string;
      size: number;
    };
    expect(stored.encoding).toBe('br');
    expect(stored.size).toBeLessThan(Buffer.byteLength(html) / 10);
    const pages = [...rawPages(t.kz, { source: 'akorda.kz' })];
    expect(pages).toEqual([
      { articleId: 1, url: URL, sourceId: 'akorda.kz', html, renderer: 'http', fetchedAt: '2024-07-04T10:05:00.000Z' },
    ]);
    expect([...rawPages(t.kz)].map((p) => p.articleId)).toEqual([1, 2]);
  });

  it('leave the connection free between batches, so the caller can store while reading', () => {
    for (let i = 0; i < 250; i++) storeArticle(t.kz, input(draft({ url: `${URL}/${i}`, sourceId: 'akorda.kz' })));
    let n = 0;
    for (const page of rawPages(t.kz)) {
      storeArticle(t.kz, input(draft({ url: page.url, sourceId: 'akorda.kz', paragraphs: ['Перечитано.'] })));
      n++;
    }
    expect(n).toBe(250);
    expect(count(t.kz, 'articles', 'revision = 2')).toBe(250);
  });
});
