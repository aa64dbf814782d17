import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dknews } from '../../../src/scrapers/sites/dknews.js';
import { crawlFixtureSite, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored } from '../../helpers/stored.js';

const NOW = new Date('2026-02-28T06:00:00Z');
const D1 = 'https://dknews.kz/ru/politika/345812-vazhnost-shos-v-ukreplenii-regionalnoy-stabilnosti';
const D2 = 'https://dknews.kz/ru/ekonomika/362450-v-kazahstane-zapustyat-edinuyu-platformu-dlya-nalogovoy-otchetnosti';
/** The same story in the Kazakh edition, from /kz/all. */
const D3 = 'https://dknews.kz/kz/ekonomika/362455-qazaqstanda-salyq-eseptiligine-arnalgan-birtutas-platforma-iske-qosylady';

/** Seed 002: the SCO deputy foreign ministers' consultations; the tag line at its end is tags, not body. */
const D1_PARAGRAPHS = [
  "Вопросы поддержания и укрепления мира, безопасности и стабильности в фокусе внимания ШОС, передает DKnews.kz.",
  "Состоялись консультации по вопросам международной деятельности Шанхайской организации сотрудничества (ШОС) и региональной безопасности на уровне заместителей министров иностранных дел государств-членов ШОС. От Казахстана в мероприятии принял участие Заместитель министра иностранных дел Алибек Бакаев.",
  "Главы делегаций провели обстоятельный обмен мнениями по вопросам укрепления региональной безопасности и углубления внешнеполитической координации государств-членов ШОС в условиях текущей международной обстановки, а также подготовки предстоящих встреч на высшем и высоком уровнях в рамках Организации.",
  "Особое внимание было уделено дальнейшей реализации договорённостей, достигнутых на Совете глав государств-членов ШОС в Астане в июле 2024 года. В частности, были обсуждены конкретные меры по совершенствованию деятельности ШОС, раскрытию потенциала Организации в противодействии современным вызовам и угрозам, а также повышению эффективности работы органов ШОС.",
  "А. Бакаев отметил возрастающую роль и возможности Шанхайской организации по усилению многопрофильного регионального диалога. Он обратил внимание на важность активизации совместных усилий для скорейшей и полной реализации договорённостей глав государств, достигнутых на Астанинском саммите ШОС, и выразил готовность казахской стороны к тесному взаимодействию по различным аспектам реформирования Организации.",
  "Вместе с тем, в рамках визита состоялась двусторонняя встреча А. Бакаева с Заместителем министра иностранных дел Российской Федерации Андреем Руденко.",
  "В ходе переговоров стороны обсудили вопросы дальнейшего расширения и укрепления двустороннего сотрудничества, а также совместную работу в многостороннем формате, в частности по линии ШОС и Совещания по взаимодействию и мерам доверия в Азии (СВМДА)."
];
const D2_PARAGRAPHS = [
  "С 1 июля 2026 года налогоплательщики смогут подавать всю отчетность через единую платформу, передает DKnews.kz.",
  "Как сообщили в Комитете государственных доходов Министерства финансов, новая система объединит кабинет налогоплательщика, сервисы электронных счетов-фактур и виртуальный склад.",
  "По оценке ведомства, переход на единую платформу сократит время на подготовку отчетности почти вдвое."
];


describe('dknews.kz', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['dknews'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the articles of its /ru/all and /kz/all listings', () => {
    expect(crawl.articles.map((a) => a.url)).toEqual([D3, D2, D1]);
  });

  it('stores seed 002 from JSON-LD and the generic extractor, with its tag links as tags', () => {
    expectStored(crawl, D1, {
      title: 'Важность ШОС в укреплении региональной стабильности',
      lead: null,
      published: '2025-04-10T10:47:00.000Z',
      modified: '2025-04-10T10:47:00.000Z',
      author: null,
      tags: ['ШОС', 'МИД РК', 'МИД', 'Шанхайская организация', 'Международное сотрудничество'],
      lang: 'ru',
      paragraphs: D1_PARAGRAPHS,
    });
  });

  it('stores a second article the same way', () => {
    expectStored(crawl, D2, {
      title: 'В Казахстане запустят единую платформу для налоговой отчетности',
      lead: null,
      published: '2026-02-27T11:20:00.000Z',
      modified: '2026-02-27T11:20:00.000Z',
      author: null,
      tags: ['Налоги', 'Цифровизация'],
      lang: 'ru',
      paragraphs: D2_PARAGRAPHS,
    });
  });

  it('stores the Kazakh edition in Kazakh, its tag links as tags', () => {
    expectStored(crawl, D3, {
      title: 'Қазақстанда салық есептілігіне арналған бірыңғай платформа іске қосылады',
      lead: null,
      published: '2026-02-27T12:05:00.000Z',
      modified: '2026-02-27T12:05:00.000Z',
      author: null,
      tags: ['Салық', 'Цифрландыру'],
      lang: 'kk',
      paragraphs: [
        '2026 жылғы 1 шілдеден бастап салық төлеушілер барлық есептілікті бірыңғай платформа арқылы тапсыра алады, деп хабарлайды DKnews.kz.',
        'Қаржы министрлігі Мемлекеттік кірістер комитетінің мәліметінше, жаңа жүйе салық төлеушінің кабинетін, электрондық шот-фактуралар мен виртуалды қойма қызметтерін біріктіреді.',
        'Ведомство бағалауынша, бірыңғай платформаға көшу есептілікті дайындауға кететін уақытты екі есеге жуық қысқартады.',
      ],
    });
  });

  it('keeps to the URL shapes of SITES.md', () => {
    expect([D1, D2, 'https://dknews.kz/kz/sayasat/12345-shyu'].map((u) => dknews.articleUrl?.test(u))).toEqual([true, true, true]);
    expect(['https://dknews.kz/ru/all', 'https://dknews.kz/kz/all', 'https://dknews.kz/ru/tag/shos', 'https://dknews.kz/ru/politika'].map((u) => dknews.articleUrl?.test(u))).toEqual([false, false, false, false]);
  });
});
