import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getArticle, searchArticles, storeArticle } from '../../../src/db/queries.js';
import { UsageError } from '../../../src/errors.js';
import type { ArticleDraft } from '../../../src/scrapers/types.js';
import { draft, input, tempDb, withSources, type TempDb } from '../helpers.js';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  withSources(t.kz, 'akorda.kz', 'zakon.kz');
});
afterEach(() => t.cleanup());

let n = 0;
function put(over: Partial<ArticleDraft>): number {
  n++;
  const d = draft({ url: `https://www.akorda.kz/ru/news/${n}`, sourceId: 'akorda.kz', ...over });
  return storeArticle(t.kz, input(d)).articleId;
}
const ids = (words: string, more: Parameters<typeof searchArticles>[1] = {}): number[] =>
  searchArticles(t.kz, { ...more, words }).map((a) => a.id);

describe('searchArticles with words', () => {
  it('folds Cyrillic case both ways', () => {
    const a = put({ title: 'Саммит ШОС', paragraphs: ['Глава государства прибыл на саммит Шанхайской организации сотрудничества.'] });
    const b = put({ title: 'Новости', paragraphs: ['Министры стран шос встретились.'] });
    expect(ids('ШОС').sort()).toEqual([a, b]);
    expect(ids('шос').sort()).toEqual([a, b]);
    expect(ids('шанхайской')).toEqual([a]);
    expect(ids('ШАНХАЙСКОЙ Организации')).toEqual([a]);
  });

  it('finds a word that only the lead holds, and keeps the lead of a revision in step', () => {
    const a = put({ title: 'Визит', lead: 'Президент прибыл в Туркестан с рабочим визитом.', paragraphs: ['Глава государства осмотрел объекты.'] });
    put({ title: 'Другое', paragraphs: ['Погода в столице.'] });
    expect(ids('туркестан')).toEqual([a]);
    storeArticle(
      t.kz,
      input(draft({ url: getArticle(t.kz, a)?.url ?? '', sourceId: 'akorda.kz', title: 'Визит', lead: 'Президент прибыл в Шымкент.', paragraphs: ['Глава государства осмотрел новые объекты.'] })),
    );
    expect(ids('туркестан')).toEqual([]);
    expect(ids('ШЫМКЕНТ')).toEqual([a]);
  });

  it('finds ёлка and елка from either spelling', () => {
    const yo = put({ title: 'Праздник', paragraphs: ['На площади поставили ёлку и ещё одну Ёлка.'] });
    const ye = put({ title: 'Праздник', paragraphs: ['Главная елка страны.'] });
    expect(ids('ёлка').sort()).toEqual([yo, ye]);
    expect(ids('елка').sort()).toEqual([yo, ye]);
    expect(ids('ЕЩЕ')).toEqual([yo]);
  });

  it('folds every Kazakh letter', () => {
    const kk = put({
      language: 'kk',
      title: 'Әлеуметтік жаңалықтар',
      paragraphs: ['Ғылым қаласы, өнер және ұлттық үкімет. Шаһар білім алады.'],
    });
    put({ language: 'kk', title: 'Басқа', paragraphs: ['Мүлде басқа мәтін.'] });
    for (const word of ['ӘЛЕУМЕТТІК', 'ҒЫЛЫМ', 'ҚАЛАСЫ', 'ЖАҢАЛЫҚТАР', 'ӨНЕР', 'ҰЛТТЫҚ', 'ҮКІМЕТ', 'ШАҺАР', 'БІЛІМ']) {
      expect(ids(word), word).toEqual([kk]);
    }
    expect(ids('бiлiм'), 'Latin i typed for і').toEqual([kk]);
  });

  it('never throws on hostile punctuation', () => {
    const a = put({ title: 'Саммит ШОС', paragraphs: ['Текст.'] });
    for (const q of ['"', 'ШОС"', '"ШОС', '-', '-ШОС', '*', 'ШОС*', 'NEAR(ШОС', 'title:ШОС', '(', ')', '^ШОС', "ШОС'", 'AND', 'OR NOT', '{ШОС}', '\\', '+', '""""', 'ШОС -- ;DROP TABLE articles']) {
      expect(() => searchArticles(t.kz, { words: q }), q).not.toThrow();
    }
    expect(ids('"ШОС"')).toEqual([a]);
    expect(ids('-ШОС*')).toEqual([a]);
    expect(ids('"-*"')).toEqual([]);
  });

  it('ranks a title match above a body match', () => {
    const body = put({ title: 'Новости дня', paragraphs: ['Также обсуждалась экономика.', 'Длинный абзац о другом.'] });
    const title = put({ title: 'Экономика Казахстана', paragraphs: ['Текст о разном.', 'Ещё текст.'] });
    expect(ids('экономика')).toEqual([title, body]);
  });

  it('ranks only the most recently stored matches when more than the rank window match, after filters', () => {
    const old = put({ title: 'Тенге', paragraphs: ['Курс.'], publishedAt: '2020-01-01T00:00:00.000Z' });
    const b1 = put({ title: 'Новости', paragraphs: ['Тенге.'] });
    const b2 = put({ title: 'Новости', paragraphs: ['Тенге.'] });
    const b3 = put({ title: 'Разное', paragraphs: ['Тенге.'] });
    expect(ids('тенге'), 'the title match first, equal scores newest first').toEqual([old, b3, b2, b1]);
    expect(ids('тенге', { rankWindow: 3 })).toEqual([b3, b2, b1]);
    expect(ids('тенге', { rankWindow: 1, until: '2020-12-31' })).toEqual([old]);
    expect(() => searchArticles(t.kz, { words: 'тенге', rankWindow: 0 })).toThrow('rank window 0 is not valid');
  });

  it('filters by source, language, dates and limit', () => {
    const a = put({ title: 'Токаев', publishedAt: '2024-07-03T23:00:00.000Z' });
    const b = put({ title: 'Токаев', publishedAt: '2024-07-04T12:00:00.000Z', language: 'kk' });
    const c = storeArticle(
      t.kz,
      input(draft({ url: 'https://www.zakon.kz/1', sourceId: 'zakon.kz', title: 'Токаев', publishedAt: '2024-07-05T00:00:00.000Z' })),
    ).articleId;
    expect(ids('токаев', { source: 'zakon.kz' })).toEqual([c]);
    expect(ids('токаев', { lang: 'kk' })).toEqual([b]);
    expect(ids('токаев', { since: '2024-07-04', until: '2024-07-04' })).toEqual([b]);
    expect(ids('токаев', { since: '2024-07-04T12:00:00Z' }).sort()).toEqual([b, c]);
    expect(ids('токаев', { until: '2024-07-04T12:00:00.000Z' }).sort()).toEqual([a, b]);
    expect(ids('токаев', { limit: 2 })).toHaveLength(2);
  });
});

describe('searchArticles without words', () => {
  it('lists newest first, undated last, ties by id descending', () => {
    const old = put({ publishedAt: '2024-01-01T00:00:00.000Z' });
    const undated = put({ publishedAt: null });
    const newer1 = put({ publishedAt: '2024-07-01T00:00:00.000Z' });
    const newer2 = put({ publishedAt: '2024-07-01T00:00:00.000Z' });
    expect(searchArticles(t.kz).map((a) => a.id)).toEqual([newer2, newer1, old, undated]);
    expect(searchArticles(t.kz, { since: '2024-02-01' }).map((a) => a.id)).toEqual([newer2, newer1]);
    expect(searchArticles(t.kz, { source: 'zakon.kz' })).toEqual([]);
  });

  it('keeps one article per story and hides copies when asked to dedup', () => {
    t.kz.sqlite.exec("INSERT INTO stories (title, created_at) VALUES ('Саммит', '2024-07-04T00:00:00.000Z')");
    const first = put({ publishedAt: '2024-07-01T00:00:00.000Z' });
    const second = put({ publishedAt: '2024-07-02T00:00:00.000Z' });
    const copy = put({ publishedAt: '2024-07-03T00:00:00.000Z' });
    const alone = put({ publishedAt: '2024-06-01T00:00:00.000Z' });
    t.kz.sqlite.prepare('UPDATE articles SET story_id = 1 WHERE id IN (?, ?)').run(first, second);
    t.kz.sqlite.prepare('UPDATE articles SET duplicate_of = ? WHERE id = ?').run(alone, copy);
    expect(searchArticles(t.kz).map((a) => a.id)).toEqual([copy, second, first, alone]);
    expect(searchArticles(t.kz, { dedup: true }).map((a) => a.id)).toEqual([second, alone]);
    expect(searchArticles(t.kz, { dedup: true, limit: 1 }).map((a) => a.id)).toEqual([second]);
    expect(searchArticles(t.kz, { words: 'абзац', dedup: true })).toHaveLength(2);
  });

  it('rejects a date or a limit it cannot read', () => {
    expect(() => searchArticles(t.kz, { since: 'вчера' })).toThrow(UsageError);
    expect(() => searchArticles(t.kz, { until: '2024-13-45' })).toThrow('--until 2024-13-45 is not a date');
    expect(() => searchArticles(t.kz, { limit: 0 })).toThrow('--limit 0 is not valid');
  });
});

describe('getArticle', () => {
  it('returns the whole view by id, by id as text, or by URL in its simple variants', () => {
    const id = put({
      title: 'Указ',
      lead: 'Кратко.',
      author: 'Пресс-служба',
      tags: ['указ', 'президент'],
      images: ['https://www.akorda.kz/img/1.jpg'],
      updatedAt: '2024-07-04T11:00:00.000Z',
    });
    const expected = {
      id,
      url: `https://www.akorda.kz/ru/news/${n}`,
      source: 'akorda.kz',
      title: 'Указ',
      lead: 'Кратко.',
      published: '2024-07-04T10:00:00.000Z',
      modified: '2024-07-04T11:00:00.000Z',
      lang: 'ru',
      author: 'Пресс-служба',
      tags: ['указ', 'президент'],
      images: ['https://www.akorda.kz/img/1.jpg'],
      text: 'Первый абзац.\nВторой абзац.',
      duplicateOf: null,
      storyId: null,
      revision: 1,
      firstSeen: '2024-07-04T10:05:00.000Z',
      lastSeen: '2024-07-04T10:05:00.000Z',
    };
    expect(getArticle(t.kz, id)).toEqual(expected);
    expect(getArticle(t.kz, String(id))).toEqual(expected);
    expect(getArticle(t.kz, `${expected.url}/#comments`)).toEqual(expected);
    expect(getArticle(t.kz, 999)).toBeNull();
    expect(getArticle(t.kz, 'https://www.akorda.kz/ru/none')).toBeNull();
  });
});
