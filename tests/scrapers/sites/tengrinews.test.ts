import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleView } from '../../../src/db/types.js';
import { tengrinews } from '../../../src/scrapers/sites/tengrinews.js';
import { crawlFixtureSite, type FixtureCrawl } from '../../helpers/pipeline.js';

const NOW = new Date('2026-02-28T06:00:00Z');
const T1 = 'https://tengrinews.kz/kazakhstan_news/tokaev-i-vuchich-proveli-peregovoryi-v-akorde-592114/';
const T2 = 'https://tengrinews.kz/kazakhstan_news/v-almatyi-vyipal-pervyiy-sneg-556302/';

const T1_PARAGRAPHS = [
  "Президент Казахстана Касым-Жомарт Токаев провел переговоры с Президентом Сербии Александром Вучичем, который прибыл в Астану с государственным визитом, передает Tengrinews.kz со ссылкой на Акорду.",
  "Переговоры прошли сначала в узком, а затем в расширенном составе. Стороны обсудили торговлю, энергетику, сельское хозяйство, транспорт и гуманитарное сотрудничество.",
  "По словам Токаева, Сербия является важным партнером Казахстана в Европе, а между странами нет политических разногласий.",
  "По итогам визита подписаны 12 документов, в том числе соглашение о стратегическом партнерстве."
];
const T2_PARAGRAPHS = [
  "В Алматы выпал первый снег. Горожане делятся в социальных сетях видео заснеженных улиц и дворов, передает корреспондент Tengrinews.kz.",
  "Снегопад начался утром и усилился к обеду. Температура воздуха в городе опустилась до минус двух градусов.",
  "В акимате города сообщили, что на уборку улиц вышли более 600 единиц спецтехники и около трех тысяч дорожных рабочих.",
  "Синоптики РГП «Казгидромет» прогнозируют снег в Алматы до конца недели, ночью мороз усилится до минус восьми градусов."
];

const fields = (a: ArticleView) => ({ title: a.title, lead: a.lead, published: a.published, modified: a.modified, author: a.author, tags: a.tags, lang: a.lang });

describe('tengrinews.kz', () => {
  let crawl: FixtureCrawl;
  const article = (url: string): ArticleView => crawl.articles.find((a) => a.url === url) as ArticleView;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['tengrinews'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the articles of its feed, news sitemap and listing, and never asks for the glued tengrisport.kz link', () => {
    expect(crawl.articles.map((a) => a.url)).toEqual([T1, T2]);
    expect(crawl.servers.requests().filter((r) => r.path.includes('tengrisport') || r.path.includes('kayrat'))).toEqual([]);
    expect(crawl.servers.requests().some((r) => r.path === '/sitemap-pages.xml')).toBe(false);
  });

  it('stores an article with its breadcrumb date, its tags, and the body up to the tags and comments', () => {
    expect(fields(article(T1))).toEqual({
      title: 'Токаев и Вучич провели переговоры в Акорде',
      lead: null,
      published: '2026-02-27T09:30:00.000Z',
      modified: null,
      author: null,
      tags: ['Касым-Жомарт Токаев', 'Сербия'],
      lang: 'ru',
    });
    expect(article(T1).text.split('\n')).toEqual(T1_PARAGRAPHS);
  });

  it('stores an older article with its photo caption left out', () => {
    expect(fields(article(T2))).toEqual({
      title: 'В Алматы выпал первый снег',
      lead: null,
      // "10 декабря 2024, 13:02", Almaty time (UTC+5 since March 2024).
      published: '2024-12-10T08:02:00.000Z',
      modified: null,
      author: null,
      tags: ['Алматы', 'погода'],
      lang: 'ru',
    });
    expect(article(T2).text.split('\n')).toEqual(T2_PARAGRAPHS);
  });

  it('keeps to the URL shapes of SITES.md', () => {
    expect(tengrinews.articleUrl?.test(T1)).toBe(true);
    expect(tengrinews.articleUrl?.test('https://kaz.tengrinews.kz/kazakhstan/tokaev-serbiya-592115/')).toBe(true);
    expect(tengrinews.articleUrl?.test('https://tengrinews.kz/news/page/2/')).toBe(false);
    expect(tengrinews.articleUrl?.test('https://tengrinews.kz/about/')).toBe(false);
  });
});
