import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawPages } from '../../../src/db/queries.js';
import type { ArticleView } from '../../../src/db/types.js';
import { akorda } from '../../../src/scrapers/sites/akorda.js';
import { crawlFixtureSite, FIXTURE_SITES, type FixtureCrawl } from '../../helpers/pipeline.js';

const NOW = new Date('2026-02-28T06:00:00Z');
const BASE = 'https://www.akorda.kz';
const A1 = `${BASE}/ru/otdelno-glava-gosudarstva-ostanovilsya-na-neobhodimosti-reformirovaniya-i-modernizacii-shos-471043`;
const A2 = `${BASE}/ru/prezidenty-kazahstana-i-serbii-proveli-peregovory-v-uzkom-sostave-527461`;
const A3 = `${BASE}/en/presidents-of-kazakhstan-and-serbia-held-talks-in-expanded-format-527470`;
const A4 = `${BASE}/kz/memleket-basshysy-vashingtonda-otandastarymen-kezdesti-526980`;

/**
 * Seed 000: the SCO summit in Astana. Not stored: the header's clock, the title repeated as a lead, the
 * "✔️" line, the second copy of the closing paragraphs, the akorda.kz credit, "Назад", "Другие новости" and
 * the Alison CMS footer.
 */
const A1_PARAGRAPHS = [
  "– В условиях стремительных глобальных изменений перед нами стоит насущная задача дальнейшего совершенствования деятельности ШОС. Продолжающийся процесс расширения Организации открывает новые возможности и придает импульс ее развитию. Наша страна, будучи председателем ШОС, представила свои сбалансированные предложения по трансформации Организации в еще более эффективный многосторонний механизм сотрудничества. В частности, мы выступаем за усиление роли Секретариата ШОС и Генерального секретаря, – подчеркнул Президент.",
  "Как отметил лидер Казахстана, все высказанные предложения продиктованы искренним стремлением внести посильную лепту в достижение общих благородных целей, которые разделяют все страны ШОС.",
  "В заключение Глава нашего государства поблагодарил всех участников мероприятия за поддержку. Он сердечно поздравил Председателя Китайской Народной Республики Си Цзиньпина с принятием председательства в Совете глав государств – членов ШОС и пожелал китайской стороне успехов.",
  "Подводя итоги заседания, Касым-Жомарт Токаев отметил, что был обсужден широкий спектр вопросов по дальнейшему продвижению многопланового сотрудничества, определен вектор дальнейшего развития нашей Организации.",
  "– Мы с оптимизмом смотрим на будущее Шанхайской организации сотрудничества. Уверен, документы, которые мы сейчас подпишем, откроют новую страницу сотрудничества в рамках ШОС, будут содействовать системному и всестороннему развитию нашей Организации, – подчеркнул Президент Казахстана.",
  "На саммите также выступили Президент Республики Беларусь Александр Лукашенко, исполняющий обязанности Президента Исламской Республики Иран Мохаммед Мохбер, Председатель Китайской Народной Республики Си Цзиньпин, Президент Кыргызской Республики Садыр Жапаров, Премьер-министр Исламской Республики Пакистан Шахбаз Шариф, Президент Российской Федерации Владимир Путин, Президент Республики Таджикистан Эмомали Рахмон, Президент Республики Узбекистан Шавкат Мирзиёев, министр иностранных дел Республики Индия Субраманьям Джайшанкар, Генеральный секретарь ШОС Чжан Мин, директор Исполнительного комитета Региональной антитеррористической структуры ШОС Руслан Мирзаев."
];
/** Built by the page's own script from a JSON blob: only the browser sees it. */
const A2_PARAGRAPHS = [
  "Касым-Жомарт Токаев приветствовал Александра Вучича в Акорде и отметил, что его государственный визит придает новый импульс казахстанско-сербскому сотрудничеству.",
  "– Мы считаем Сербию очень важным партнером в Европе. Между нашими странами нет никаких политических разногласий, а уровень взаимного доверия позволяет ставить амбициозные задачи, – сказал Президент Казахстана.",
  "Стороны обсудили расширение торгово-экономического взаимодействия, реализацию совместных проектов в сферах энергетики, сельского хозяйства, транспорта и логистики, а также сотрудничество в сфере информационных технологий.",
  "Александр Вучич поблагодарил Главу государства за теплый прием и подчеркнул, что Белград заинтересован в открытии прямого авиасообщения между столицами двух стран.",
  "Лидеры также обменялись мнениями по актуальным вопросам международной и региональной повестки дня."
];
const A3_PARAGRAPHS = [
  "President Kassym-Jomart Tokayev and President of Serbia Aleksandar Vučić held talks in an expanded format at the Akorda.",
  "The Head of State noted that trade between Kazakhstan and Serbia has grown steadily in recent years and proposed to bring it to 100 million US dollars.",
  "– Serbia is an important partner of Kazakhstan in the Western Balkans. We are ready to expand cooperation in industry, agriculture, transport and education, – said Kassym-Jomart Tokayev.",
  "Following the talks, the parties signed a number of documents on cooperation in trade, culture and digital development."
];
const A4_PARAGRAPHS = [
  "Президент Қасым-Жомарт Тоқаев Вашингтонда тұратын отандастарымен кездесті.",
  "Мемлекет басшысы Қазақстанда жүргізіліп жатқан саяси және экономикалық реформалар туралы айтып берді.",
  "– Сіздер Қазақстанның шетелдегі елшілерісіздер. Еліміздің жетістіктерін әлемге таныту – баршамыздың ортақ міндетіміз, – деді Президент.",
  "Кездесу соңында отандастар Мемлекет басшысына өздерінің ұсыныстарын жеткізді."
];

const fields = (a: ArticleView) => ({ title: a.title, lead: a.lead, published: a.published, modified: a.modified, author: a.author, tags: a.tags, lang: a.lang });
const paragraphs = (a: ArticleView | undefined): string[] => a?.text.split('\n') ?? [];

describe('akorda.kz', () => {
  let crawl: FixtureCrawl;
  const article = (url: string): ArticleView | undefined => crawl.articles.find((a) => a.url === url);
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['akorda'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the articles of its feed and its ru, kz and en listings, rendered in the browser', () => {
    // A2 and A3 share a publication date, so the order between them is the order they were stored in.
    expect(crawl.articles.map((a) => a.url).sort()).toEqual([A1, A2, A3, A4].sort());
    expect([...rawPages(crawl.kz, { source: 'akorda' })].map((p) => p.renderer)).toEqual(['browser', 'browser', 'browser', 'browser']);
  });

  it('stores the SCO summit page of seed 000 with the date under its title, not the header clock, and each paragraph once', () => {
    expect(fields(article(A1) as ArticleView)).toEqual({
      title: 'Отдельно Глава государства остановился на необходимости реформирования и модернизации ШОС',
      lead: null,
      // "4 июля 2024 года": midnight in Astana (UTC+5 since March 2024).
      published: '2024-07-03T19:00:00.000Z',
      modified: null,
      author: null,
      tags: [],
      lang: 'ru',
    });
    expect(paragraphs(article(A1))).toEqual(A1_PARAGRAPHS);
  });

  it('stores a body that only the page script writes', () => {
    const file = join(FIXTURE_SITES, 'www.akorda.kz', 'ru', `${A2.split('/').pop() as string}.html`);
    const html = readFileSync(file, 'utf8');
    const overHttp = akorda.extract(
      { requestedUrl: A2, url: A2, status: 200, headers: {}, html, charset: 'utf-8', fetchedAt: NOW.toISOString(), renderer: 'http', bytes: html.length, durationMs: 0, notModified: false },
      { sourceId: 'akorda', timezone: akorda.timezone, now: NOW },
    );
    expect(overHttp.ok).toBe(false);
    expect(fields(article(A2) as ArticleView)).toEqual({
      title: 'Президенты Казахстана и Сербии провели переговоры в узком составе',
      lead: null,
      published: '2026-02-26T19:00:00.000Z',
      modified: null,
      author: null,
      tags: [],
      lang: 'ru',
    });
    expect(paragraphs(article(A2))).toEqual(A2_PARAGRAPHS);
  });

  it('reads English and Kazakh dates and drops "Go back" and "Артқа"', () => {
    expect([article(A3)?.published, article(A3)?.lang, article(A4)?.published, article(A4)?.lang]).toEqual([
      '2026-02-26T19:00:00.000Z',
      'en',
      '2026-02-18T19:00:00.000Z',
      'kk',
    ]);
    expect(paragraphs(article(A3))).toEqual(A3_PARAGRAPHS);
    expect(paragraphs(article(A4))).toEqual(A4_PARAGRAPHS);
  });

  it('finds nothing new on the next run, reading only the feed and the first page of each listing', async () => {
    const before = crawl.servers.requests().length;
    const [summary] = await crawl.again();
    expect(summary?.counts.discovered).toBe(0);
    expect(crawl.servers.requests().slice(before).map((r) => r.path)).toEqual(['/ru/rss', '/ru/events?page=1', '/kz/events?page=1', '/en/events?page=1']);
  });

  it('keeps to the URL shapes of SITES.md', () => {
    const shapes = {
      '/ru/glava-gosudarstva-prinyal-ministra-ekologii-483750': true,
      '/ru/addresses/addresses_of_president/poslanie-glavy-gosudarstva-kasym-zhomarta-tokaeva-narodu-kazahstana-2025': true,
      '/en/events/international_community/foreign_visits/president-tokayev-arrives-in-tianjin_5123': true,
      '/ru/events?page=2': false,
      '/ru/events': false,
      '/ru/rss': false,
    };
    expect(Object.fromEntries(Object.keys(shapes).map((path) => [path, akorda.articleUrl?.test(`${BASE}${path}`)]))).toEqual(shapes);
  });
});
