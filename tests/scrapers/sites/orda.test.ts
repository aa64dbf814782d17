import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orda } from '../../../src/scrapers/sites/orda.js';
import { builtinSources, createRegistry } from '../../../src/scrapers/sites/index.js';
import { crawlFixtureSite, fixturePage, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored, storedArticle } from '../../helpers/stored.js';

const NOW = new Date('2024-11-21T06:00:00Z');

/** Seed 004: Tokayev meets the OSCE Secretary General (June 2023, when Astana was on UTC+6). */
const O1 = 'https://orda.kz/tokaev-vstretilsja-s-gensekom-obse-helgoj-shmid-353418/';
const O1_PARAGRAPHS = [
  "Глава государства Касым-Жомарт Токаев встретился с Генеральным секретарем ОБСЕ Хельгой Шмид, сообщается на сайте Акорды.",
  "Поблагодарив Хельгу Шмид за участие в Международном форуме Астана, президент отметил, что этот форум призван стать новой площадкой для укрепления связей между Западом и Востоком.",
  "\"Я думаю, что возглавляемая вами делегация ОБСЕ на этом форуме внесёт значительный вклад в решение многих проблем, которые, к сожалению, существуют в современном мире. Для Казахстана сотрудничество с ОБСЕ является приоритетом. Нас беспокоят существующие разногласия о роли организации. После саммита, который прошёл в Астане в 2010 году, не было принято ни одного официального документа ни на уровне министров, ни в каких-то других форматах. Безусловно, это вызывает у нас озабоченность. Мы по-прежнему твердо убеждены, что нам необходимо иметь прочные связи в рамках организации\", – сказал президент.",
  "По его словам, Казахстан является активным участником ОБСЕ. Глава государства заявил о готовности нашей страны продолжить тесное сотрудничество с ОБСЕ в духе взаимовыгодного партнёрства и транспарентности и оказать всесторонную поддержку Хельге Шмид в качестве генерального секретаря организации.",
  "В свою очередь Хельга Шмид поблагодарила Касым-Жомарта Токаева за приглашение принять участие в Международном форуме Астана.",
  "\"Вы абсолютно правы. Я думаю, что сейчас непростые времена. ОБСЕ продолжает служить уникальной платформой для диалога, несмотря на все вызовы, с которыми мы сталкиваемся. Я также очень положительно оцениваю активную роль Казахстана в ОБСЕ. Вы упомянули Астанинский саммит. Я лично имела удовольствие участвовать в этом саммите. Вы правы, он оказался последним состоявшимся саммитом\", – сказала глава организации.",
  "Астанинская декларация действительно является очень важным документом, регулирующим деятельность организации, добавила она.",
  "\"Я с большим интересом жду возможности послушать вас на Астанинском форуме. Полагаю, что сейчас как никогда важно прислушиваться друг к другу, чтобы прийти к согласию. Это является ключевой задачей ОБСЕ\", – подчеркнула Хельга Шмид.",
  "В ходе встречи собеседники обсудили состояние и перспективы развития сотрудничества между Казахстаном и ОБСЕ. Также были рассмотрены актуальные вопросы региональной и глобальной повестки дня.",
];
/** The street story of the "most read" list (November 2024, UTC+5). */
const O2 = 'https://orda.kz/ulice-v-astane-prisvoili-imja-obshhestvennogo-dejatelja-381877/';
const O2_PARAGRAPHS = [
  "В Астане безымянной улице в районе Нура присвоили имя общественного и государственного деятеля Сейткали Мендешева. Соответствующее совместное постановление акимата и решение маслихата столицы опубликовано на портале правовой информации.",
  "Речь идет о проектируемой улице Е-512, которая проходит от проспекта Кабанбай батыра до улицы Хусейн бен Талал. Решение принято с учетом мнения жителей и заключения городской ономастической комиссии.",
  "Сейткали Мендешев – один из первых руководителей Казахской АССР, в 1920-х годах он возглавлял ЦИК республики и Наркомат просвещения. В 1937 году был репрессирован, позднее реабилитирован.",
  "В акимате напомнили, что в этом году в столице переименовали и присвоили названия 38 улицам, в основном в новых жилых массивах на левом берегу.",
];
/** Its Kazakh edition on kaz.orda.kz. */
const O3 = 'https://kaz.orda.kz/astanada-koshege-kogam-kajratkerinin-esimi-berildi-48210/';
const O3_PARAGRAPHS = [
  "Астанадағы Нұра ауданындағы атауы жоқ көшеге қоғам және мемлекет қайраткері Сейітқали Меңдешевтің есімі берілді. Бұл туралы қала әкімдігінің қаулысы мен мәслихаттың шешімі құқықтық ақпарат порталында жарияланды.",
  "Сөз Қабанбай батыр даңғылынан Хусейн бен Талал көшесіне дейін созылатын жобаланған Е-512 көшесі туралы болып отыр. Шешім тұрғындардың пікірі мен қалалық ономастика комиссиясының қорытындысы ескеріле отырып қабылданды.",
  "Сейітқали Меңдешев – Қазақ АКСР-інің алғашқы басшыларының бірі. 1920 жылдары ол республиканың Орталық атқару комитетін және Халық ағарту комиссариатын басқарған.",
];
/** The English newsroom, en.orda.kz. */
const O4 = 'https://en.orda.kz/almaty-court-sends-head-of-customs-laboratory-to-prison-for-bribery-9731/';
const O4_PARAGRAPHS = [
  "The Almaty City Court has sentenced the head of a customs laboratory to eight years in prison for taking bribes, the Anti-Corruption Agency reported.",
  "According to investigators, from 2022 to 2023 the official received money from importers for issuing favourable expert opinions on the classification of goods. The total amount of the bribes exceeded 30 million tenge.",
  "The court also banned him for life from holding public office and confiscated his property. The verdict has not yet entered into legal force and may be appealed.",
];
/** Only in the second news sitemap (September 2022, UTC+6). */
const O5 = 'https://orda.kz/v-almaty-na-marshruty-vyshli-pervye-trollejbusy-kazahstanskoj-sborki-312004/';
const O5_PARAGRAPHS = [
  "В Алматы на маршруты № 1, 12 и 19 вышли первые двадцать троллейбусов, собранных на заводе в Костанае. Машины оборудованы кондиционерами, низким полом и пандусами для пассажиров на колясках.",
  "По словам представителей ТОО «Алматыэлектротранс», новые троллейбусы могут проходить до 20 километров без контактной сети за счет аккумуляторов. Это позволит продлить маршруты в микрорайоны, где провода еще не протянуты.",
  "До конца года город получит еще 80 машин. Всего по программе обновления парка до 2025 года планируется закупить 300 троллейбусов и 200 электробусов.",
];

const sitemapRequests = (crawl: FixtureCrawl, from = 0): string[] =>
  crawl.servers.requests().slice(from).map((r) => r.path).filter((p) => p.startsWith('/sitemap/'));


describe('orda.kz', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['orda'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the five articles its three feeds and its numbered news sitemaps lead to, and neither the podcast, the tag nor the category page', () => {
    expect(crawl.articles.map((a) => a.url).sort()).toEqual([O1, O2, O3, O4, O5].sort());
    expect(crawl.summaries[0]?.counts).toMatchObject({ discovered: 5, stored: 5, failed: 0 });
    // The 404 of sitemap_news3.xml ends the series.
    expect(sitemapRequests(crawl)).toEqual(['/sitemap/sitemap_news1.xml', '/sitemap/sitemap_news2.xml', '/sitemap/sitemap_news3.xml']);
    const paths = crawl.servers.requests().map((r) => `${r.host}${r.path}`);
    expect(paths.filter((p) => p.includes('/podcast/') || p.includes('/category/'))).toEqual([]);
  });

  it('stores the seed 004 page as its nine body paragraphs: no "most read" headlines, no counters, no comment, no footer', () => {
    expectStored(crawl, O1, {
      title: 'Токаев встретился с генсеком ОБСЕ Хельгой Шмид',
      published: '2023-06-08T08:32:00.000Z',
      modified: '2023-06-08T09:05:00.000Z',
      author: 'Айгерим Сейтова',
      tags: ['Касым-Жомарт Токаев', 'ОБСЕ', 'Хельга Шмид'],
      lang: 'ru',
      paragraphs: O1_PARAGRAPHS,
    });
  });

  it('has all that furniture on the page it read, so leaving it out is the adapter’s doing', () => {
    const html = fixturePage(O1, NOW).html;
    for (const furniture of [
      '🎉 Группа Orda, ансамбль "Яшлык" и V$XV Prince',
      '<li class="most-read__views"><svg class="icon"><use href="#eye"></use></svg>5588</li>',
      'Хорошая встреча, побольше бы таких диалогов',
      'Мы используем файлы cookie',
      'Свидетельство о постановке на учет',
      'Четверг, 21 ноября 2024',
    ]) {
      expect(html).toContain(furniture);
      expect(storedArticle(crawl, O1).text).not.toContain(furniture.replace(/<[^>]+>/g, ''));
    }
  });

  it('stores the Russian street story without its "read also" line, language switcher or short photo note', () => {
    expectStored(crawl, O2, {
      title: 'Улице в Астане присвоили имя общественного деятеля',
      published: '2024-11-20T11:05:00.000Z',
      modified: '2024-11-20T11:05:00.000Z',
      author: 'Данияр Ермеков',
      tags: ['Астана', 'ономастика'],
      lang: 'ru',
      paragraphs: O2_PARAGRAPHS,
    });
  });

  it('stores the Kazakh edition from kaz.orda.kz in Kazakh, without its Telegram plug', () => {
    expectStored(crawl, O3, {
      title: 'Астанада көшеге қоғам қайраткерінің есімі берілді',
      published: '2024-11-20T12:10:00.000Z',
      modified: '2024-11-20T12:10:00.000Z',
      author: 'Әсел Нұрланқызы',
      tags: ['Астана', 'Ономастика'],
      lang: 'kk',
      paragraphs: O3_PARAGRAPHS,
    });
  });

  it('stores the English story from en.orda.kz without its registration line and cookie notice', () => {
    expectStored(crawl, O4, {
      title: 'Almaty court sends head of customs laboratory to prison for bribery',
      published: '2024-11-19T05:15:00.000Z',
      modified: '2024-11-19T06:02:00.000Z',
      author: 'Sanzhar Bekov',
      tags: ['Almaty', 'corruption', 'customs'],
      lang: 'en',
      paragraphs: O4_PARAGRAPHS,
    });
  });

  it('stores the trolleybus story of the second news sitemap in the UTC+6 of 2022', () => {
    expectStored(crawl, O5, {
      title: 'В Алматы на маршруты вышли первые троллейбусы казахстанской сборки',
      published: '2022-09-14T04:30:00.000Z',
      modified: '2022-09-14T04:30:00.000Z',
      author: 'Марина Ли',
      tags: ['Алматы', 'общественный транспорт'],
      lang: 'ru',
      paragraphs: O5_PARAGRAPHS,
    });
  });

  it('finds nothing new on the next run, stopping at the first news sitemap', async () => {
    const before = crawl.servers.requests().length;
    const [summary] = await crawl.again();
    expect(summary?.counts).toMatchObject({ discovered: 0, stored: 0, failed: 0 });
    expect(sitemapRequests(crawl, before)).toEqual(['/sitemap/sitemap_news1.xml']);
  });

  it('keeps to the URL shapes of orda.kz and owns its three hosts', () => {
    expect(orda.articleUrl?.test(O1)).toBe(true);
    expect(orda.articleUrl?.test(O3)).toBe(true);
    expect(orda.articleUrl?.test('https://orda.kz/podcast/orda-podcast-vypusk-48/')).toBe(false);
    expect(orda.articleUrl?.test('https://orda.kz/category/obshhestvo/')).toBe(false);
    const registry = createRegistry(builtinSources());
    expect([O1, O3, O4].map((url) => registry.forUrl(url).id)).toEqual(['orda', 'orda', 'orda']);
  });
});
