import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinSources, createRegistry } from '../../../src/scrapers/sites/index.js';
import { vlast } from '../../../src/scrapers/sites/vlast.js';
import { crawlFixtureSite, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored } from '../../helpers/stored.js';

const NOW = new Date('2025-09-12T06:00:00Z');

/** December 2019, when Almaty was on UTC+6: "11.12.2019, 11:27"; page 2 of the archive; no byline. */
const V1 = 'https://vlast.kz/novosti/36781-v-almaty-zafiksirovali-vysokij-uroven-zagraznenia-vozduha.html';
const V1_PARAGRAPHS = [
  "Утром 11 декабря в Алматы зафиксирован высокий уровень загрязнения атмосферного воздуха, сообщает РГП «Казгидромет».",
  "По данным автоматических постов наблюдения, концентрация взвешенных частиц РМ2,5 в Медеуском и Алмалинском районах превысила предельно допустимую в 2,5 раза. Повышенное содержание диоксида азота и оксида углерода отмечено вдоль проспектов Райымбека и Суюнбая.",
  "Синоптики связывают ухудшение качества воздуха с неблагоприятными метеоусловиями: в городе установилась безветренная погода с приземной инверсией, при которой выбросы ТЭЦ, частного сектора и автотранспорта скапливаются в нижнем слое атмосферы.",
  "По прогнозу «Казгидромета», неблагоприятные условия для рассеивания загрязняющих веществ сохранятся до 13 декабря. Жителям города с хроническими заболеваниями рекомендуют по возможности ограничить пребывание на улице.",
];
/** September 2025 (UTC+5), page 1 of the archive, with a byline, a "read also" block and a Telegram plug in the editor. */
const V2 = 'https://vlast.kz/novosti/68412-tarify-na-elektroenergiu-dla-zitelej-almaty-vyrastut-s-1-oktabra.html';
const V2_PARAGRAPHS = [
  "С 1 октября 2025 года тарифы на электроэнергию для населения Алматы повысятся, сообщает ТОО «АлматыЭнергоСбыт».",
  "Для потребителей, не имеющих электроплит, стоимость киловатт-часа в пределах первого уровня потребления составит 29,74 тенге с НДС вместо нынешних 25,63 тенге. Тариф второго уровня вырастет до 37,18 тенге, третьего – до 44,62 тенге.",
  "В энергоснабжающей организации объяснили повышение ростом стоимости покупной электроэнергии и услуг по ее передаче, а также инвестиционными обязательствами по модернизации сетей.",
  "Напомним, в прошлом году тарифы на электроэнергию в Алматы пересматривались дважды – в апреле и в ноябре.",
];
/** The tariffs story in the Kazakh archive (/kz/novosti/), with its Kazakh "read also" block and Telegram plug. */
const V3 = 'https://vlast.kz/kz/novosti/68420-almatyda-elektr-energiyasyna-tarif-1-qazannan-bastap-osedi.html';
const V3_PARAGRAPHS = [
  "2025 жылғы 1 қазаннан бастап Алматы тұрғындары үшін электр энергиясының тарифі көтеріледі, деп хабарлады «АлматыЭнергоСбыт» ЖШС.",
  "Электр плитасы жоқ тұтынушылар үшін тұтынудың бірінші деңгейіндегі бір киловатт-сағаттың құны ҚҚС-ны қоса алғанда қазіргі 25,63 теңгенің орнына 29,74 теңге болады. Екінші деңгейдің тарифі 37,18 теңгеге, үшінші деңгейдікі 44,62 теңгеге дейін өседі.",
  "Энергиямен жабдықтаушы ұйым тарифтің өсуін сатып алынатын электр энергиясы мен оны беру қызметтері құнының артуымен, сондай-ақ желілерді жаңғырту жөніндегі инвестициялық міндеттемелермен түсіндірді.",
  "Еске салайық, өткен жылы Алматыда электр энергиясының тарифі екі рет – сәуір мен қарашада қайта қаралған.",
];

const listingRequests = (crawl: FixtureCrawl, from = 0): string[] =>
  crawl.servers.requests().slice(from).map((r) => r.path).filter((p) => p.includes('archive=1'));

describe('vlast.kz', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['vlast'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('walks the archive listing of each edition page by page until the 404 past its last page, and stores the three articles', () => {
    expect(listingRequests(crawl)).toEqual(['/novosti/?archive=1', '/novosti/2/?archive=1', '/novosti/3/?archive=1', '/kz/novosti/?archive=1', '/kz/novosti/2/?archive=1']);
    expect(crawl.articles.map((a) => a.url).sort()).toEqual([V1, V2, V3].sort());
    expect(crawl.summaries[0]?.counts).toMatchObject({ discovered: 3, stored: 3, failed: 0 });
  });

  it('reads a 2019 date in the UTC+6 Almaty had then', () => {
    expectStored(crawl, V1, {
      title: 'В Алматы зафиксировали высокий уровень загрязнения воздуха',
      published: '2019-12-11T05:27:00.000Z',
      modified: null,
      author: null,
      tags: ['Алматы', 'экология', 'смог'],
      lang: 'ru',
      paragraphs: V1_PARAGRAPHS,
    });
  });

  it('stores the tariffs article from the editor alone: no "read also" block, Telegram plug, share bar or error prompt', () => {
    expectStored(crawl, V2, {
      title: 'Тарифы на электроэнергию для жителей Алматы вырастут с 1 октября',
      published: '2025-09-11T11:45:00.000Z',
      modified: null,
      author: 'Дана Омарова',
      tags: ['тарифы', 'электроэнергия', 'Алматы'],
      lang: 'ru',
      paragraphs: V2_PARAGRAPHS,
    });
  });

  it('stores the Kazakh tariffs story in Kazakh, from the editor alone', () => {
    expectStored(crawl, V3, {
      title: 'Алматыда электр энергиясына тариф 1 қазаннан бастап өседі',
      published: '2025-09-11T12:20:00.000Z',
      modified: null,
      author: 'Дана Омарова',
      tags: ['тариф', 'электр энергиясы', 'Алматы'],
      lang: 'kk',
      paragraphs: V3_PARAGRAPHS,
    });
  });

  it('stops each walk at the first page that brings nothing new on the next run', async () => {
    const before = crawl.servers.requests().length;
    const [summary] = await crawl.again();
    expect(summary?.counts).toMatchObject({ discovered: 0, stored: 0, failed: 0 });
    expect(listingRequests(crawl, before)).toEqual(['/novosti/?archive=1', '/novosti/2/?archive=1', '/kz/novosti/?archive=1', '/kz/novosti/2/?archive=1']);
  });

  it('keeps to the [/kz]/<section>/<id>-<slug>.html shape', () => {
    expect(vlast.articleUrl?.test(V1)).toBe(true);
    expect(vlast.articleUrl?.test(V3)).toBe(true);
    expect(vlast.articleUrl?.test('https://vlast.kz/politika/68320-kak-menyalas-konstitucia-kazahstana.html')).toBe(true);
    expect(vlast.articleUrl?.test('https://vlast.kz/avtory/dana-omarova/')).toBe(false);
    expect(vlast.articleUrl?.test('https://vlast.kz/novosti/2/?archive=1')).toBe(false);
    expect(vlast.articleUrl?.test('https://vlast.kz/kz/novosti/?archive=1')).toBe(false);
    expect(createRegistry(builtinSources()).forUrl(V2).id).toBe('vlast');
  });
});
