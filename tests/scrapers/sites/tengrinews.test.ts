import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tengrinews } from '../../../src/scrapers/sites/tengrinews.js';
import { crawlFixtureSite, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored } from '../../helpers/stored.js';

const NOW = new Date('2026-02-28T06:00:00Z');
const T1 = 'https://tengrinews.kz/kazakhstan_news/tokaev-i-vuchich-proveli-peregovoryi-v-akorde-592114/';
const T2 = 'https://tengrinews.kz/kazakhstan_news/v-almatyi-vyipal-pervyiy-sneg-556302/';
/** The same talks in the Kazakh and English editions, found through their own sitemap indexes. */
const T3 = 'https://kaz.tengrinews.kz/kazakhstan/tokaev-pen-vuchich-akordada-kelissoz-zhurgizdi-592131/';
const T4 = 'https://en.tengrinews.kz/kazakhstan_news/tokayev-and-vucic-hold-talks-in-akorda-592135/';

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
const T3_PARAGRAPHS = [
  "Қазақстан Президенті Қасым-Жомарт Тоқаев Астанаға мемлекеттік сапармен келген Сербия Президенті Александр Вучичпен келіссөз жүргізді, деп хабарлайды Tengrinews.kz тілшісі Ақордаға сілтеме жасап.",
  "Келіссөздер алдымен шағын, кейін кеңейтілген құрамда өтті. Тараптар сауда, энергетика, ауыл шаруашылығы, көлік және гуманитарлық ынтымақтастық мәселелерін талқылады.",
  "Тоқаевтың айтуынша, Сербия – Қазақстанның Еуропадағы маңызды әріптесі, ал екі ел арасында саяси келіспеушіліктер жоқ.",
  "Сапар қорытындысы бойынша 12 құжатқа, соның ішінде стратегиялық әріптестік туралы келісімге қол қойылды."
];
const T4_PARAGRAPHS = [
  "Kazakh President Kassym-Jomart Tokayev held talks with Serbian President Aleksandar Vučić, who arrived in Astana on a state visit, Tengrinews.kz reports citing Akorda.",
  "The talks were held first in a narrow and then in an expanded format. The parties discussed trade, energy, agriculture, transport and humanitarian cooperation.",
  "According to Tokayev, Serbia is an important partner of Kazakhstan in Europe, and there are no political disagreements between the two countries.",
  "Following the visit, 12 documents were signed, including an agreement on strategic partnership."
];

describe('tengrinews.kz', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['tengrinews'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the articles of its feed, the news sitemaps of its three editions and its listing, and never asks for the glued tengrisport.kz link', () => {
    expect(crawl.articles.map((a) => a.url)).toEqual([T4, T3, T1, T2]);
    const sitemaps = crawl.servers.requests().filter((r) => r.path.startsWith('/sitemap')).map((r) => `${r.host}${r.path}`);
    expect(sitemaps).toEqual(['tengrinews.kz', 'kaz.tengrinews.kz', 'en.tengrinews.kz'].flatMap((host) => [`${host}/sitemap-index.xml`, `${host}/sitemap-news.xml`]));
    expect(crawl.servers.requests().filter((r) => r.path.includes('tengrisport') || r.path.includes('kayrat'))).toEqual([]);
    expect(crawl.servers.requests().some((r) => r.path === '/sitemap-pages.xml')).toBe(false);
  });

  it('stores an article with its breadcrumb date, its tags, and the body up to the tags and comments', () => {
    expectStored(crawl, T1, {
      title: 'Токаев и Вучич провели переговоры в Акорде',
      lead: null,
      published: '2026-02-27T09:30:00.000Z',
      modified: null,
      author: null,
      tags: ['Касым-Жомарт Токаев', 'Сербия'],
      lang: 'ru',
      paragraphs: T1_PARAGRAPHS,
    });
  });

  it('stores an older article with its photo caption left out', () => {
    expectStored(crawl, T2, {
      title: 'В Алматы выпал первый снег',
      lead: null,
      // "10 декабря 2024, 13:02", Almaty time (UTC+5 since March 2024).
      published: '2024-12-10T08:02:00.000Z',
      modified: null,
      author: null,
      tags: ['Алматы', 'погода'],
      lang: 'ru',
      paragraphs: T2_PARAGRAPHS,
    });
  });

  it('stores the Kazakh and English editions with their own breadcrumb dates and tags', () => {
    expectStored(crawl, T3, {
      title: 'Тоқаев пен Вучич Ақордада келіссөз жүргізді',
      published: '2026-02-27T10:05:00.000Z',
      author: null,
      tags: ['Қасым-Жомарт Тоқаев', 'Сербия'],
      lang: 'kk',
      paragraphs: T3_PARAGRAPHS,
    });
    expectStored(crawl, T4, {
      title: 'Tokayev and Vučić hold talks in Akorda',
      published: '2026-02-27T11:20:00.000Z',
      author: null,
      tags: ['Kassym-Jomart Tokayev', 'Serbia'],
      lang: 'en',
      paragraphs: T4_PARAGRAPHS,
    });
  });

  it('keeps to the URL shapes of SITES.md', () => {
    expect(tengrinews.articleUrl?.test(T1)).toBe(true);
    expect(tengrinews.articleUrl?.test(T3)).toBe(true);
    expect(tengrinews.articleUrl?.test(T4)).toBe(true);
    expect(tengrinews.articleUrl?.test('https://tengrinews.kz/news/page/2/')).toBe(false);
    expect(tengrinews.articleUrl?.test('https://tengrinews.kz/about/')).toBe(false);
  });
});
