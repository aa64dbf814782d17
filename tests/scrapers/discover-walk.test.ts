import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { discover, type DiscoverOptions } from '../../src/scrapers/discover.js';
import { httpFetcherFromConfig } from '../../src/scrapers/fetch/http.js';
import { defineSource } from '../../src/scrapers/sites/define.js';
import { akorda } from '../../src/scrapers/sites/akorda.js';
import { dknews } from '../../src/scrapers/sites/dknews.js';
import { lada } from '../../src/scrapers/sites/lada.js';
import { orda } from '../../src/scrapers/sites/orda.js';
import { tengrinews } from '../../src/scrapers/sites/tengrinews.js';
import { zakon } from '../../src/scrapers/sites/zakon.js';
import type { Fetcher } from '../../src/scrapers/types.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { serveRecording, type RecordingServers } from '../helpers/recording-server.js';

const SITES = join(import.meta.dirname, '..', 'fixtures', 'sites');
const now = new Date('2026-02-28T06:00:00Z');
const config = loadConfig({ HOST_DELAY_MS: '0', FETCH_RETRIES: '0', RESPECT_ROBOTS: 'false', FETCH_TIMEOUT_MS: '5000' });

let servers: RecordingServers;
let fetcher: Fetcher;
let mark = 0;

beforeAll(async () => {
  servers = await serveRecording(SITES, ['www.akorda.kz', 'www.zakon.kz', 'tengrinews.kz', 'www.lada.kz', 'dknews.kz', 'orda.kz', 'kaz.tengrinews.kz', 'en.tengrinews.kz']);
  fetcher = httpFetcherFromConfig(config, { connectTo: servers.connectTo });
});
afterAll(async () => {
  await fetcher.close();
  await servers.close();
});

/** Requests the fixture servers received since the last call, as host + path. */
function requestsSinceLastCall(): string[] {
  const all = servers.requests();
  const fresh = all.slice(mark);
  mark = all.length;
  return fresh.map((r) => `${r.host}${r.path}`);
}

const nothingKnown: DiscoverOptions['isKnown'] = () => new Set();
const knownOf = (urls: string[]): DiscoverOptions['isKnown'] => (asked) => new Set(asked.filter((u) => urls.includes(u)));

const Z1 = 'https://www.zakon.kz/politika/6489345-tokaev-nazval-prioritety-razvitiya-shos.html';
const Z2 = 'https://www.zakon.kz/politika/6508891-kazahstan-i-serbiya-podpisali-paket-dokumentov.html';

describe('discover', () => {
  it('finds zakon.kz articles through its sitemap index and its JSON "load more" listing, skipping /pbf/, /special/ and non-articles', async () => {
    requestsSinceLastCall();
    const result = await discover(zakon, fetcher, { isKnown: nothingKnown, now });
    expect(result.items).toEqual([
      // Dates from the sitemap (read first), titles from the listing cards.
      { url: Z2, publishedAt: '2026-02-27T12:05:00.000Z', title: 'Казахстан и Сербия подписали пакет документов о сотрудничестве' },
      { url: Z1, publishedAt: '2025-09-01T07:10:00.000Z', title: 'Токаев назвал приоритеты развития ШОС' },
    ]);
    expect(result.errors).toEqual([]);
    expect(requestsSinceLastCall()).toEqual([
      'www.zakon.kz/sitemap/index.xml',
      'www.zakon.kz/sitemap/1.xml',
      'www.zakon.kz/sitemap/2.xml',
      'www.zakon.kz/news/?handler=LoadMoreNews&p=1&type=list',
      'www.zakon.kz/news/?handler=LoadMoreNews&p=2&type=list',
      'www.zakon.kz/news/?handler=LoadMoreNews&p=3&type=list',
    ]);
    expect(result.pagesFetched).toBe(6);
  });

  it('stops an incremental walk at the first page that brings nothing new', async () => {
    requestsSinceLastCall();
    const result = await discover(zakon, fetcher, { isKnown: knownOf([Z1, Z2]), now });
    expect(result.items).toEqual([]);
    expect(requestsSinceLastCall()).toEqual([
      'www.zakon.kz/sitemap/index.xml',
      'www.zakon.kz/sitemap/1.xml',
      'www.zakon.kz/news/?handler=LoadMoreNews&p=1&type=list',
    ]);
  });

  it('keeps walking while pages still hold unknown articles', async () => {
    requestsSinceLastCall();
    const result = await discover(zakon, fetcher, { isKnown: knownOf([Z1]), now });
    expect(result.items.map((i) => i.url)).toEqual([Z2]);
    expect(requestsSinceLastCall()).toEqual([
      'www.zakon.kz/sitemap/index.xml',
      'www.zakon.kz/sitemap/1.xml',
      'www.zakon.kz/sitemap/2.xml',
      'www.zakon.kz/news/?handler=LoadMoreNews&p=1&type=list',
      'www.zakon.kz/news/?handler=LoadMoreNews&p=2&type=list',
    ]);
  });

  it('reads tengrinews.kz from feed, the news sitemaps of its three editions and listing, dropping the glued tengrisport.kz link, and skips non-news sitemaps', async () => {
    requestsSinceLastCall();
    const result = await discover(tengrinews, fetcher, { isKnown: nothingKnown, now });
    expect(result.items).toEqual([
      {
        url: 'https://en.tengrinews.kz/kazakhstan_news/tokayev-and-vucic-hold-talks-in-akorda-592135/',
        publishedAt: '2026-02-27T11:20:00.000Z',
        title: 'Tokayev and Vučić hold talks in Akorda',
      },
      {
        url: 'https://kaz.tengrinews.kz/kazakhstan/tokaev-pen-vuchich-akordada-kelissoz-zhurgizdi-592131/',
        publishedAt: '2026-02-27T10:05:00.000Z',
        title: 'Тоқаев пен Вучич Ақордада келіссөз жүргізді',
      },
      {
        url: 'https://tengrinews.kz/kazakhstan_news/tokaev-i-vuchich-proveli-peregovoryi-v-akorde-592114/',
        publishedAt: '2026-02-27T09:30:00.000Z',
        title: 'Токаев и Вучич провели переговоры в Акорде',
      },
      {
        url: 'https://tengrinews.kz/kazakhstan_news/v-almatyi-vyipal-pervyiy-sneg-556302/',
        publishedAt: '2024-12-10T08:02:00.000Z',
        title: 'В Алматы выпал первый снег',
      },
    ]);
    expect(result.errors).toEqual([]);
    expect(requestsSinceLastCall()).toEqual([
      'tengrinews.kz/news.rss',
      'tengrinews.kz/sitemap-index.xml',
      'tengrinews.kz/sitemap-news.xml',
      'kaz.tengrinews.kz/sitemap-index.xml',
      'kaz.tengrinews.kz/sitemap-news.xml',
      'en.tengrinews.kz/sitemap-index.xml',
      'en.tengrinews.kz/sitemap-news.xml',
      'tengrinews.kz/news/page/1/',
      'tengrinews.kz/news/page/2/',
    ]);
  });

  it('backfills akorda.kz down to the since date: older items are left out and paging stops at the first page that is all older', async () => {
    requestsSinceLastCall();
    const result = await discover(akorda, fetcher, { isKnown: nothingKnown, now, since: '2026-01-01' });
    expect(result.items).toEqual([
      {
        url: 'https://www.akorda.kz/ru/prezidenty-kazahstana-i-serbii-proveli-peregovory-v-uzkom-sostave-527461',
        publishedAt: '2026-02-27T10:20:00.000Z',
        title: 'Президенты Казахстана и Сербии провели переговоры в узком составе',
      },
      {
        url: 'https://www.akorda.kz/en/presidents-of-kazakhstan-and-serbia-held-talks-in-expanded-format-527470',
        publishedAt: '2026-02-26T19:00:00.000Z',
        title: 'Presidents of Kazakhstan and Serbia held talks in an expanded format',
      },
      {
        url: 'https://www.akorda.kz/kz/memleket-basshysy-vashingtonda-otandastarymen-kezdesti-526980',
        publishedAt: '2026-02-18T19:00:00.000Z',
        title: 'Мемлекет басшысы Вашингтонда отандастарымен кездесті',
      },
    ]);
    // The addresses (2007) and speeches (2025) listings stop at their first page: every item on it is older.
    expect(requestsSinceLastCall()).toEqual([
      'www.akorda.kz/ru/rss',
      ...['ru', 'kz', 'en'].flatMap((lang) => [
        `www.akorda.kz/${lang}/events?page=1`,
        `www.akorda.kz/${lang}/events?page=2`,
        `www.akorda.kz/${lang}/addresses?page=1`,
        `www.akorda.kz/${lang}/speeches?page=1`,
      ]),
    ]);
  });

  it('never reads more listing pages than maxPages', async () => {
    requestsSinceLastCall();
    const result = await discover(akorda, fetcher, { isKnown: nothingKnown, now, maxPages: 1 });
    expect(result.items.map((i) => i.url.replace('https://www.akorda.kz', ''))).toEqual([
      '/ru/prezidenty-kazahstana-i-serbii-proveli-peregovory-v-uzkom-sostave-527461',
      '/en/presidents-of-kazakhstan-and-serbia-held-talks-in-expanded-format-527470',
      '/kz/memleket-basshysy-vashingtonda-otandastarymen-kezdesti-526980',
      '/ru/vystuplenie-glavy-gosudarstva-kasym-zhomarta-tokaeva-na-plenarnom-zasedanii-astaninskogo-mezhdunarodnogo-foruma-1083098',
      '/kz/memleket-basshysy-kasym-zhomart-tokaevtyn-astana-halykaralyk-forumynyn-plenarlyk-otyrysyndagy-sozi-1083101',
      '/en/speech-by-president-kassym-jomart-tokayev-at-the-plenary-session-of-the-astana-international-forum-1083104',
      '/ru/otdelno-glava-gosudarstva-ostanovilsya-na-neobhodimosti-reformirovaniya-i-modernizacii-shos-471043',
      '/ru/addresses/addresses_of_president/poslanie-prezidenta-respubliki-kazahstan-nnazarbaeva-narodu-kazahstana-28-fevralya-2007-g',
      '/kz/addresses/addresses_of_president/kazakstan-respublikasynyn-prezidenti-nnazarbaevtyn-kazakstan-halkyna-zholdauy-2007-zhylgy-28-akpan',
      '/en/addresses/addresses_of_president/address-of-the-president-of-the-republic-of-kazakhstan-nursultan-nazarbayev-to-the-people-of-kazakhstan-february-28-2007',
    ]);
    expect(requestsSinceLastCall()).toEqual([
      'www.akorda.kz/ru/rss',
      ...['ru', 'kz', 'en'].flatMap((lang) => ['events', 'addresses', 'speeches'].map((section) => `www.akorda.kz/${lang}/${section}?page=1`)),
    ]);
  });

  it('reads lada.kz news sitemap in an incremental run and its archive sitemap only in a backfill', async () => {
    requestsSinceLastCall();
    const recent = await discover(lada, fetcher, { isKnown: nothingKnown, now });
    expect(recent.items.map((i) => [i.url, i.publishedAt])).toEqual([
      ['https://www.lada.kz/kazakhstan-news/131245-tokaev-vystupil-s-iniciativami-na-sammite-shos-v-tyanczine.html', '2025-09-01T13:30:00.000Z'],
      ['https://www.lada.kz/aktau_news/city/131238-v-aktau-nachali-remont-naberezhnoy.html', '2025-09-01T10:10:00.000Z'],
    ]);
    expect(requestsSinceLastCall()).toEqual(['www.lada.kz/sitemap.xml', 'www.lada.kz/sitemap.news.xml']);

    const backfill = await discover(lada, fetcher, { isKnown: nothingKnown, now, since: '2023-11-01T00:00:00Z' });
    expect(backfill.items.map((i) => [i.url, i.publishedAt])).toEqual([
      ['https://www.lada.kz/kazakhstan-news/131245-tokaev-vystupil-s-iniciativami-na-sammite-shos-v-tyanczine.html', '2025-09-01T13:30:00.000Z'],
      ['https://www.lada.kz/aktau_news/city/131238-v-aktau-nachali-remont-naberezhnoy.html', '2025-09-01T10:10:00.000Z'],
      // An Aqtau local time (UTC+5 also before 2024).
      ['https://www.lada.kz/aktau_news/society/118734-v-aktau-otkryli-novyy-centr-obsluzhivaniya-naseleniya.html', '2023-11-20T05:00:00.000Z'],
    ]);
    expect(requestsSinceLastCall()).toEqual(['www.lada.kz/sitemap.xml', 'www.lada.kz/sitemap.news.xml', 'www.lada.kz/sitemap.2023-11.xml']);
  });

  it('reads orda.kz numbered news sitemaps until the first missing one; a backfill reads them to the end, whatever their order', async () => {
    const sitemapsOnly = defineSource({
      id: 'orda-sitemaps',
      name: 'orda.kz news sitemaps alone',
      baseUrl: orda.baseUrl,
      hosts: orda.hosts,
      discovery: { sitemaps: orda.discovery.sitemaps },
      articleUrl: orda.articleUrl as RegExp,
    });
    const numbered = ['orda.kz/sitemap/sitemap_news1.xml', 'orda.kz/sitemap/sitemap_news2.xml', 'orda.kz/sitemap/sitemap_news3.xml'];
    const O1 = 'https://orda.kz/tokaev-vstretilsja-s-gensekom-obse-helgoj-shmid-353418/';
    const O2 = 'https://orda.kz/ulice-v-astane-prisvoili-imja-obshhestvennogo-dejatelja-381877/';
    const O5 = 'https://orda.kz/v-almaty-na-marshruty-vyshli-pervye-trollejbusy-kazahstanskoj-sborki-312004/';
    requestsSinceLastCall();

    const first = await discover(sitemapsOnly, fetcher, { isKnown: nothingKnown, now });
    expect(first.items.map((i) => [i.url, i.publishedAt])).toEqual([
      [O2, '2024-11-20T11:05:00.000Z'],
      [O1, '2023-06-08T09:05:00.000Z'],
      [O5, '2022-09-14T04:30:00.000Z'],
    ]);
    expect(first.errors).toEqual([]);
    expect(requestsSinceLastCall()).toEqual(numbered);

    const backfill = await discover(sitemapsOnly, fetcher, { isKnown: nothingKnown, now, since: '2024-01-01' });
    expect(backfill.items.map((i) => i.url)).toEqual([O2]);
    expect(requestsSinceLastCall()).toEqual(numbered);

    const next = await discover(sitemapsOnly, fetcher, { isKnown: knownOf([O1, O2, O5]), now });
    expect(next.items).toEqual([]);
    expect(requestsSinceLastCall()).toEqual(numbered.slice(0, 1));

    const bounded = await discover(sitemapsOnly, fetcher, { isKnown: nothingKnown, now, maxPages: 1 });
    expect(bounded.items.map((i) => i.url)).toEqual([O2, O1]);
    expect(requestsSinceLastCall()).toEqual(numbered.slice(0, 1));
  });

  it('records a failing discovery document and still reads the others', async () => {
    const withBrokenFeed = defineSource({
      id: 'dknews-with-feed',
      name: 'DKnews with a feed that is not there',
      baseUrl: 'https://dknews.kz',
      discovery: { feeds: ['https://dknews.kz/rss'], listings: dknews.discovery.listings },
      articleUrl: dknews.articleUrl as RegExp,
    });
    const logged: string[] = [];
    const result = await discover(withBrokenFeed, fetcher, { isKnown: nothingKnown, now, log: (msg) => logged.push(msg) });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.url).toBe('https://dknews.kz/rss');
    expect(result.errors[0]?.error).toMatch(/404/);
    expect(result.items.map((i) => [i.url, i.publishedAt, i.title])).toEqual([
      ['https://dknews.kz/kz/ekonomika/362455-qazaqstanda-salyq-eseptiligine-arnalgan-birtutas-platforma-iske-qosylady', '2026-02-27T12:05:00.000Z', 'Қазақстанда салық есептілігіне арналған бірыңғай платформа іске қосылады'],
      ['https://dknews.kz/ru/ekonomika/362450-v-kazahstane-zapustyat-edinuyu-platformu-dlya-nalogovoy-otchetnosti', '2026-02-27T11:20:00.000Z', 'В Казахстане запустят единую платформу для налоговой отчетности'],
      ['https://dknews.kz/ru/politika/345812-vazhnost-shos-v-ukreplenii-regionalnoy-stabilnosti', '2025-04-10T10:47:00.000Z', 'Важность ШОС в укреплении региональной стабильности'],
    ]);
    expect(logged).toEqual(['discovery document failed', 'discovery page', 'discovery page']);
  });

  it('rejects a since that is not a date', async () => {
    await expect(discover(dknews, fetcher, { isKnown: nothingKnown, now, since: 'last week' })).rejects.toThrow(
      'since "last week" is not a date (expected e.g. 2024-07-01 or 2024-07-01T00:00:00Z)',
    );
  });
});

describe('discover on a listing that never ends', () => {
  let server: FixtureServer;
  let localFetcher: Fetcher;
  const card = (n: number): string => `<div class="card"><a href="/news/${n}-item">Item ${n}</a><time>2026-02-0${n}T10:00:00+05:00</time></div>`;
  const source = defineSource({
    id: 'endless',
    name: 'Endless',
    baseUrl: 'https://endless.kz',
    discovery: { listings: [{ url: 'https://endless.kz/news?page={page}', item: '.card', date: 'time' }] },
  });

  beforeAll(async () => {
    server = await startFixtureServer();
    // Past its last page, the site keeps answering with the last page (a common CMS habit).
    server.route('/news', (req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page === 1 ? card(3) + card(2) : card(1));
    });
    localFetcher = httpFetcherFromConfig(config, { connectTo: { 'endless.kz': server.origin } });
  });
  afterAll(async () => {
    await localFetcher.close();
    await server.close();
  });

  it('stops a backfill when a page repeats the one before it', async () => {
    const result = await discover(source, localFetcher, { isKnown: nothingKnown, now, since: '2020-01-01' });
    expect(result.items.map((i) => i.url)).toEqual(['https://endless.kz/news/3-item', 'https://endless.kz/news/2-item', 'https://endless.kz/news/1-item']);
    expect(server.requests.map((r) => r.path)).toEqual(['/news?page=1', '/news?page=2', '/news?page=3']);
  });
});

describe('discover on a listing whose pagination ends in a 404', () => {
  let server: FixtureServer;
  let localFetcher: Fetcher;
  const source = defineSource({
    id: 'paged',
    name: 'Paged',
    baseUrl: 'https://paged.kz',
    discovery: { listings: [{ url: 'https://paged.kz/news?page={page}', item: 'li', date: 'time' }] },
  });

  beforeAll(async () => {
    server = await startFixtureServer();
    server.route('/news', (req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
      if (page > 2) {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>Not found</h1>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<ul><li><a href="/news/${page}-story">Story ${page}</a><time>2026-02-0${page}T10:00:00+05:00</time></li></ul>`);
    });
    localFetcher = httpFetcherFromConfig(config, { connectTo: { 'paged.kz': server.origin } });
  });
  afterAll(async () => {
    await localFetcher.close();
    await server.close();
  });

  it('takes a 404 past the first page as the end of the listing, not as a failure', async () => {
    const result = await discover(source, localFetcher, { isKnown: nothingKnown, now, since: '2020-01-01' });
    expect(result.items.map((i) => i.url)).toEqual(['https://paged.kz/news/2-story', 'https://paged.kz/news/1-story']);
    expect(result.errors).toEqual([]);
    expect(server.requests.map((r) => r.path)).toEqual(['/news?page=1', '/news?page=2', '/news?page=3']);
  });

  it('takes a 404 on the first page of a listing that starts at page 2 as a list of one page', async () => {
    const continued = defineSource({
      id: 'continued',
      name: 'Continued',
      baseUrl: 'https://paged.kz',
      discovery: { listings: [{ url: 'https://paged.kz/short?page={page}', firstPage: 2, item: 'li' }] },
    });
    const result = await discover(continued, localFetcher, { isKnown: nothingKnown, now });
    expect(result).toMatchObject({ items: [], errors: [] });
    expect(server.requests.map((r) => r.path).at(-1)).toBe('/short?page=2');
  });

  it('still reports a listing whose first page is missing', async () => {
    const missing = defineSource({
      id: 'gone',
      name: 'Gone',
      baseUrl: 'https://paged.kz',
      discovery: { listings: [{ url: 'https://paged.kz/archive?page={page}', item: 'li' }] },
    });
    const result = await discover(missing, localFetcher, { isKnown: nothingKnown, now });
    expect(result.items).toEqual([]);
    expect(result.errors.map((e) => e.url)).toEqual(['https://paged.kz/archive?page=1']);
  });
});

describe('discover on nested sitemap indexes', () => {
  let server: FixtureServer;
  let localFetcher: Fetcher;
  const xml = (body: string) => ({ headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0"?>${body}` });
  const index = (locs: string[]) => xml(`<sitemapindex>${locs.map((l) => `<sitemap><loc>${l}</loc></sitemap>`).join('')}</sitemapindex>`);
  const urlset = (locs: string[]) => xml(`<urlset>${locs.map((l) => `<url><loc>${l}</loc></url>`).join('')}</urlset>`);
  const source = defineSource({ id: 'nested', name: 'Nested', baseUrl: 'https://nested.kz', discovery: { sitemaps: ['https://nested.kz/sitemap.xml'] } });

  beforeAll(async () => {
    server = await startFixtureServer({
      '/sitemap.xml': index(['https://nested.kz/sitemaps/2026.xml']),
      '/sitemaps/2026.xml': index(['/sitemaps/2026-02.xml', '/sitemaps/2026-01.xml']),
      '/sitemaps/2026-02.xml': urlset(['https://nested.kz/a/2', 'https://elsewhere.kz/x']),
      '/sitemaps/2026-01.xml': urlset(['https://nested.kz/a/1']),
    });
    localFetcher = httpFetcherFromConfig(config, { connectTo: { 'nested.kz': server.origin } });
  });
  afterAll(async () => {
    await localFetcher.close();
    await server.close();
  });

  it('follows an index inside an index, keeping only links on the source host', async () => {
    const result = await discover(source, localFetcher, { isKnown: nothingKnown, now });
    expect(result.items.map((i) => i.url)).toEqual(['https://nested.kz/a/2', 'https://nested.kz/a/1']);
    expect(result.pagesFetched).toBe(4);
  });

  it('counts the nested documents against one maxPages budget', async () => {
    server.requests.length = 0;
    const result = await discover(source, localFetcher, { isKnown: nothingKnown, now, maxPages: 2 });
    expect(result.items.map((i) => i.url)).toEqual(['https://nested.kz/a/2']);
    expect(server.requests.map((r) => r.path)).toEqual(['/sitemap.xml', '/sitemaps/2026.xml', '/sitemaps/2026-02.xml']);
  });
});
