import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseListing } from '../../../src/scrapers/discover.js';
import { builtinSources, createRegistry } from '../../../src/scrapers/sites/index.js';
import { informburo } from '../../../src/scrapers/sites/informburo.js';
import { crawlFixtureSite, fixturePage, type FixtureCrawl } from '../../helpers/pipeline.js';
import { expectStored } from '../../helpers/stored.js';

const NOW = new Date('2025-08-16T07:00:00Z');
const LISTING = 'https://informburo.kz/novosti';

/** A crossroads closed in Astana (15 August 2025): a figure with a caption and a "read more" card among the paragraphs. */
const I1 = 'https://informburo.kz/novosti/perekrestok-ulic-turan-i-orynbor-v-astane-zakroyut-na-dve-nedeli';
const I1_PARAGRAPHS = [
  "Как сообщили в акимате столицы, движение будет перекрыто в связи с заменой магистральных водопроводных сетей, которую проводит ГКП «Астана Су Арнасы».",
  "Объехать закрытый участок можно по улицам Сыганак, Керей, Жанибек хандар и проспекту Кабанбай батыра. Общественный транспорт, следующий через перекресток, временно изменит схему движения: маршруты № 10, 12 и 32 пойдут в объезд по улице Сыганак.",
  "В акимате попросили водителей заранее планировать маршруты и с пониманием отнестись к временным неудобствам.",
  "Это уже третий крупный перекресток на левом берегу, закрытый на ремонт этим летом. В июле на две недели перекрывали пересечение проспекта Мангилик Ел и улицы Орынбор.",
];
/** New schools in Almaty (16 August 2025). */
const I2 = 'https://informburo.kz/novosti/v-almaty-k-1-sentyabrya-otkroyut-12-novyh-shkol';
const I2_PARAGRAPHS = [
  "Семь школ возводятся за счет государственного бюджета, еще пять – в рамках государственно-частного партнерства и национального проекта «Комфортная школа». Больше всего новых учебных заведений откроется в Алатауском и Наурызбайском районах.",
  "По словам руководителя управления образования Алматы, все объекты планируется сдать до 25 августа, чтобы успеть завершить оснащение кабинетов и набор педагогов.",
  "«Новые школы позволят полностью закрыть трехсменное обучение в городе и снизить нагрузку на переполненные школы в микрорайонах», – сказали в управлении.",
  "Сейчас в Алматы работают 226 государственных школ, в которых учатся более 330 тысяч детей.",
];
/** The same schools story in the Kazakh edition, under /kaz/newskaz/, with its own "Оқи отырыңыз" card. */
const I3 = 'https://informburo.kz/kaz/newskaz/almatyda-1-kyrkuyekke-deyin-12-zhana-mektep-ashylady';
const I3_PARAGRAPHS = [
  "Жеті мектеп мемлекеттік бюджет есебінен, тағы бесеуі мемлекеттік-жекешелік әріптестік және «Жайлы мектеп» ұлттық жобасы аясында салынып жатыр. Жаңа білім ордаларының көбі Алатау және Наурызбай аудандарында ашылады.",
  "Алматы қалалық білім басқармасының басшысы барлық нысанды 25 тамызға дейін пайдалануға беру жоспарланғанын айтты. Бұл сыныптарды жабдықтап, мұғалімдерді жұмысқа алуға уақыт береді.",
  "«Жаңа мектептер қаладағы үш ауысымды оқытуды толық жоюға және шағын аудандардағы толып кеткен мектептердің жүктемесін азайтуға мүмкіндік береді», – деді басқарма өкілдері.",
  "Қазір Алматыда 226 мемлекеттік мектеп жұмыс істейді, онда 330 мыңнан астам бала оқиды.",
];


describe('informburo.kz', () => {
  let crawl: FixtureCrawl;
  beforeAll(async () => {
    crawl = await crawlFixtureSite(['informburo'], { now: NOW });
  });
  afterAll(async () => {
    await crawl?.close();
  });

  it('stores the three articles, reading only the news sitemap of its index and the /novosti and /kaz/newskaz listings', () => {
    expect(crawl.articles.map((a) => a.url).sort()).toEqual([I1, I2, I3].sort());
    expect(crawl.summaries[0]?.counts).toMatchObject({ discovered: 3, stored: 3, failed: 0 });
    const paths = crawl.servers.requests().map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/sitemap'))).toEqual(['/sitemap.xml', '/sitemap/news-2025-08.xml']);
    expect(paths.filter((p) => p.startsWith('/specproekty/'))).toEqual([]);
  });

  it('stores the crossroads story with its excerpt as the lead, and no figure caption or "read more" card in the body', () => {
    expectStored(crawl, I1, {
      title: 'Перекресток улиц Туран и Орынбор в Астане закроют на две недели',
      lead: 'С 16 по 31 августа в Астане будет закрыт перекресток улиц Туран и Орынбор из-за ремонта инженерных сетей.',
      published: '2025-08-15T09:20:00.000Z',
      modified: '2025-08-15T09:20:00.000Z',
      author: 'Арман Жумабеков',
      tags: ['Астана', 'ремонт дорог', 'перекрытие'],
      lang: 'ru',
      paragraphs: I1_PARAGRAPHS,
    });
  });

  it('stores the schools story the same way', () => {
    expectStored(crawl, I2, {
      title: 'В Алматы к 1 сентября откроют 12 новых школ',
      lead: 'В этом году в Алматы построят 12 школ на 22,8 тысячи ученических мест, сообщили в управлении образования города.',
      published: '2025-08-16T05:05:00.000Z',
      modified: '2025-08-16T06:30:00.000Z',
      author: 'Динара Сагатова',
      tags: ['Алматы', 'школы', 'образование'],
      lang: 'ru',
      paragraphs: I2_PARAGRAPHS,
    });
  });

  it('stores the Kazakh edition of the schools story in Kazakh', () => {
    expectStored(crawl, I3, {
      title: 'Алматыда 1 қыркүйекке дейін 12 жаңа мектеп ашылады',
      lead: 'Биыл Алматыда 22,8 мың оқушы орнына арналған 12 мектеп салынады, деп хабарлады қалалық білім басқармасы.',
      published: '2025-08-16T05:30:00.000Z',
      modified: '2025-08-16T05:30:00.000Z',
      author: 'Әсел Жұмабаева',
      tags: ['Алматы', 'мектеп'],
      lang: 'kk',
      paragraphs: I3_PARAGRAPHS,
    });
  });

  it('dates each listing item by the day heading it stands under ("Сегодня", "15 августа", "Бүгін") and its time', () => {
    const [ru, kk] = informburo.discovery.listings;
    if (!ru || !kk) throw new Error('informburo has no listing per edition');
    const ctx = { timezone: informburo.timezone, now: NOW };
    expect(parseListing(fixturePage(LISTING, NOW).html, ru, LISTING, ctx).map((i) => [i.url, i.publishedAt])).toEqual([
      [I2, '2025-08-16T05:05:00.000Z'],
      ['https://informburo.kz/specproekty/olimpiada-2026', '2025-08-16T04:00:00.000Z'],
      [I1, '2025-08-15T09:20:00.000Z'],
    ]);
    const kazakh = 'https://informburo.kz/kaz/newskaz';
    expect(parseListing(fixturePage(kazakh, NOW).html, kk, kazakh, ctx).map((i) => [i.url, i.publishedAt])).toEqual([
      [I3, '2025-08-16T05:30:00.000Z'],
      ['https://informburo.kz/kaz/specproekty/olimpiada-2026', '2025-08-16T04:00:00.000Z'],
    ]);
  });

  it('finds nothing new on the next run', async () => {
    const [summary] = await crawl.again();
    expect(summary?.counts).toMatchObject({ discovered: 0, stored: 0, failed: 0 });
  });

  it('keeps to the /novosti/<slug> and /kaz/newskaz/<slug> shapes, old .html pages included', () => {
    for (const url of [I1, I3, 'https://informburo.kz/novosti/dochka-kegoc-stala-edinym-zakupshchikom-elektroenergii-v-kazahstane.html', 'https://informburo.kz/stati/pochemu-v-astane-postoyanno-perekryvayut-dorogi']) {
      expect(informburo.articleUrl?.test(url)).toBe(true);
    }
    for (const url of [LISTING, 'https://informburo.kz/kaz/newskaz', 'https://informburo.kz/specproekty/olimpiada-2026', 'https://informburo.kz/kaz/specproekty/olimpiada-2026', 'https://informburo.kz/o-nas']) {
      expect(informburo.articleUrl?.test(url)).toBe(false);
    }
    expect(createRegistry(builtinSources()).forUrl(I2).id).toBe('informburo');
  });
});
