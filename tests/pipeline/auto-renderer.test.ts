/**
 * Renderer 'auto' end to end: a source whose article page is a JavaScript shell over HTTP is crawled through
 * its feed, the pipeline falls back to real headless Chromium for that page and stores the article its script
 * draws, while the same source's server-rendered page is stored from the one HTTP fetch.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { getArticle, rawPages } from '../../src/db/queries.js';
import type { ArticleView, KzDb } from '../../src/db/types.js';
import { crawlSource, type CrawlSummary } from '../../src/pipeline/crawl.js';
import { createPipeline, type Pipeline } from '../../src/pipeline/ingest.js';
import { looksLikeJsShell } from '../../src/scrapers/fetch/shell.js';
import { defineSource } from '../../src/scrapers/sites/define.js';
import { createRegistry } from '../../src/scrapers/sites/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

/** PLAYWRIGHT_CHROMIUM_EXECUTABLE, when set; otherwise the pipeline finds the system's. */
const chromiumOverride = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ? { PLAYWRIGHT_CHROMIUM_EXECUTABLE: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE } : {};
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'auto');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

const SHELL_PATH = '/news/astana-lrt-101';
const PLAIN_PATH = '/news/sko-sowing-102';
const SHELL_URL = `https://auto.example.kz${SHELL_PATH}`;
const PLAIN_URL = `https://auto.example.kz${PLAIN_PATH}`;

/** The paragraphs shell.html's script draws from its JSON state: nowhere in the HTML the server sends. */
const SHELL_PARAGRAPHS = [
  'Первая линия легкорельсового транспорта соединила аэропорт столицы с новым железнодорожным вокзалом, сообщили в акимате Астаны.',
  'Длина линии составляет 22,4 километра, на ней построено 18 станций. В первые недели поезда будут ходить с интервалом в десять минут.',
  'По словам акима города, проезд в первые две недели будет бесплатным, а затем стоимость поездки сравняют с ценой проезда в автобусе.',
  'Вторую очередь линии, которая пройдет до района Бейбитшилик, планируют достроить к концу 2027 года.',
];
const PLAIN_PARAGRAPHS = [
  'В Северо-Казахстанской области в этом году планируют засеять более четырех миллионов гектаров, сообщили в управлении сельского хозяйства региона.',
  'Семенной фонд засыпан полностью, а горюче-смазочные материалы аграрии получат по сниженной цене до начала полевых работ.',
  'На льготное кредитование весенне-полевых работ из местного бюджета выделено 30 миллиардов тенге.',
];

const autoNews = defineSource({
  id: 'auto-news',
  name: 'Auto News',
  baseUrl: 'https://auto.example.kz',
  renderer: 'auto',
  discovery: { feeds: ['https://auto.example.kz/rss.xml'] },
});

describe("renderer 'auto'", () => {
  let dir: string;
  let server: FixtureServer;
  let kz: KzDb;
  let pipeline: Pipeline;
  let summary: CrawlSummary;

  const article = (url: string): ArticleView => {
    const found = getArticle(kz, url);
    if (found === null) throw new Error(`${url} was not stored`);
    return found;
  };
  /** Who asked for a path, in order: Chromium's requests carry its client hints (Sec-CH-UA), the HTTP fetcher's none. */
  const requestsFor = (path: string): Array<'browser' | 'http'> =>
    server.requests.filter((r) => r.path === path).map((r) => (r.headers['sec-ch-ua'] === undefined ? 'http' : 'browser'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kznews-auto-'));
    server = await startFixtureServer({
      '/rss.xml': { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: fixture('feed.xml') },
      [SHELL_PATH]: { body: fixture('shell.html') },
      [PLAIN_PATH]: { body: fixture('plain.html') },
    });
    const config = loadConfig({ DATABASE_PATH: join(dir, 'kznews.db'), HOST_DELAY_MS: '0', FETCH_RETRIES: '0', LOG_LEVEL: 'silent', ...chromiumOverride });
    kz = openDatabase(config.databasePath);
    pipeline = createPipeline({ config, registry: createRegistry([autoNews]), kz, connectTo: { 'auto.example.kz': server.origin } });
    summary = await crawlSource(kz, pipeline, autoNews, { trigger: 'manual' });
  });

  afterAll(async () => {
    await pipeline?.close();
    kz?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a shell whose HTTP HTML holds no article text, so only a browser can read it', () => {
    const html = fixture('shell.html');
    expect(looksLikeJsShell(html)).toBe(true);
    expect(html).not.toContain('<p>');
  });

  it('stores both articles of the feed, each fetched by the renderer it needed', () => {
    expect(summary.counts).toEqual({ discovered: 2, stored: 2, updated: 0, unchanged: 0, duplicates: 0, failed: 0 });
    expect(summary.outcomes.map((o) => [o.url, o.status, o.renderer]).sort()).toEqual([
      [SHELL_URL, 'new', 'browser'],
      [PLAIN_URL, 'new', 'http'],
    ].sort());
  });

  it('stores the title, date and exact paragraphs that the shell page draws in Chromium', () => {
    const shell = article(SHELL_URL);
    expect(shell.title).toBe('В Астане запустили первую линию легкорельсового транспорта');
    expect(shell.published).toBe('2026-02-27T04:30:00.000Z');
    expect(shell.text.split('\n')).toEqual(SHELL_PARAGRAPHS);
  });

  it("keeps the browser's rendering as the raw page of the shell, and the HTTP response as the plain page's", () => {
    const raw = new Map([...rawPages(kz, { source: 'auto-news' })].map((p) => [p.url, p]));
    expect([...raw.keys()].sort()).toEqual([SHELL_URL, PLAIN_URL].sort());
    expect(raw.get(SHELL_URL)?.renderer).toBe('browser');
    expect(raw.get(SHELL_URL)?.html).toContain(`<p>${SHELL_PARAGRAPHS[0]}</p>`);
    expect(raw.get(PLAIN_URL)?.renderer).toBe('http');
    expect(raw.get(PLAIN_URL)?.html).toBe(fixture('plain.html'));
  });

  it('stores the server-rendered page from its one HTTP fetch, without opening it in the browser', () => {
    const plain = article(PLAIN_URL);
    expect(plain.title).toBe('Аграрии Северо-Казахстанской области начали подготовку к весеннему севу');
    expect(plain.published).toBe('2026-02-26T09:15:00.000Z');
    expect(plain.text.split('\n')).toEqual(PLAIN_PARAGRAPHS);
    expect(requestsFor(PLAIN_PATH)).toEqual(['http']);
  });

  it('fetched the shell over HTTP first, then once in the browser', () => {
    expect(requestsFor(SHELL_PATH)).toEqual(['http', 'browser']);
  });
});
