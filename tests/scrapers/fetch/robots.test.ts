import { describe, expect, it } from 'vitest';
import { KznewsError } from '../../../src/errors.js';
import { FETCH } from '../../../src/settings.js';
import { crawlDelayMs, createRobotsCache, isAllowed, parseRobots, productToken, type RobotsFetchResult } from '../../../src/scrapers/fetch/robots.js';

const ROBOTS = `# robots.txt of a news site
User-agent: *
Disallow: /search
Disallow: /*?print=
Disallow: /*.pdf$
Allow: /search/help
Disallow: /private/
Allow: /private/open$
Crawl-delay: 2

User-agent: Googlebot
User-agent: YandexBot
Disallow: /

User-agent: kznews
Disallow: /ru/archive/
Allow: /ru/archive/2024/
Disallow: /новости/черновики/

user-agent: KZNEWS
crawl-delay: 0.5
disallow: /tmp

Sitemap: https://www.example.kz/sitemap.xml
Sitemap: https://www.example.kz/news-sitemap.xml
Sitemap: /relative-is-ignored.xml
`;

const robots = parseRobots(ROBOTS);

describe('parseRobots', () => {
  it('groups rules by user-agent, consecutive user-agent lines sharing one group', () => {
    expect(robots.groups.map((g) => g.agents)).toEqual([['*'], ['googlebot', 'yandexbot'], ['kznews'], ['kznews']]);
    expect(robots.groups[1]?.rules.map((r) => [r.allow, r.pattern])).toEqual([[false, '/']]);
  });

  it('keeps absolute Sitemap lines wherever they stand', () => {
    expect(robots.sitemaps).toEqual(['https://www.example.kz/sitemap.xml', 'https://www.example.kz/news-sitemap.xml']);
  });

  it('reads Crawl-delay per group, merging the groups of one agent', () => {
    expect(crawlDelayMs(robots, 'kznews')).toBe(500);
    expect(crawlDelayMs(robots, 'otherbot')).toBe(2000);
    expect(crawlDelayMs(parseRobots('User-agent: *\nDisallow: /x'), 'kznews')).toBeNull();
  });
});

describe('isAllowed', () => {
  it.each([
    // The "*" group, for a crawler no group names.
    ['otherbot', '/', true],
    ['otherbot', '/search', false],
    ['otherbot', '/search?q=astana', false],
    ['otherbot', '/search/help', true],
    ['otherbot', '/news/1?print=1', false],
    ['otherbot', '/news/1?page=2', true],
    ['otherbot', '/files/report.pdf', false],
    ['otherbot', '/files/report.pdf?download=1', true],
    ['otherbot', '/private/x', false],
    ['otherbot', '/private/open', true],
    ['otherbot', '/private/open/more', false],
    // Two named groups for kznews are merged; the "*" group no longer applies to it.
    ['kznews', '/search', true],
    ['kznews', '/ru/archive/2023/a', false],
    ['kznews', '/ru/archive/2024/a', true],
    ['kznews', '/tmp/file', false],
    ['kznews', '/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/%D1%87%D0%B5%D1%80%D0%BD%D0%BE%D0%B2%D0%B8%D0%BA%D0%B8/1', false],
    ['kznews', '/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8/%d1%87%d0%b5%d1%80%d0%bd%d0%be%d0%b2%d0%b8%d0%ba%d0%b8/1', false],
    ['kznews/0.1 (+https://github.com/kznews/kznews)', '/ru/archive/2023/a', false],
    ['googlebot', '/anything', false],
    ['googlebot', '/robots.txt', true],
  ])('%s may fetch %s: %s', (agent, path, expected) => {
    expect(isAllowed(robots, agent, path)).toBe(expected);
  });

  it('lets Allow win a tie of equally long rules', () => {
    const tie = parseRobots('User-agent: *\nDisallow: /page\nAllow: /page\n');
    expect(isAllowed(tie, 'kznews', '/page/1')).toBe(true);
  });

  it('allows everything when no group applies or the file is empty', () => {
    expect(isAllowed(parseRobots('User-agent: googlebot\nDisallow: /'), 'kznews', '/a')).toBe(true);
    expect(isAllowed(parseRobots(''), 'kznews', '/a')).toBe(true);
    expect(isAllowed(parseRobots('User-agent: *\nDisallow:\n'), 'kznews', '/a')).toBe(true);
  });

  it('reads a Windows-style file with comments after the values', () => {
    const crlf = parseRobots('User-agent: * # everyone\r\nDisallow: /admin # keep out\r\n');
    expect(isAllowed(crlf, 'kznews', '/admin/login')).toBe(false);
    expect(isAllowed(crlf, 'kznews', '/news')).toBe(true);
  });
});

describe('productToken', () => {
  it.each([
    ['kznews/0.1 (+https://github.com/kznews/kznews; news archive crawler for Kazakhstan)', 'kznews'],
    ['KzNews', 'kznews'],
    ['Mozilla/5.0 (X11)', 'mozilla'],
  ])('%s → %s', (ua, expected) => {
    expect(productToken(ua)).toBe(expected);
  });
});

describe('createRobotsCache', () => {
  function serve(answers: Record<string, RobotsFetchResult | Error>) {
    const asked: string[] = [];
    let clock = 1_000_000;
    const cache = createRobotsCache({
      fetch: async (url) => {
        asked.push(url);
        const answer = answers[url];
        if (answer === undefined) throw new Error(`unexpected ${url}`);
        if (answer instanceof Error) throw answer;
        return answer;
      },
      userAgent: 'kznews/0.1',
      ttlMs: 60_000,
      now: () => clock,
    });
    return { cache, asked, advance: (ms: number) => (clock += ms), answers };
  }

  it('fetches one robots.txt per origin however many URLs ask, even at once', async () => {
    const { cache, asked } = serve({ 'https://a.kz/robots.txt': { status: 200, text: 'User-agent: *\nDisallow: /x' } });
    const results = await Promise.all(['https://a.kz/1', 'https://a.kz/x/2', 'https://a.kz/3'].map((u) => cache.allowed(u)));
    expect(results).toEqual([true, false, true]);
    expect(await cache.allowed('https://a.kz/x')).toBe(false);
    expect(asked).toEqual(['https://a.kz/robots.txt']);
  });

  it('asks again once the TTL has passed', async () => {
    const { cache, asked, advance } = serve({ 'https://a.kz/robots.txt': { status: 200, text: '' } });
    await cache.allowed('https://a.kz/1');
    advance(59_999);
    await cache.allowed('https://a.kz/2');
    advance(2);
    await cache.allowed('https://a.kz/3');
    expect(asked).toHaveLength(2);
  });

  it('takes a 4xx as "no robots.txt": everything allowed', async () => {
    const { cache } = serve({ 'https://a.kz/robots.txt': { status: 404, text: 'not found' }, 'https://b.kz/robots.txt': { status: 403, text: '' } });
    expect(await cache.allowed('https://a.kz/admin')).toBe(true);
    expect(await cache.allowed('https://b.kz/admin')).toBe(true);
  });

  it('takes a 5xx, 429 or network error as "not now": a transient error, remembered for a while', async () => {
    const { cache, asked, advance } = serve({
      'https://a.kz/robots.txt': { status: 503, text: '' },
      'https://b.kz/robots.txt': { status: 429, text: '' },
      'https://c.kz/robots.txt': new Error('ECONNRESET'),
    });
    for (const url of ['https://a.kz/1', 'https://b.kz/1', 'https://c.kz/1']) {
      const error = await cache.allowed(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KznewsError);
      expect((error as KznewsError).kind).toBe('transient');
    }
    await expect(cache.allowed('https://a.kz/2')).rejects.toThrow('robots.txt answered 503: https://a.kz/robots.txt');
    expect(asked).toHaveLength(3);
    advance(FETCH.robotsErrorTtlMs + 1);
    await expect(cache.allowed('https://a.kz/3')).rejects.toThrow(KznewsError);
    expect(asked).toHaveLength(4);
  });

  it('keeps using the last good copy while robots.txt is unreachable', async () => {
    const { cache, advance, answers } = serve({ 'https://a.kz/robots.txt': { status: 200, text: 'User-agent: *\nDisallow: /x' } });
    expect(await cache.allowed('https://a.kz/x')).toBe(false);
    answers['https://a.kz/robots.txt'] = { status: 500, text: '' };
    advance(60_001);
    expect(await cache.allowed('https://a.kz/x')).toBe(false);
    expect(await cache.allowed('https://a.kz/y')).toBe(true);
  });

  it('lists the sitemaps of an origin, and none when robots.txt cannot be read', async () => {
    const { cache } = serve({
      'https://a.kz/robots.txt': { status: 200, text: 'Sitemap: https://a.kz/sitemap.xml\n' },
      'https://b.kz/robots.txt': { status: 500, text: '' },
    });
    expect(await cache.sitemaps('https://a.kz')).toEqual(['https://a.kz/sitemap.xml']);
    expect(await cache.sitemaps('https://a.kz/some/page')).toEqual(['https://a.kz/sitemap.xml']);
    expect(await cache.sitemaps('https://b.kz')).toEqual([]);
  });
});
