import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanDraft } from '../../../src/pipeline/normalize.js';
import { builtinSources, createRegistry } from '../../../src/scrapers/sites/index.js';
import { kursiv } from '../../../src/scrapers/sites/kursiv.js';
import { crawlFixtureSite, fixturePage, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored } from '../../helpers/stored.js';

const NOW = new Date('2025-11-03T06:00:00Z');

/** The base rate raised to 18%: a subtitle, a subheading, a quote, then "read also", a Telegram plug and the footer inside .single-body. */
const K1 = 'https://kz.kursiv.media/2025-10-10/fvfv-nacbank-povysil-bazovuyu-stavku-do-18/';
const K1_PARAGRAPHS = [
  "Национальный банк Казахстана повысил базовую ставку с 16,5 до 18% годовых с процентным коридором +/- 1 п.п. Решение вступает в силу с 13 октября.",
  "Годовая инфляция в сентябре ускорилась до 12,9%. Рост цен на продовольственные товары составил 11,2%, на непродовольственные – 11,5%, на платные услуги – 16,4%.",
  "Что повлияло на решение",
  "По оценке регулятора, инфляционное давление усиливается на фоне роста внутреннего спроса, повышения регулируемых цен на коммунальные услуги и топливо, а также ожиданий, связанных с изменением налоговой политики.",
  "«Ужесточение денежно-кредитных условий необходимо для снижения инфляции к целевому ориентиру в 5% в среднесрочной перспективе», – заявил председатель Нацбанка Тимур Сулейменов.",
  "Следующее решение по базовой ставке будет объявлено 28 ноября.",
];
/** Astana housing prices: no subtitle. */
const K2 = 'https://kz.kursiv.media/2025-11-03/tksh-ceny-na-vtorichnoe-zhile-v-astane-vyrosli-za-god-na-9/';
const K2_PARAGRAPHS = [
  "Средняя цена квадратного метра на вторичном рынке жилья Астаны в октябре составила 541 тыс. тенге, следует из данных Бюро национальной статистики. За год жилье подорожало на 9%, за месяц – на 0,6%.",
  "Новостройки в столице за тот же период подорожали на 6,1%, до 498 тыс. тенге за квадратный метр. Аренда выросла сильнее: в среднем на 14,3% за год.",
  "Самое дорогое вторичное жилье в стране по-прежнему в Алматы – 704 тыс. тенге за квадратный метр. Дешевле всего квартиры на вторичном рынке стоят в Кокшетау и Таразе.",
  "Аналитики связывают рост цен с ожиданием повышения НДС с 2026 года и удорожанием ипотеки после повышения базовой ставки.",
];
/** The English edition (/en/). */
const K3 = 'https://kz.kursiv.media/en/2025-10-10/fvfv-kazakhstans-central-bank-raises-base-rate-to-18/';
const K3_PARAGRAPHS = [
  "The National Bank of Kazakhstan raised its base rate from 16.5% to 18% per annum with an interest rate corridor of +/- 1 percentage point. The decision takes effect on October 13.",
  "Annual inflation accelerated to 12.9% in September. Food prices rose by 11.2%, non-food goods by 11.5% and paid services by 16.4%.",
  "The next base rate decision will be announced on November 28.",
];
/** The Kazakh edition (/kk/). */
const K4 = 'https://kz.kursiv.media/kk/2025-10-10/fvfv-ulttyq-bank-bazalyq-molsherlemeni-18-ga-deyin-koterdi/';
const K4_PARAGRAPHS = [
  "Қазақстан Ұлттық банкі базалық мөлшерлемені жылдық 16,5%-дан 18%-ға дейін көтерді, пайыздық дәліз +/- 1 пайыздық тармақ. Шешім 13 қазаннан бастап күшіне енеді.",
  "Қыркүйекте жылдық инфляция 12,9%-ға дейін жеделдеді. Азық-түлік тауарлары 11,2%-ға, азық-түлікке жатпайтын тауарлар 11,5%-ға, ақылы қызметтер 16,4%-ға қымбаттады.",
  "Базалық мөлшерлеме бойынша келесі шешім 28 қарашада жарияланады.",
];



describe('kz.kursiv.media', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['kursiv'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the four articles of its two feeds and three language sitemaps, not the rubric page', () => {
    expect(crawl.articles.map((a) => a.url).sort()).toEqual([K1, K2, K3, K4].sort());
    expect(crawl.summaries[0]?.counts).toMatchObject({ discovered: 4, stored: 4, failed: 0 });
    expect(crawl.servers.requests().filter((r) => r.path === '/finance/')).toEqual([]);
  });

  it('stores the base rate article with its subtitle as the lead, up to its "read also" block, the subheading and the quote kept', () => {
    expectStored(crawl, K1, {
      title: 'Нацбанк Казахстана повысил базовую ставку до 18%',
      lead: 'Регулятор ужесточил денежно-кредитную политику на фоне ускорения инфляции',
      published: '2025-10-10T07:45:00.000Z',
      modified: '2025-10-10T09:12:31.000Z',
      author: 'Ирина Лебедева',
      tags: ['Нацбанк', 'базовая ставка', 'инфляция'],
      lang: 'ru',
      paragraphs: K1_PARAGRAPHS,
    });
  });

  it('stores the housing article, which has no subtitle', () => {
    expectStored(crawl, K2, {
      title: 'Цены на вторичное жилье в Астане выросли за год на 9%',
      published: '2025-11-03T04:10:00.000Z',
      modified: '2025-11-03T04:10:00.000Z',
      author: 'Тимур Касымов',
      tags: ['недвижимость', 'Астана'],
      lang: 'ru',
      paragraphs: K2_PARAGRAPHS,
    });
  });

  it('stores the English and Kazakh editions in their languages', () => {
    expectStored(crawl, K3, {
      title: 'Kazakhstan’s central bank raises base rate to 18%',
      published: '2025-10-10T08:30:00.000Z',
      modified: '2025-10-10T08:30:00.000Z',
      author: 'Irina Lebedeva',
      tags: ['National Bank', 'base rate'],
      lang: 'en',
      paragraphs: K3_PARAGRAPHS,
    });
    expectStored(crawl, K4, {
      title: 'Ұлттық банк базалық мөлшерлемені 18%-ға дейін көтерді',
      published: '2025-10-10T09:05:00.000Z',
      modified: '2025-10-10T09:05:00.000Z',
      author: 'Айдана Сейтқали',
      tags: ['Ұлттық банк', 'инфляция'],
      lang: 'kk',
      paragraphs: K4_PARAGRAPHS,
    });
  });

  it('still finds the same body through the generic extractor if .single-body is renamed', () => {
    const page = fixturePage(K1, NOW);
    const renamed = { ...page, html: page.html.replaceAll('single-body', 'post-content') };
    const result = kursiv.extract(renamed, { sourceId: 'kursiv', timezone: kursiv.timezone, now: NOW });
    expect(result.ok && cleanDraft(result.draft).paragraphs).toEqual(K1_PARAGRAPHS);
  });

  it('finds nothing new on the next run', async () => {
    const [summary] = await crawl.again();
    expect(summary?.counts).toMatchObject({ discovered: 0, stored: 0, failed: 0 });
  });

  it('keeps to the /[kk|en/]YYYY-MM-DD/<slug>/ shape', () => {
    for (const url of [K1, K3, K4]) expect(kursiv.articleUrl?.test(url)).toBe(true);
    expect(kursiv.articleUrl?.test('https://kz.kursiv.media/finance/')).toBe(false);
    expect(kursiv.articleUrl?.test('https://kz.kursiv.media/author/irina-lebedeva/')).toBe(false);
    expect(createRegistry(builtinSources()).forUrl(K4).id).toBe('kursiv');
  });
});
