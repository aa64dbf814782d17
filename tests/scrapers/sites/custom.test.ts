import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { loadCustomSources, parseCustomSources } from '../../../src/scrapers/sites/custom.js';

const dir = mkdtempSync(join(tmpdir(), 'kznews-custom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

const example = {
  id: 'example',
  name: 'Example News',
  feeds: ['https://example.kz/rss'],
  sitemaps: [],
  listings: [],
  renderer: 'http',
  cron: '*/15 * * * *',
  timezone: 'Asia/Almaty',
  language: 'ru',
  selectors: { title: 'h1', body: '.article-text', date: 'time' },
};

/** The message parseCustomSources throws for this array, or null when it accepts it. */
function problem(entries: unknown): string | null {
  try {
    parseCustomSources(entries);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
}

describe('KZNEWS_SOURCES', () => {
  it('loads a valid file into sources with defaults filled in', () => {
    const minimal = { id: 'minimal.kz', listings: ['https://minimal.kz/news'] };
    const listingObject = {
      id: 'loadmore',
      baseUrl: 'https://www.loadmore.kz',
      hosts: ['loadmore.kz', 'kaz.loadmore.kz'],
      listings: [
        { url: 'https://www.loadmore.kz/news?p={page}', item: '.card', link: 'a.card__link', date: '.card__date', format: 'json-html', maxPages: 3 },
        { url: 'https://www.loadmore.kz/lenta', item: 'li', date: 'time', dayHeading: 'h2.day' },
      ],
      languages: ['kk', 'ru'],
      renderer: 'browser',
      cron: '0 */2 * * * *',
      timezone: 'Asia/Aqtau',
      enabled: false,
      articleUrl: '/news/\\d+-',
      skipUrl: '/promo/',
      selectors: { bodyEnd: ['.share'], remove: ['.ad'], endMarkers: ['Читайте также'], dropPatterns: ['^Фото:'], minParagraphLength: 20 },
    };
    const sources = loadCustomSources(writeJson('ok.json', [example, minimal, listingObject]));
    expect(sources.map((s) => [s.id, s.name, s.baseUrl, s.hosts, s.languages, s.renderer, s.cron, s.timezone, s.enabled])).toEqual([
      ['example', 'Example News', 'https://example.kz', ['example.kz'], ['ru'], 'http', '*/15 * * * *', 'Asia/Almaty', true],
      ['minimal.kz', 'minimal.kz', 'https://minimal.kz', ['minimal.kz'], ['ru'], 'http', '*/15 * * * *', 'Asia/Almaty', true],
      ['loadmore', 'loadmore', 'https://www.loadmore.kz', ['loadmore.kz', 'kaz.loadmore.kz'], ['kk', 'ru'], 'browser', '0 */2 * * * *', 'Asia/Aqtau', false],
    ]);
    expect(sources[0]?.discovery).toEqual({ feeds: ['https://example.kz/rss'], sitemaps: [], listings: [] });
    expect(sources[0]?.selectors).toEqual({ title: 'h1', body: '.article-text', date: 'time' });
    expect(sources[1]?.discovery.listings).toEqual([{ url: 'https://minimal.kz/news', item: 'a[href]' }]);
    expect(sources[2]?.discovery.listings).toEqual([
      { url: 'https://www.loadmore.kz/news?p={page}', item: '.card', link: 'a.card__link', date: '.card__date', format: 'json-html', maxPages: 3 },
      { url: 'https://www.loadmore.kz/lenta', item: 'li', date: 'time', dayHeading: 'h2.day' },
    ]);
    expect(sources[2]?.articleUrl?.test('https://www.loadmore.kz/news/42-x')).toBe(true);
    expect(sources[2]?.skipUrl?.source).toBe('\\/promo\\/');
    expect(sources[2]?.selectors).toEqual({ bodyEnd: ['.share'], remove: ['.ad'], endMarkers: ['Читайте также'], dropPatterns: [/^Фото:/], minParagraphLength: 20 });
  });

  it('names the file when it cannot be read or is not JSON', () => {
    const missing = join(dir, 'missing.json');
    expect(() => loadCustomSources(missing)).toThrow(`KZNEWS_SOURCES=${missing}: cannot read the file`);
    const broken = writeJson('broken.json', '[{"id": "x",]');
    expect(() => loadCustomSources(broken)).toThrow(`KZNEWS_SOURCES=${broken}: not valid JSON`);
  });

  it('rejects a file that is not an array', () => {
    expect(problem({ id: 'example' })).toBe('KZNEWS_SOURCES must hold a JSON array of source objects');
  });

  it.each([
    ['an entry that is not an object', 'just a string', 'KZNEWS_SOURCES entry 1: must be an object'],
    ['a missing id', { feeds: ['https://x.kz/rss'] }, 'KZNEWS_SOURCES entry 1: "id" is required'],
    ['an id with capitals', { id: 'Foo', feeds: ['https://x.kz/rss'] }, 'KZNEWS_SOURCES entry 1 ("Foo"): "id" must be lower-case letters, digits, ".", "_" or "-"'],
    ['no discovery URL', { id: 'foo' }, 'KZNEWS_SOURCES entry 1 ("foo"): "feeds", "sitemaps" or "listings" must list at least one URL'],
    ['an unknown field', { id: 'foo', feed: ['https://x.kz/rss'] }, 'KZNEWS_SOURCES entry 1 ("foo"): unknown field "feed"'],
    ['a relative feed URL', { id: 'foo', feeds: ['/rss'] }, 'KZNEWS_SOURCES entry 1 ("foo"): "feeds[0]" must be an absolute http(s) URL, got "/rss"'],
    ['an ftp sitemap', { id: 'foo', sitemaps: ['ftp://x.kz/s.xml'] }, 'KZNEWS_SOURCES entry 1 ("foo"): "sitemaps[0]" must be an absolute http(s) URL, got "ftp://x.kz/s.xml"'],
    ['feeds that are not a list', { id: 'foo', feeds: 'https://x.kz/rss' }, 'KZNEWS_SOURCES entry 1 ("foo"): "feeds" must be an array of non-empty strings'],
    ['a cron of four fields', { id: 'foo', feeds: ['https://x.kz/rss'], cron: '*/15 * * *' }, 'KZNEWS_SOURCES entry 1 ("foo"): "cron" must be a cron pattern of 5 or 6 fields'],
    ['a cron with a stray character', { id: 'foo', feeds: ['https://x.kz/rss'], cron: '*/15 * * * ;' }, 'KZNEWS_SOURCES entry 1 ("foo"): "cron" must be a cron pattern of 5 or 6 fields'],
    ['an unknown time zone', { id: 'foo', feeds: ['https://x.kz/rss'], timezone: 'Asia/Astana' }, 'KZNEWS_SOURCES entry 1 ("foo"): "timezone" must be an IANA time zone such as "Asia/Almaty", got "Asia/Astana"'],
    ['an unknown renderer', { id: 'foo', feeds: ['https://x.kz/rss'], renderer: 'chrome' }, 'KZNEWS_SOURCES entry 1 ("foo"): "renderer" must be one of http, browser, auto'],
    ['an unknown language', { id: 'foo', feeds: ['https://x.kz/rss'], language: 'kz' }, 'KZNEWS_SOURCES entry 1 ("foo"): "language" must be one of ru, kk, en'],
    ['both language and languages', { id: 'foo', feeds: ['https://x.kz/rss'], language: 'ru', languages: ['kk'] }, 'KZNEWS_SOURCES entry 1 ("foo"): give "language" or "languages", not both'],
    ['a bad host', { id: 'foo', feeds: ['https://x.kz/rss'], hosts: ['https://x.kz'] }, 'KZNEWS_SOURCES entry 1 ("foo"): "hosts[0]" must be a host name such as "example.kz", got "https://x.kz"'],
    ['enabled as a string', { id: 'foo', feeds: ['https://x.kz/rss'], enabled: 'yes' }, 'KZNEWS_SOURCES entry 1 ("foo"): "enabled" must be true or false'],
    ['a bad articleUrl pattern', { id: 'foo', feeds: ['https://x.kz/rss'], articleUrl: '/news/(\\d+' }, 'KZNEWS_SOURCES entry 1 ("foo"): "articleUrl" is not a valid regular expression (Invalid regular expression: //news/(\\d+/: Unterminated group)'],
    ['a selector that does not compile', { id: 'foo', feeds: ['https://x.kz/rss'], selectors: { body: 'div[class=' } }, 'KZNEWS_SOURCES entry 1 ("foo"): "selectors.body" is not a valid CSS selector (Attribute selector didn\'t terminate): div[class='],
    ['a bad selector in a list', { id: 'foo', feeds: ['https://x.kz/rss'], selectors: { remove: ['.ok', '::after'] } }, 'KZNEWS_SOURCES entry 1 ("foo"): "selectors.remove[1]" is not a valid CSS selector (Pseudo-elements are not supported by css-select): ::after'],
    ['an unknown selector key', { id: 'foo', feeds: ['https://x.kz/rss'], selectors: { headline: 'h1' } }, 'KZNEWS_SOURCES entry 1 ("foo"): unknown field "selectors.headline"'],
    ['a negative minimum paragraph length', { id: 'foo', feeds: ['https://x.kz/rss'], selectors: { minParagraphLength: -1 } }, 'KZNEWS_SOURCES entry 1 ("foo"): "selectors.minParagraphLength" must be a whole number of at least 0'],
    ['a listing object without url', { id: 'foo', listings: [{ item: '.card' }] }, 'KZNEWS_SOURCES entry 1 ("foo"): "listings[0].url" is required'],
    ['a listing with a bad format', { id: 'foo', listings: [{ url: 'https://x.kz/news?p={page}', format: 'json' }] }, 'KZNEWS_SOURCES entry 1 ("foo"): "listings[0].format" must be "html" or "json-html"'],
    ['a listing with a bad item selector', { id: 'foo', listings: [{ url: 'https://x.kz/news', item: 'a[href' }] }, 'KZNEWS_SOURCES entry 1 ("foo"): "listings[0].item" is not a valid CSS selector (Attribute selector didn\'t terminate): a[href'],
    ['a listing of the wrong type', { id: 'foo', listings: [42] }, 'KZNEWS_SOURCES entry 1 ("foo"): "listings[0]" must be a URL or an object with "url" and "item"'],
  ])('rejects %s, naming the entry and the field', (_, entry, message) => {
    expect(problem([example, entry])).toBe(message);
  });

  it('lists every bad entry, one line each', () => {
    expect(problem([{ id: 'a', feeds: ['https://a.kz/rss'], cron: 'hourly' }, example, { id: 'b', feeds: ['https://b.kz/rss'], renderer: 'wget' }])).toBe(
      [
        'KZNEWS_SOURCES entry 0 ("a"): "cron" must be a cron pattern of 5 or 6 fields',
        'KZNEWS_SOURCES entry 2 ("b"): "renderer" must be one of http, browser, auto',
      ].join('\n'),
    );
  });
});
