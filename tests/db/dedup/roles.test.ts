import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.js';
import { DEDUP } from '../../../src/settings.js';
import { article, bodyOf, dedupDb, prose, rolesOf, store, type DedupDb } from './helpers.js';

const FOOTER = 'Подписывайтесь на наш Telegram-канал Tengrinews.kz и будьте в курсе главных новостей';
const open: DedupDb[] = [];
const db = (...sources: string[]): DedupDb => {
  const d = dedupDb(sources);
  open.push(d);
  return d;
};
afterEach(() => {
  for (const d of open.splice(0)) d.cleanup();
});

/** The i-th article of a site: its own text, then the site's footer. */
const withFooter = (i: number) => article('tengri', `t${i}`, [...prose(100 + i, 3), FOOTER], { publishedAt: `2025-09-0${1 + (i % 5)}T10:00:00.000Z` });

describe('site boilerplate', () => {
  it('keeps a footer out of every body of the site once enough of its articles carry it, the first ones included', () => {
    const { kz } = db('tengri');
    const n = DEDUP.boilerplateMinArticles;
    for (let i = 0; i < n - 1; i++) store(kz, withFooter(i));
    // Below the threshold the footer is still text: nothing says yet that it is the site's.
    expect(bodyOf(kz, withFooter(0).url)).toContain(FOOTER);
    store(kz, withFooter(n - 1));
    for (let i = 0; i < n; i++) {
      expect(bodyOf(kz, withFooter(i).url)).toEqual(prose(100 + i, 3));
      expect(rolesOf(kz, withFooter(i).url)).toEqual(['body', 'body', 'body', 'boilerplate']);
    }
    // Search sees the same body as the row: the FTS row was rebuilt too.
    const hits = kz.sqlite.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'telegram'").pluck().get();
    expect(hits).toBe(0);
  });

  it('remembers the site counts across a restart', () => {
    const d = db('tengri');
    for (let i = 0; i < DEDUP.boilerplateMinArticles; i++) store(d.kz, withFooter(i));
    d.kz.close();
    const kz = openDatabase(d.kz.path);
    try {
      store(kz, withFooter(7));
      expect(bodyOf(kz, withFooter(7).url)).toEqual(prose(107, 3));
    } finally {
      kz.close();
    }
  });

  it('keeps a quote shared by articles of two sites in both', () => {
    const { kz } = db('tengri', 'zakon');
    const quote = '"Мы с оптимизмом смотрим на будущее Шанхайской организации сотрудничества", – подчеркнул Президент.';
    const a = article('tengri', 'q1', [...prose(1), quote]);
    const b = article('zakon', 'q2', [quote, ...prose(2)]);
    store(kz, a);
    store(kz, b);
    expect(bodyOf(kz, a.url)).toContain(quote);
    expect(bodyOf(kz, b.url)).toContain(quote);
  });

  it('does not take a paragraph for one site\'s boilerplate when other sites use it as much', () => {
    const { kz } = db('tengri', 'zakon');
    const quote = 'Глава государства подчеркнул, что Казахстан поддерживает инициативу создания Банка развития ШОС.';
    const n = DEDUP.boilerplateMinArticles;
    for (let i = 0; i < n; i++) store(kz, article('tengri', `a${i}`, [...prose(200 + i), quote]));
    expect(bodyOf(kz, article('tengri', 'a0', []).url)).not.toContain(quote);
    // Once the paragraph is common on another site, it is a quote: the mark is lifted on the first site.
    for (let i = 0; i < n; i++) store(kz, article('zakon', `b${i}`, [quote, ...prose(300 + i)]));
    for (let i = 0; i < n; i++) expect(bodyOf(kz, article('tengri', `a${i}`, []).url)).toContain(quote);
    expect(bodyOf(kz, article('zakon', 'b0', []).url)).toContain(quote);
  });

  it('never leaves an article without text because all of it is boilerplate', () => {
    const { kz } = db('tengri');
    for (let i = 0; i < DEDUP.boilerplateMinArticles; i++) store(kz, withFooter(i));
    const onlyFooter = article('tengri', 'empty', [FOOTER]);
    store(kz, onlyFooter);
    expect(bodyOf(kz, onlyFooter.url)).toEqual([FOOTER]);
  });
});

describe('glued neighbours', () => {
  const neighbour = article('orda', 'b', prose(41, 3), { title: 'Суд Алматы отправил руководителя таможенной лаборатории в колонию' });
  const own = prose(40, 3);
  const glued = article('orda', 'a', [...own, neighbour.title, ...neighbour.paragraphs]);

  it('ends an article where its own text ends when the neighbour below it is stored', () => {
    const { kz } = db('orda');
    store(kz, neighbour);
    store(kz, glued);
    expect(bodyOf(kz, glued.url)).toEqual(own);
    expect(rolesOf(kz, glued.url)).toEqual(['body', 'body', 'body', 'neighbour', 'neighbour', 'neighbour', 'neighbour']);
    expect(bodyOf(kz, neighbour.url)).toEqual(neighbour.paragraphs);
  });

  it('trims the glued text when the neighbour arrives after the page that carries it', () => {
    const { kz } = db('orda');
    store(kz, glued);
    expect(bodyOf(kz, glued.url)).toHaveLength(7);
    store(kz, neighbour);
    expect(bodyOf(kz, glued.url)).toEqual(own);
  });

  it('leaves text that merely repeats another article alone when no title of it stands above', () => {
    const { kz } = db('orda');
    store(kz, neighbour);
    const quoting = article('orda', 'c', [...own, ...neighbour.paragraphs.slice(0, 1)]);
    store(kz, quoting);
    expect(bodyOf(kz, quoting.url)).toEqual([...own, neighbour.paragraphs[0]]);
  });

  it('does not cut a neighbour of another site', () => {
    const { kz } = db('orda', 'zakon');
    const elsewhere = article('zakon', 'b', neighbour.paragraphs, { title: neighbour.title });
    store(kz, elsewhere);
    store(kz, glued);
    expect(bodyOf(kz, glued.url)).toHaveLength(7);
  });
});
