import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinSources, createRegistry } from '../../../src/scrapers/sites/index.js';
import { inform } from '../../../src/scrapers/sites/inform.js';
import { crawlFixtureSite, fixturePage, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored, storedArticle } from '../../helpers/stored.js';

const NOW = new Date('2025-09-03T06:00:00Z');

/** The heating season meeting (Russian), printed "13:51, 15 Август 2025" under a header that shows 2 September. */
const A = 'https://www.inform.kz/ru/tokaev-provel-soveschanie-po-podgotovke-k-otopitelnomu-sezonu-4f1c9a';
const A_PARAGRAPHS = [
  "Президенту доложили, что готовность объектов тепло- и электроэнергетики к зиме составляет 87 процентов. Капитальный ремонт запланирован на 13 энергоблоках и 47 котлах, текущий – на 185 котлах.",
  "Глава государства отметил, что износ сетей в ряде регионов по-прежнему превышает 60 процентов, и поручил акимам завершить ремонтные работы до 1 октября.",
  "– Отопительный сезон должен пройти без аварий. Люди не должны мерзнуть в своих домах. Каждый аким лично отвечает за своевременное завершение ремонта, – подчеркнул Президент.",
  "Особое внимание было уделено Экибастузской ТЭЦ, Риддеру и городам, где в прошлые годы случались аварии на теплосетях. Правительству поручено обеспечить запас угля на электростанциях не менее чем на 30 дней.",
  "По итогам совещания Касым-Жомарт Токаев дал ряд поручений Правительству, Министерству энергетики и акимам областей.",
];
/** Its Kazakh edition, "14:20, 15 Тамыз 2025". */
const A_KK = 'https://www.inform.kz/kz/tokaev-zhylytu-mausymyna-dayyndyq-zhoninde-kenes-otkizdi-7b20e3';
const A_KK_PARAGRAPHS = [
  "Президентке жылу және электр энергетикасы нысандарының қысқа дайындығы 87 пайызды құрайтыны баяндалды. 13 энергоблок пен 47 қазандықта күрделі жөндеу, 185 қазандықта ағымдағы жөндеу жоспарланған.",
  "Мемлекет басшысы бірқатар өңірлерде желілердің тозуы әлі де 60 пайыздан асатынын атап өтіп, әкімдерге жөндеу жұмыстарын 1 қазанға дейін аяқтауды тапсырды.",
  "– Жылыту маусымы апатсыз өтуі керек. Адамдар өз үйлерінде тоңбауы тиіс. Әр әкім жөндеудің уақытылы аяқталуына жеке жауап береді, – деді Президент.",
  "Кеңес қорытындысы бойынша Қасым-Жомарт Тоқаев Үкіметке, Энергетика министрлігіне және облыс әкімдеріне бірқатар тапсырма берді.",
];
/** Its English edition on en.inform.kz, "14:45, 15 August 2025". */
const A_EN = 'https://en.inform.kz/news/tokayev-holds-meeting-on-preparations-for-heating-season-d1a5f0/';
const A_EN_PARAGRAPHS = [
  "The President was informed that heat and power facilities are 87 percent ready for winter. Major repairs are planned at 13 power units and 47 boilers, and routine repairs at 185 boilers.",
  "The Head of State noted that wear and tear of networks in a number of regions still exceeds 60 percent, and instructed the governors to complete repair work by October 1.",
  "“The heating season must pass without accidents. People should not freeze in their homes. Every governor is personally responsible for completing repairs on time,” the President stressed.",
  "Following the meeting, Kassym-Jomart Tokayev gave a number of instructions to the Government, the Ministry of Energy and regional governors.",
];
/** The harvest (Russian), a second page without language editions. */
const B = 'https://www.inform.kz/ru/v-kazahstane-namolotili-bolee-5-mln-tonn-zerna-e83b71';
const B_PARAGRAPHS = [
  "Уборочная кампания охватила 24 процента посевных площадей. Средняя урожайность по стране составляет 13,4 центнера с гектара, что выше прошлогоднего показателя на этот период.",
  "Больше всего зерна собрано в Костанайской, Акмолинской и Северо-Казахстанской областях. В южных регионах уборка зерновых в основном завершена.",
  "В министерстве отметили, что аграрии обеспечены горюче-смазочными материалами по удешевленной цене: в регионы отгружено более 380 тысяч тонн дизельного топлива.",
  "Всего в этом году зерновыми культурами засеяно 16 млн гектаров. Завершить уборку планируется до конца сентября при благоприятных погодных условиях.",
];



describe('inform.kz (Kazinform)', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['inform'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the Russian, Kazakh and English articles its three feeds and the /ru/lenta/ listing lead to, and not the special project', () => {
    expect(crawl.articles.map((a) => a.url).sort()).toEqual([A, A_KK, A_EN, B].sort());
    expect(crawl.summaries[0]?.counts).toMatchObject({ discovered: 4, stored: 4, failed: 0 });
    expect(crawl.servers.requests().filter((r) => r.path.includes('/specproekt/'))).toEqual([]);
  });

  it('reads the printed date with its nominative month in Almaty time, never the header clock', () => {
    const html = fixturePage(A, NOW).html;
    expect(html).toContain('<div class="article__time">13:51, 15 Август 2025</div>');
    expect(html).toContain('Вторник, 2 Сентябрь 2025');
    // No dated metadata on the page: the printed date is all there is.
    expect(html).not.toMatch(/datePublished|published_time/);
    expect(storedArticle(crawl, A).published).toBe('2025-08-15T08:51:00.000Z');
  });

  it('stores the Russian article with its description as the lead and no "read also" link or photo credit in the body', () => {
    expectStored(crawl, A, {
      title: 'Токаев провел совещание по подготовке к отопительному сезону',
      lead: 'Глава государства Касым-Жомарт Токаев провел совещание по вопросам подготовки регионов к отопительному сезону 2025–2026 годов, передает корреспондент Kazinform со ссылкой на Акорду.',
      published: '2025-08-15T08:51:00.000Z',
      modified: null,
      author: 'Ерлан Тулегенов',
      tags: ['Президент', 'Энергетика', 'Отопительный сезон'],
      lang: 'ru',
      paragraphs: A_PARAGRAPHS,
    });
  });

  it('stores the Kazakh edition with its Kazakh month name', () => {
    expectStored(crawl, A_KK, {
      title: 'Тоқаев жылыту маусымына дайындық жөнінде кеңес өткізді',
      lead: 'Мемлекет басшысы Қасым-Жомарт Тоқаев өңірлерді 2025–2026 жылдардағы жылыту маусымына дайындау мәселелері бойынша кеңес өткізді, деп хабарлайды Kazinform тілшісі Ақордаға сілтеме жасап.',
      published: '2025-08-15T09:20:00.000Z',
      modified: null,
      author: 'Айгүл Серікқызы',
      tags: ['Президент', 'Энергетика'],
      lang: 'kk',
      paragraphs: A_KK_PARAGRAPHS,
    });
  });

  it('stores the English edition from en.inform.kz', () => {
    expectStored(crawl, A_EN, {
      title: 'Tokayev holds meeting on preparations for heating season',
      lead: 'President Kassym-Jomart Tokayev held a meeting on preparing the regions for the 2025–2026 heating season, Kazinform News Agency cites Akorda.',
      published: '2025-08-15T09:45:00.000Z',
      modified: null,
      author: 'Arailym Temirgaliyeva',
      tags: ['President', 'Energy'],
      lang: 'en',
      paragraphs: A_EN_PARAGRAPHS,
    });
  });

  it('stores the harvest article, its "Фото:" line left out', () => {
    expectStored(crawl, B, {
      title: 'В Казахстане намолотили более 5 млн тонн зерна',
      lead: 'По состоянию на 2 сентября в Казахстане убрано 3,8 млн гектаров зерновых культур, намолочено более 5 млн тонн зерна, сообщает корреспондент Kazinform со ссылкой на Министерство сельского хозяйства.',
      published: '2025-09-02T13:40:00.000Z',
      modified: null,
      author: 'Дана Ахметова',
      tags: ['Сельское хозяйство', 'Уборочная кампания', 'Зерно'],
      lang: 'ru',
      paragraphs: B_PARAGRAPHS,
    });
  });

  it('links the language editions of one story through hreflang, "kz" read as Kazakh', () => {
    const ctx = { sourceId: 'inform', timezone: inform.timezone, now: NOW };
    const editions = { ru: A, kk: A_KK, en: A_EN };
    for (const url of [A, A_KK, A_EN]) {
      const result = inform.extract(fixturePage(url, NOW), ctx);
      expect(result.ok && result.draft.alternates).toEqual(editions);
    }
    const single = inform.extract(fixturePage(B, NOW), ctx);
    expect(single.ok && single.draft.alternates).toEqual({ ru: B });
  });

  it('finds nothing new on the next run', async () => {
    const [summary] = await crawl.again();
    expect(summary?.counts).toMatchObject({ discovered: 0, stored: 0, failed: 0 });
  });

  it('keeps to the URL shapes of the three editions, old and new, and owns their hosts', () => {
    for (const url of [A, A_KK, A_EN, B, 'https://www.inform.kz/ru/vengry-protestuyut-protiv-novoy-konstitucii-strany_a2430500']) {
      expect(inform.articleUrl?.test(url)).toBe(true);
    }
    for (const url of ['https://www.inform.kz/ru/lenta/', 'https://www.inform.kz/ru/specproekt/kazakhstan-2050/', 'https://www.inform.kz/kz/sayasat_g21']) {
      expect(inform.articleUrl?.test(url)).toBe(false);
    }
    const registry = createRegistry(builtinSources());
    expect([A, A_EN, 'https://kaz.inform.kz/rss/kz.xml'].map((url) => registry.forUrl(url).id)).toEqual(['inform', 'inform', 'inform']);
  });
});
