import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanDraft } from '../../../src/pipeline/normalize.js';
import { builtinSources, createRegistry } from '../../../src/scrapers/sites/index.js';
import { nur } from '../../../src/scrapers/sites/nur.js';
import { crawlFixtureSite, fixturePage, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored } from '../../helpers/stored.js';

const NOW = new Date('2025-10-22T06:00:00Z');

/** Abay avenue closed for the weekend: a "read also" card, an ad slot, a photo and a "Читайте также:" paragraph in the body. */
const N1 = 'https://www.nur.kz/society/2254117-v-almaty-zakroyut-dvizhenie-po-uchastku-prospekta-abaya-na-vyhodnye/';
const N1_PARAGRAPHS = [
  "С 23:00 6 сентября до 06:00 8 сентября в Алматы будет закрыто движение по проспекту Абая на участке от улицы Байтурсынова до улицы Шагабутдинова, сообщает пресс-служба акимата города.",
  "Ограничение связано с демонтажом старого надземного пешеходного перехода и монтажом пролетных строений нового. Работы ведутся в рамках реконструкции проспекта.",
  "Объезд организован по улицам Сатпаева, Жандосова и проспекту Гагарина. Автобусы маршрутов № 12, 37 и 63 временно пойдут по измененной схеме, остановки на закрытом участке переносятся.",
  "В акимате попросили водителей учитывать перекрытие при планировании поездок и соблюдать требования временных дорожных знаков.",
];
/** Energy drinks banned for minors. */
const N2 = 'https://www.nur.kz/politics/laws/2263508-prodazhu-energetikov-nesovershennoletnim-zapretili-v-kazahstane/';
const N2_PARAGRAPHS = [
  "Глава государства подписал закон о внесении изменений в Кодекс об административных правонарушениях, которым запрещается продажа энергетических напитков лицам младше 18 лет.",
  "Продавцы будут обязаны потребовать документ, удостоверяющий личность, если у них возникнут сомнения в возрасте покупателя. Кроме того, энергетики запрещено продавать в школах, колледжах, детских и спортивных организациях.",
  "«Регулярное употребление энергетических напитков подростками приводит к нарушениям сердечного ритма, сна и повышенной тревожности», – говорится в пояснительной записке к законопроекту.",
  "За нарушение запрета предусмотрен штраф: для субъектов малого предпринимательства – 30 МРП, для среднего – 50 МРП, для крупного – 100 МРП. При повторном нарушении в течение года сумма штрафа удваивается.",
  "Закон вводится в действие по истечении десяти календарных дней после его первого официального опубликования.",
];
/** The Kazakh edition on kaz.nur.kz: a "read also" line and an ad slot in the body, a Kazakh Telegram plug after it. */
const N3 = 'https://kaz.nur.kz/society/2263574-astanada-zhylu-beru-mausymy-bastaldy/';
const N3_PARAGRAPHS = [
  "Астанада 2025–2026 жылдардағы жылу беру маусымы ресми түрде басталды, деп хабарлайды қала әкімдігінің баспасөз қызметі.",
  "Алдымен әлеуметтік нысандарға – мектептерге, балабақшаларға және ауруханаларға жылу беріледі. Тұрғын үйлерді жылу жүйесіне қосу бір апта ішінде аяқталады.",
  "«Жылу беру маусымына дайындық аясында 40 шақырымнан астам жылу желісі жаңартылды, екі жылу электр орталығында күрделі жөндеу жұмыстары жүргізілді», – деді «Астана-Энергия» АҚ өкілі.",
  "Пәтерде жылу болмаса, тұрғындар 109 бірыңғай байланыс орталығына немесе үй басқарушы компанияға хабарласа алады.",
];


describe('nur.kz', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['nur'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the articles of its RSS (links without their utm_ tags) and the /latest/ of both editions, and not the special projects', () => {
    expect(crawl.articles.map((a) => a.url).sort()).toEqual([N1, N2, N3].sort());
    expect(crawl.summaries[0]?.counts).toMatchObject({ discovered: 3, stored: 3, failed: 0 });
    const paths = crawl.servers.requests().map((r) => r.path);
    expect(paths.filter((p) => p.includes('utm_') || p.startsWith('/special/'))).toEqual([]);
  });

  it('stores the Abay avenue story with its JSON-LD date and author, and no "read also", ad or photo caption in the body', () => {
    expectStored(crawl, N1, {
      title: 'В Алматы закроют движение по участку проспекта Абая на выходные',
      published: '2025-09-05T13:22:00.000Z',
      modified: '2025-09-05T14:03:00.000Z',
      author: 'Айдос Сарсенов',
      tags: ['Алматы', 'ограничение движения'],
      lang: 'ru',
      paragraphs: N1_PARAGRAPHS,
    });
  });

  it('stores the energy drinks story', () => {
    expectStored(crawl, N2, {
      title: 'Продажу энергетиков несовершеннолетним запретили в Казахстане',
      published: '2025-10-22T03:05:00.000Z',
      modified: '2025-10-22T03:05:00.000Z',
      author: 'Алина Калиева',
      tags: ['законы', 'энергетические напитки', 'дети'],
      lang: 'ru',
      paragraphs: N2_PARAGRAPHS,
    });
  });

  it('stores the heating season story of the Kazakh edition, in Kazakh, without its "Оқи отырыңыз" card', () => {
    expectStored(crawl, N3, {
      title: 'Астанада жылу беру маусымы басталды',
      published: '2025-10-22T04:40:00.000Z',
      modified: '2025-10-22T05:15:00.000Z',
      author: 'Айгерім Сәрсенбаева',
      tags: ['Астана', 'жылу беру маусымы'],
      lang: 'kk',
      paragraphs: N3_PARAGRAPHS,
    });
  });

  it('falls back on the JSON-LD articleBody when the paragraph class is gone from the page', () => {
    const page = fixturePage(N1, NOW);
    const redesigned = { ...page, html: page.html.replaceAll('formatted-body__paragraph', 'body-text') };
    expect(redesigned.html).not.toContain('formatted-body__paragraph');
    const result = nur.extract(redesigned, { sourceId: 'nur', timezone: nur.timezone, now: NOW });
    expect(result.ok && cleanDraft(result.draft).paragraphs).toEqual(N1_PARAGRAPHS);
  });

  it('finds nothing new on the next run', async () => {
    const [summary] = await crawl.again();
    expect(summary?.counts).toMatchObject({ discovered: 0, stored: 0, failed: 0 });
  });

  it('keeps to the /<section>/<id>-<slug>/ shapes, new and old', () => {
    for (const url of [N1, N2, N3, 'https://www.nur.kz/1795089-cinovnika-izbili-do-komy-v-stepnogorske.html', 'https://www.nur.kz/food/recipes/1604632-beshbarmak-recept-klassicheskiy/']) {
      expect(nur.articleUrl?.test(url)).toBe(true);
    }
    for (const url of ['https://www.nur.kz/latest/', 'https://kaz.nur.kz/latest/', 'https://www.nur.kz/special/kaspi-gold-kak-platit/', 'https://www.nur.kz/society/']) {
      expect(nur.articleUrl?.test(url)).toBe(false);
    }
    expect([N2, N3].map((url) => createRegistry(builtinSources()).forUrl(url).id)).toEqual(['nur', 'nur']);
  });
});
