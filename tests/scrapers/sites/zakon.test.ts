import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zakon } from '../../../src/scrapers/sites/zakon.js';
import { crawlFixtureSite, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored } from '../../helpers/stored.js';

const NOW = new Date('2026-02-28T06:00:00Z');
const Z1 = 'https://www.zakon.kz/politika/6489345-tokaev-nazval-prioritety-razvitiya-shos.html';
const Z2 = 'https://www.zakon.kz/politika/6508891-kazahstan-i-serbiya-podpisali-paket-dokumentov.html';

/** Seed 001: the SCO summit speech of 1 September 2025 (Tianjin). */
const Z1_PARAGRAPHS = [
  "Глава государства Касым-Жомарт Токаев, выступая 1 сентября 2025 года на заседании Совета глав государств – членов Шанхайской организации сотрудничества, представил свое видение приоритетных направлений дальнейшего развития ШОС, сообщает Zakon.kz.",
  "В качестве первого приоритета было обозначено укрепление стратегического партнерства и взаимной поддержки в рамках организации.",
  "\"В условиях обострения геополитических конфликтов, технологического соперничества, финансово-экономических санкций, экологических и техногенных катастроф ШОС должна стать постоянно действующей платформой для налаживания широкоформатного политического взаимодействия, укрепления взаимного доверия в международном сообществе, развития гуманитарного сотрудничества и межцивилизационного диалога. В этом плане положительно оцениваем инициативы председателя Китая: о глобальном развитии, глобальной безопасности, глобальной цивилизации, глобальном управлении. Считаем исключительно важной полную реализацию принимаемой нами сегодня десятилетней стратегии развития ШОС\", – заявил Касым-Жомарт Токаев.",
  "Президент подчеркнул важность укрепления сотрудничества в сфере безопасности. По его словам, это направление становится приоритетным с учетом усиления международного терроризма, религиозного экстремизма, наркотрафика, незаконной миграции, киберпреступности и других деструктивных тенденций.",
  "\"Подобные угрозы международной безопасности, включая \"три зла\", можно преодолеть только путем совместных действий. Поэтому Казахстан поддерживает учреждение четырех центров ШОС по борьбе с вызовами и угрозами безопасности. Считаем важным усилить деловые контакты между Шанхайской организацией сотрудничества и Совещанием по взаимодействию и мерам доверия в Азии. Призываем государства ШОС продолжить оказание гуманитарной, технической помощи Афганистану для восстановления страны, ее вовлечения в региональные и экономические процессы. Казахстан приступил к строительству ряда инфраструктурных и логистических проектов в Афганистане, которые позволят усилить взаимосвязанность между государствами ШОС. В начале августа с участием Генерального секретаря Организации Объединенных Наций в Алматы официально открыт Региональный центр ООН по целям устойчивого развития для Центральной Азии и Афганистана. Предлагаем государствам – участникам ШОС совместно использовать потенциал данного Центра для координации усилий и активизации регионального сотрудничества по всем приоритетным направлениям\", – сказал Касым-Жомарт Токаев.",
  "Ранее глава государства выдвинул идею создать Центр изучения водных проблем ШОС в Казахстане."
];
const Z2_PARAGRAPHS = [
  "По итогам переговоров Касым-Жомарта Токаева и Александра Вучича в Акорде подписан пакет из 12 документов, сообщает Zakon.kz.",
  "Среди подписанных документов – соглашение о стратегическом партнерстве, меморандумы о сотрудничестве в сферах сельского хозяйства, цифрового развития и высшего образования, а также программа культурного обмена на 2026–2028 годы.",
  "Президент Казахстана отметил, что товарооборот между странами в прошлом году вырос почти на треть, и предложил довести его до 100 млн долларов.",
  "Стороны также договорились проработать открытие прямого авиасообщения между Астаной и Белградом."
];


describe('zakon.kz', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['zakon'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the two articles its sitemap index and "load more" listing lead to, and no /pbf/ or /special/ page', () => {
    expect(crawl.articles.map((a) => a.url)).toEqual([Z2, Z1]);
    expect(crawl.servers.requests().map((r) => r.path).filter((p) => /\/(pbf|special)\//.test(p))).toEqual([]);
  });

  it('stores the SCO summit article with its JSON-LD date and author, its tags, and the whole body though JSON-LD holds only the lead', () => {
    // Cut before "Читайте также", the share block, the Google News prompt, the tags and "Нашли ошибку".
    expectStored(crawl, Z1, {
      title: 'Токаев назвал приоритеты развития ШОС',
      lead: null,
      published: '2025-09-01T06:42:00.000Z',
      modified: '2025-09-01T07:10:00.000Z',
      author: 'Ерлан Бекетов',
      tags: ['ШОС', 'Касым-Жомарт Токаев', 'Китай'],
      lang: 'ru',
      paragraphs: Z1_PARAGRAPHS,
    });
  });

  it('stores the newer article the same way', () => {
    expectStored(crawl, Z2, {
      title: 'Казахстан и Сербия подписали пакет документов о сотрудничестве',
      lead: null,
      published: '2026-02-27T12:05:00.000Z',
      modified: '2026-02-27T12:05:00.000Z',
      author: 'Дана Абдрахманова',
      tags: ['Казахстан', 'Сербия', 'Касым-Жомарт Токаев'],
      lang: 'ru',
      paragraphs: Z2_PARAGRAPHS,
    });
  });

  it('finds nothing new on the next run, after one page of each walk', async () => {
    const before = crawl.servers.requests().length;
    const [summary] = await crawl.again();
    expect(summary?.counts.discovered).toBe(0);
    expect(crawl.servers.requests().slice(before).map((r) => r.path)).toEqual([
      '/sitemap/index.xml',
      '/sitemap/1.xml',
      '/news/?handler=LoadMoreNews&p=1&type=list',
    ]);
  });

  it('keeps to the URL shapes of SITES.md', () => {
    expect(zakon.articleUrl?.test(Z1)).toBe(true);
    expect(zakon.articleUrl?.test('https://zakon.kz/6489345-tokaev.html')).toBe(true);
    expect(zakon.articleUrl?.test('https://www.zakon.kz/authors/dana-abdrahmanova/')).toBe(false);
    expect(zakon.skipUrl?.test('https://www.zakon.kz/pbf/6508870-kak-vybrat-ipoteku-v-2026-godu.html')).toBe(true);
    expect(zakon.skipUrl?.test('https://www.zakon.kz/special/6508802-zhenskiy-biznes-kazahstana.html')).toBe(true);
    expect(zakon.skipUrl?.test(Z1)).toBe(false);
  });
});
