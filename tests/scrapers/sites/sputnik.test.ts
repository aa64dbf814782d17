import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseListing } from '../../../src/scrapers/discover.js';
import { extractArticle } from '../../../src/scrapers/extract/index.js';
import { builtinSources, createRegistry } from '../../../src/scrapers/sites/index.js';
import { sputnik } from '../../../src/scrapers/sites/sputnik.js';
import { crawlFixtureSite, fixturePage, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored, storedArticle } from '../../helpers/stored.js';

const NOW = new Date('2025-09-12T07:00:00Z');
const LISTING = 'https://ru.sputnik.kz/news/';

/** Weather: an announce text under the headline, no byline, an update time, embeds between the texts. */
const S1 = 'https://ru.sputnik.kz/20250912/sinoptiki-poobeschali-pokholodanie-i-sneg-v-gorakh-kazakhstana-52717394.html';
const S1_PARAGRAPHS = [
  "АСТАНА, 12 сен – Sputnik. Погода в Казахстане в ближайшие три дня будет неустойчивой: с запада на страну смещается холодный атмосферный фронт, сообщили в РГП «Казгидромет».",
  "На западе, севере и в центре республики пройдут дожди с грозами, местами ожидаются град и шквалистое усиление ветра до 23–28 метров в секунду. В горных районах Алматинской, Жетысуской и Восточно-Казахстанской областей выпадут осадки в виде дождя и мокрого снега.",
  "Температура воздуха ночью в северных регионах понизится до 2–4 градусов тепла, на почве возможны заморозки. Днем столбики термометров покажут от 12 до 17 градусов.",
  "Только на юге страны сохранится жаркая погода: в Туркестанской и Кызылординской областях днем до 32 градусов тепла.",
  "Синоптики рекомендуют жителям северных регионов укрыть посевы и не оставлять автомобили под деревьями и рекламными щитами во время сильного ветра.",
];
/** The base rate decision: a byline, no announce text. */
const S2 = 'https://ru.sputnik.kz/20250829/natsbank-kazakhstana-sokhranil-bazovuyu-stavku-na-urovne-165-52483610.html';
const S2_PARAGRAPHS = [
  "АСТАНА, 29 авг – Sputnik. Национальный банк Казахстана принял решение сохранить базовую ставку на уровне 16,5% годовых с процентным коридором +/- 1 процентный пункт, сообщили в регуляторе.",
  "Годовая инфляция в июле ускорилась до 12,2%. Основной вклад в рост цен по-прежнему вносят платные услуги, прежде всего коммунальные, а также продовольственные товары.",
  "По оценке Нацбанка, инфляционный фон остается повышенным, а инфляционные ожидания населения – нестабильными. Проинфляционное давление оказывают рост внутреннего спроса, повышение регулируемых цен и ослабление тенге.",
  "Следующее плановое решение по базовой ставке будет объявлено 10 октября 2025 года в 12:00 по времени Астаны.",
];
/** The Kazakh edition, sputnik.kz. */
const S3 = 'https://sputnik.kz/20250829/ulttyq-bank-bazalyq-molsherlemeni-165-dengeyinde-saqtady-52484233.html';
const S3_PARAGRAPHS = [
  "АСТАНА, 29 тамыз – Sputnik. Қазақстан Ұлттық банкі базалық мөлшерлемені жылдық 16,5% деңгейінде +/- 1 пайыздық тармақ дәлізімен сақтау туралы шешім қабылдады.",
  "Шілде айында жылдық инфляция 12,2%-ға дейін жеделдеді. Бағаның өсуіне ақылы қызметтер, әсіресе коммуналдық қызметтер, сондай-ақ азық-түлік тауарлары негізгі үлес қосып отыр.",
  "Базалық мөлшерлеме бойынша келесі жоспарлы шешім 2025 жылғы 10 қазанда Астана уақытымен сағат 12:00-де жарияланады.",
];
/** Only in the article sitemap: a dateline, a "read also" embed between the texts. */
const S4 = 'https://ru.sputnik.kz/20250828/v-astane-otkryli-mnogoprofilnuyu-detskuyu-bolnitsu-na-300-koek-52470115.html';
const S4_PARAGRAPHS = [
  "АСТАНА, 28 авг – Sputnik. В столице открылась многопрофильная детская больница на 300 коек, сообщили в управлении здравоохранения Астаны.",
  "В здании площадью 42 тысячи квадратных метров разместились хирургическое, травматологическое, неврологическое и реанимационное отделения, а также консультативно-диагностический центр.",
  "Больница оснащена аппаратами КТ и МРТ, двумя ангиографами и собственной лабораторией. Первых пациентов здесь примут с 1 сентября.",
  "По словам главы управления, новая клиника позволит сократить очереди на плановые операции для детей и разгрузить городскую детскую больницу № 2.",
];


describe('sputnik.kz', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['sputnik'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the Russian and Kazakh articles its two feeds, its article sitemap index and the /news/ listing lead to', () => {
    expect(crawl.articles.map((a) => a.url).sort()).toEqual([S1, S2, S3, S4].sort());
    expect(crawl.summaries[0]?.counts).toMatchObject({ discovered: 4, stored: 4, failed: 0 });
    expect(crawl.servers.requests().filter((r) => r.path.startsWith('/sitemap')).map((r) => r.path)).toEqual([
      '/sitemap_article_index.xml',
      '/sitemap_article.xml?date_start=20250912&date_end=20250912',
      '/sitemap_article.xml?date_start=20250828&date_end=20250829',
    ]);
  });

  it('stores the weather story as its div.article__text blocks: no "read also" embed, photo credit or Telegram plug', () => {
    expectStored(crawl, S1, {
      title: 'Синоптики пообещали похолодание и снег в горах Казахстана',
      lead: 'В ближайшие три дня на большей части территории страны ожидаются дожди с грозами и сильный ветер',
      published: '2025-09-12T04:40:00.000Z',
      modified: '2025-09-12T06:05:00.000Z',
      author: null,
      tags: ['Погода', 'Казгидромет', 'Казахстан'],
      lang: 'ru',
      paragraphs: S1_PARAGRAPHS,
    });
    const html = fixturePage(S1, NOW).html;
    for (const furniture of ['Первые заморозки: когда в Казахстане ждать снега', 'Карта штормовых предупреждений', 'Подписывайтесь на Telegram-канал Sputnik Казахстан']) {
      expect(html).toContain(furniture);
      expect(storedArticle(crawl, S1).text).not.toContain(furniture);
    }
  });

  it('stores the base rate story with its byline and no lead, its description being the first sentence again', () => {
    expectStored(crawl, S2, {
      title: 'Нацбанк Казахстана сохранил базовую ставку на уровне 16,5%',
      lead: null,
      published: '2025-08-29T07:10:00.000Z',
      modified: '2025-08-29T07:10:00.000Z',
      author: 'Айгуль Сапарова',
      tags: ['Национальный банк', 'Базовая ставка', 'Инфляция'],
      lang: 'ru',
      paragraphs: S2_PARAGRAPHS,
    });
  });

  it('stores the hospital story that only its article sitemap names, with its dateline and without the "read also" embed', () => {
    expectStored(crawl, S4, {
      title: 'В Астане открыли многопрофильную детскую больницу на 300 коек',
      lead: null,
      published: '2025-08-28T11:45:00.000Z',
      modified: '2025-08-28T11:45:00.000Z',
      author: 'Дамир Есенов',
      tags: ['Здравоохранение', 'Астана'],
      lang: 'ru',
      paragraphs: S4_PARAGRAPHS,
    });
  });

  it('drops a lead only when the first paragraph already says it after its dateline', () => {
    const ctx = { sourceId: 'sputnik', timezone: sputnik.timezone, now: NOW };
    const standard = extractArticle(fixturePage(S2, NOW), ctx, sputnik.selectors);
    expect(standard.ok && standard.draft.lead).toBe('Национальный банк Казахстана принял решение сохранить базовую ставку на уровне 16,5% годовых.');
    const adapted = sputnik.extract(fixturePage(S2, NOW), ctx);
    expect(adapted.ok && adapted.draft.lead).toBe(null);
    const announced = sputnik.extract(fixturePage(S1, NOW), ctx);
    expect(announced.ok && announced.draft.lead).toBe('В ближайшие три дня на большей части территории страны ожидаются дожди с грозами и сильный ветер');
  });

  it('stores the Kazakh edition in Kazakh', () => {
    expectStored(crawl, S3, {
      title: 'Ұлттық банк базалық мөлшерлемені 16,5% деңгейінде сақтады',
      lead: null,
      published: '2025-08-29T07:30:00.000Z',
      modified: '2025-08-29T07:30:00.000Z',
      author: null,
      tags: ['Ұлттық банк', 'Инфляция'],
      lang: 'kk',
      paragraphs: S3_PARAGRAPHS,
    });
  });

  it('reads the listing cards with the instant of their data-unixtime, whatever clock time they print', () => {
    const listing = sputnik.discovery.listings[0];
    if (!listing) throw new Error('sputnik has no listing');
    const items = parseListing(fixturePage(LISTING, NOW).html, listing, LISTING, { timezone: sputnik.timezone, now: NOW });
    expect(items.map((i) => [i.url, i.publishedAt])).toEqual([
      [S1, '2025-09-12T04:40:00.000Z'],
      ['https://ru.sputnik.kz/docs/about/sputnik_kazakhstan_radio.html', '2025-09-12T04:00:00.000Z'],
      [S2, '2025-08-29T07:10:00.000Z'],
    ]);
    expect(items.filter((i) => sputnik.articleUrl?.test(i.url)).map((i) => i.url)).toEqual([S1, S2]);
  });

  it('finds nothing new on the next run', async () => {
    const [summary] = await crawl.again();
    expect(summary?.counts).toMatchObject({ discovered: 0, stored: 0, failed: 0 });
  });

  it('keeps to the /YYYYMMDD/<slug>-<id>.html shape and owns both editions\' hosts', () => {
    expect(sputnik.articleUrl?.test(S1)).toBe(true);
    expect(sputnik.articleUrl?.test(S3)).toBe(true);
    expect(sputnik.articleUrl?.test('https://ru.sputnik.kz/20250912/')).toBe(false);
    expect(sputnik.articleUrl?.test('https://ru.sputnik.kz/docs/about/sputnik_kazakhstan_radio.html')).toBe(false);
    const registry = createRegistry(builtinSources());
    expect([S1, S3].map((url) => registry.forUrl(url).id)).toEqual(['sputnik', 'sputnik']);
  });
});
