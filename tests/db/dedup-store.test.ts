import { afterEach, describe, expect, it } from 'vitest';
import { copiesOf, dedupStats, rebuildDedup, storySiblings } from '../../src/db/dedup-store.js';
import { getArticle, searchArticles } from '../../src/db/queries.js';
import type { KzDb } from '../../src/db/types.js';
import type { ArticleDraft } from '../../src/scrapers/types.js';
import { DEDUP } from '../../src/settings.js';
import { SEED_IDS, SEED_SOURCES, seedDraft, seedLines } from '../pipeline/seed-drafts.js';
import { FIXED_NOW, article, bodyOf, dedupDb, prose, random, row, store, type DedupDb } from './dedup/helpers.js';

const open: DedupDb[] = [];
const db = (...sources: string[]): DedupDb => {
  const d = dedupDb(sources);
  open.push(d);
  return d;
};
afterEach(() => {
  for (const d of open.splice(0)) d.cleanup();
});

const SOURCES = [...SEED_SOURCES, 'mirror', 'tengri', 'nbk'];
const FOOTER = 'Подписывайтесь на наш Telegram-канал Tengrinews.kz и будьте в курсе главных новостей';
const QUOTE = '"Казахстан твердо поддерживает борьбу против трех зол: терроризма, сепаратизма и экстремизма", – сказал Президент.';

/** Every kind of repetition the seeds show, as one set of pages. */
function pages(): ArticleDraft[] {
  const neighbour = article('orda', 'neighbour', prose(41, 3), { title: 'Суд Алматы отправил руководителя таможенной лаборатории в колонию' });
  return [
    ...SEED_IDS.map((id) => seedDraft(id)),
    seedDraft('001', { url: 'https://mirror.kz/news/tokaev-shos?utm_source=telegram', sourceId: 'mirror', publishedAt: '2025-09-01T09:00:00.000Z' }),
    seedDraft('003', {
      url: 'https://tengri.kz/news/tokaev-tianjin',
      sourceId: 'tengri',
      publishedAt: '2025-09-01T05:00:00.000Z',
      paragraphs: [...seedDraft('003').paragraphs.slice(0, 30), FOOTER],
    }),
    ...Array.from({ length: DEDUP.boilerplateMinArticles + 1 }, (_, i) =>
      article('tengri', `t${i}`, [...prose(100 + i, 3), FOOTER], { publishedAt: `2025-08-2${i}T10:00:00.000Z` }),
    ),
    neighbour,
    article('orda', 'glued', [...prose(40, 3), neighbour.title, ...neighbour.paragraphs]),
    article('tengri', 'quote', [...prose(60, 2), QUOTE]),
    article('mirror', 'quote', [QUOTE, ...prose(61, 2)]),
    ...[20, 21].map((d) =>
      article('nbk', `kurs-${d}`, [`Курс доллара на ${d} ноября 2024 года составил ${490 + d},5 тенге.`, ...prose(7, 2)], {
        publishedAt: `2024-11-${d}T03:00:00.000Z`,
      }),
    ),
  ];
}

interface Snapshot {
  body: string;
  duplicateOf: string | null;
  story: string[] | null;
}

/** What dedup decided, by URL (ids and story ids depend on arrival order; URLs do not). */
function snapshot(kz: KzDb): Record<string, Snapshot> {
  const rows = kz.sqlite.prepare('SELECT id, url, body, duplicate_of AS dup, story_id AS story FROM articles').all() as {
    id: number;
    url: string;
    body: string;
    dup: number | null;
    story: number | null;
  }[];
  const urlOf = new Map(rows.map((r) => [r.id, r.url]));
  const out: Record<string, Snapshot> = {};
  for (const r of rows) {
    out[r.url] = {
      body: r.body,
      duplicateOf: r.dup === null ? null : (urlOf.get(r.dup) as string),
      story: r.story === null ? null : rows.filter((o) => o.story === r.story).map((o) => o.url).sort(),
    };
  }
  return out;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function ingest(drafts: readonly ArticleDraft[]): Record<string, Snapshot> {
  const { kz } = db(...SOURCES);
  for (const d of drafts) store(kz, d);
  return snapshot(kz);
}

describe('the seeds stored through the dedup step', () => {
  it('000 stores the summit paragraphs once and the title once', () => {
    const { kz } = db(...SOURCES);
    const draft = seedDraft('000');
    store(kz, draft);
    const body = bodyOf(kz, draft.url);
    expect(body.filter((p) => p.startsWith('Подводя итоги заседания'))).toHaveLength(1);
    expect(body.filter((p) => p.startsWith('– Мы с оптимизмом смотрим'))).toHaveLength(1);
    expect(body).not.toContain(draft.title);
    const view = getArticle(kz, draft.url);
    expect(view).toMatchObject({ title: draft.title, lead: null });
  });

  it('002 has no tag line, 003 no comments counter, 004 no list of counters', () => {
    const { kz } = db(...SOURCES);
    for (const id of ['002', '003', '004'] as const) store(kz, seedDraft(id));
    expect(bodyOf(kz, seedDraft('002').url)).not.toContain('ШОС МИД РК МИД Шанхайская организация Международное сотрудничество');
    expect(row(kz, seedDraft('003').url).body).not.toMatch(/Комментари/);
    expect(bodyOf(kz, seedDraft('004').url)).toEqual(seedLines('004_39e5358c49e29764.txt').slice(0, 9));
  });

  it('puts 001 and 003 in one story without making either a copy of the other', () => {
    const { kz } = db(...SOURCES);
    for (const id of SEED_IDS) store(kz, seedDraft(id));
    const a = row(kz, seedDraft('001').url);
    const b = row(kz, seedDraft('003').url);
    expect(a.storyId).not.toBeNull();
    expect(b.storyId).toBe(a.storyId);
    expect([a.duplicateOf, b.duplicateOf]).toEqual([null, null]);
    for (const id of ['000', '002', '004'] as const) expect(row(kz, seedDraft(id).url).storyId).toBeNull();
    expect(storySiblings(kz, a.id).map((s) => s.url)).toEqual([b.url]);
    const story = kz.sqlite.prepare('SELECT title, first_published_at AS first, last_published_at AS last, article_count AS n, created_at AS created FROM stories').all();
    expect(story).toEqual([
      { title: seedDraft('001').title, first: '2025-09-01T06:12:00.000Z', last: '2025-09-01T11:40:00.000Z', n: 2, created: FIXED_NOW.toISOString() },
    ]);
  });

  it('keeps a verbatim copy of 001 in the story of its original, listed as a copy and not as a sibling', () => {
    const { kz } = db(...SOURCES);
    for (const id of SEED_IDS) store(kz, seedDraft(id));
    const copy = seedDraft('001', { url: 'https://mirror.kz/news/tokaev-shos?utm_source=telegram', sourceId: 'mirror' });
    const stored = store(kz, copy);
    const a = row(kz, seedDraft('001').url);
    expect(stored).toMatchObject({ duplicateOf: a.id, storyId: a.storyId });
    expect(copiesOf(kz, a.id).map((c) => c.url)).toEqual([copy.url]);
    expect(storySiblings(kz, a.id).map((s) => s.url)).toEqual([seedDraft('003').url]);
    expect(storySiblings(kz, stored.articleId).map((s) => s.url)).toEqual([seedDraft('003').url]);
    expect(dedupStats(kz)).toEqual({ duplicates: 1, stories: 1, articlesInStories: 3 });
    // --dedup shows one article per story and hides the copy.
    const urls = searchArticles(kz, { dedup: true, limit: 100 }).map((v) => v.url);
    expect(urls.filter((u) => [a.url, copy.url, seedDraft('003').url].includes(u))).toHaveLength(1);
    expect(urls).toHaveLength(4);
  });

  it('does not link the same event across more days than the story window', () => {
    const { kz } = db(...SOURCES);
    store(kz, seedDraft('001'));
    const late = new Date(Date.parse('2025-09-01T11:40:00.000Z') + (DEDUP.storyWindowDays + 1) * 86_400_000).toISOString();
    expect(store(kz, seedDraft('003', { publishedAt: late })).storyId).toBeNull();
  });

  it('dissolves a story when a changed article leaves it alone', () => {
    const { kz } = db(...SOURCES);
    store(kz, seedDraft('001'));
    store(kz, seedDraft('003'));
    expect(dedupStats(kz).stories).toBe(1);
    store(kz, seedDraft('003', { paragraphs: prose(9) }), '2025-09-03T00:00:00.000Z');
    expect(dedupStats(kz)).toEqual({ duplicates: 0, stories: 0, articlesInStories: 0 });
  });
});

describe('order independence', () => {
  it('gives the same bodies, copies and stories whatever order the pages arrive in', () => {
    const forward = ingest(pages());
    expect(ingest([...pages()].reverse())).toEqual(forward);
    expect(ingest(shuffled(pages(), 7))).toEqual(forward);
    expect(ingest(shuffled(pages(), 11))).toEqual(forward);
  });

  it('decides every kind of repetition in that set', () => {
    const s = ingest(shuffled(pages(), 3));
    const mirror = 'https://mirror.kz/news/tokaev-shos?utm_source=telegram';
    expect(s[mirror]?.duplicateOf).toBe(seedDraft('001').url);
    // The shorter run of 003 on tengri was published first: it is the original of the pair.
    expect(s[seedDraft('003').url]?.duplicateOf).toBe('https://tengri.kz/news/tokaev-tianjin');
    expect(s[seedDraft('001').url]?.story).toEqual(
      [seedDraft('001').url, mirror, seedDraft('003').url, 'https://tengri.kz/news/tokaev-tianjin'].sort(),
    );
    expect(s['https://tengri.kz/news/t0']?.body).toBe(prose(100, 3).join('\n'));
    expect(s['https://orda.kz/news/glued']?.body).toBe(prose(40, 3).join('\n'));
    expect(s['https://tengri.kz/news/quote']?.body).toContain(QUOTE);
    expect(s['https://mirror.kz/news/quote']?.body).toContain(QUOTE);
    expect(s['https://nbk.kz/news/kurs-21']?.duplicateOf).toBeNull();
  });
});

describe('rebuildDedup', () => {
  it('recomputes everything from the stored paragraphs to the same result', () => {
    const { kz } = db(...SOURCES);
    for (const d of shuffled(pages(), 5)) store(kz, d);
    const before = snapshot(kz);
    const bands = kz.sqlite.prepare('SELECT count(*) FROM minhash_bands').pluck().get();
    const progress: number[] = [];
    const result = rebuildDedup(kz, (done) => progress.push(done), { now: () => FIXED_NOW });
    expect(snapshot(kz)).toEqual(before);
    expect(kz.sqlite.prepare('SELECT count(*) FROM minhash_bands').pluck().get()).toBe(bands);
    expect(progress).toHaveLength(pages().length);
    expect(result).toEqual({ articles: pages().length, ...pick(dedupStats(kz)) });
  });

  it('repairs a database whose dedup state was lost', () => {
    const { kz } = db(...SOURCES);
    for (const d of pages()) store(kz, d);
    const before = snapshot(kz);
    kz.sqlite.exec("DELETE FROM site_boilerplate; UPDATE articles SET duplicate_of = NULL, story_id = NULL; DELETE FROM stories; UPDATE article_paragraphs SET role = 'body'");
    rebuildDedup(kz);
    expect(snapshot(kz)).toEqual(before);
  });
});

const pick = ({ duplicates, stories }: { duplicates: number; stories: number }) => ({ duplicates, stories });
