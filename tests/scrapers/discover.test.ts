import { describe, expect, it } from 'vitest';
import { htmlFromJson, orderChildSitemaps, parseFeed, parseListing, parseSitemap } from '../../src/scrapers/discover.js';

const ctx = { timezone: 'Asia/Almaty', now: new Date('2026-02-28T09:00:00Z') };

describe('parseFeed', () => {
  it('reads RSS 2.0 items, resolving relative links against the feed and dates to UTC', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Акорда</title>
    <link>https://www.akorda.kz/ru</link>
    <atom:link href="https://www.akorda.kz/ru/rss" rel="self"/>
    <item>
      <title><![CDATA[Президенты Казахстана и Сербии провели переговоры & подписали документы]]></title>
      <link>/ru/prezidenty-kazahstana-i-serbii-proveli-peregovory-1017235</link>
      <pubDate>Fri, 27 Feb 2026 15:20:00 +0500</pubDate>
    </item>
    <item>
      <title>Без ссылки</title>
      <guid isPermaLink="false">12345</guid>
    </item>
    <item>
      <title>Guid as link</title>
      <guid>https://www.akorda.kz/ru/glava-gosudarstva-prinyal-ministra-ekologii-483750</guid>
      <pubDate>Thu, 26 Feb 2026 10:00:00 GMT</pubDate>
    </item>
  </channel>
</rss>`;
    expect(parseFeed(xml, 'https://www.akorda.kz/ru/rss', ctx)).toEqual([
      {
        url: 'https://www.akorda.kz/ru/prezidenty-kazahstana-i-serbii-proveli-peregovory-1017235',
        publishedAt: '2026-02-27T10:20:00.000Z',
        title: 'Президенты Казахстана и Сербии провели переговоры & подписали документы',
      },
      {
        url: 'https://www.akorda.kz/ru/glava-gosudarstva-prinyal-ministra-ekologii-483750',
        publishedAt: '2026-02-26T10:00:00.000Z',
        title: 'Guid as link',
      },
    ]);
  });

  it('reads Atom entries by their alternate link, and local times without a zone in the site zone', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom">
  <title>kursiv</title>
  <link href="https://kz.kursiv.media/" rel="alternate"/>
  <entry>
    <title type="html">Нацбанк сохранил ставку</title>
    <link rel="replies" href="https://kz.kursiv.media/2026-02-27/ncb-rate/#comments"/>
    <link rel="alternate" href="2026-02-27/ncb-rate/"/>
    <published>2026-02-27T12:00:00</published>
    <updated>2026-02-27T13:00:00+05:00</updated>
  </entry>
  <entry>
    <title>Only updated</title>
    <link href="https://kz.kursiv.media/2026-02-26/other/"/>
    <updated>2026-02-26T08:00:00Z</updated>
  </entry>
</feed>`;
    expect(parseFeed(xml, 'https://kz.kursiv.media/feed/', ctx)).toEqual([
      { url: 'https://kz.kursiv.media/feed/2026-02-27/ncb-rate/', publishedAt: '2026-02-27T07:00:00.000Z', title: 'Нацбанк сохранил ставку' },
      { url: 'https://kz.kursiv.media/2026-02-26/other/', publishedAt: '2026-02-26T08:00:00.000Z', title: 'Only updated' },
    ]);
  });

  it('gives no items for a document that is not a feed', () => {
    expect(parseFeed('<html><body><h1>Not found</h1></body></html>', 'https://tengrinews.kz/news.rss', ctx)).toEqual([]);
  });
});

describe('parseSitemap', () => {
  it('reads a sitemap index as its child sitemaps with their lastmod', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.zakon.kz/sitemap/1.xml</loc><lastmod>2026-02-28T08:00:00+05:00</lastmod></sitemap>
  <sitemap><loc>/sitemap/2.xml</loc></sitemap>
</sitemapindex>`;
    expect(parseSitemap(xml, 'https://www.zakon.kz/sitemap/index.xml', ctx)).toEqual({
      kind: 'index',
      sitemaps: [
        { url: 'https://www.zakon.kz/sitemap/1.xml', lastmod: '2026-02-28T03:00:00.000Z' },
        { url: 'https://www.zakon.kz/sitemap/2.xml', lastmod: null },
      ],
    });
  });

  it('reads a Google News sitemap: publication date, CDATA title, and repairs a link glued to its base', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://tengrinews.kz/kazakhstan_news/tokaev-vyistupil-na-sammite-shos-575301/</loc>
    <news:news>
      <news:publication><news:name>Tengrinews.kz</news:name><news:language>ru</news:language></news:publication>
      <news:publication_date>2025-09-01T12:05:00+05:00</news:publication_date>
      <news:title><![CDATA[Токаев выступил на саммите ШОС в Тяньцзине]]></news:title>
    </news:news>
  </url>
  <url>
    <loc>https://tengrinews.kzhttps://tengrisport.kz/football/match-4411/</loc>
    <news:news><news:publication_date>2025-09-01T11:00:00+05:00</news:publication_date><news:title>Матч</news:title></news:news>
  </url>
  <url><loc>   </loc></url>
</urlset>`;
    expect(parseSitemap(xml, 'https://tengrinews.kz/sitemap-news-1.xml', ctx)).toEqual({
      kind: 'urlset',
      items: [
        {
          url: 'https://tengrinews.kz/kazakhstan_news/tokaev-vyistupil-na-sammite-shos-575301/',
          publishedAt: '2025-09-01T07:05:00.000Z',
          title: 'Токаев выступил на саммите ШОС в Тяньцзине',
        },
        { url: 'https://tengrisport.kz/football/match-4411/', publishedAt: '2025-09-01T06:00:00.000Z', title: 'Матч' },
      ],
    });
  });

  it('reads a plain sitemap with lastmod as the date', () => {
    const xml = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://orda.kz/a-1/</loc><lastmod>2026-02-27</lastmod></url>
  <url><loc>https://orda.kz/b-2/</loc></url>
</urlset>`;
    expect(parseSitemap(xml, 'https://orda.kz/sitemap/sitemap_news1.xml', ctx)).toEqual({
      kind: 'urlset',
      items: [
        { url: 'https://orda.kz/a-1/', publishedAt: '2026-02-26T19:00:00.000Z', title: null },
        { url: 'https://orda.kz/b-2/', publishedAt: null, title: null },
      ],
    });
  });
});

describe('orderChildSitemaps', () => {
  const children = [
    { url: 'https://tengrinews.kz/sitemap-pages.xml', lastmod: '2026-02-28T00:00:00.000Z' },
    { url: 'https://tengrinews.kz/sitemap-news-2.xml', lastmod: '2026-02-20T00:00:00.000Z' },
    { url: 'https://tengrinews.kz/sitemap-news-1.xml', lastmod: '2026-02-27T00:00:00.000Z' },
  ];

  it('reads only the news sitemaps of an index in an incremental run, newest first', () => {
    expect(orderChildSitemaps(children, null).map((c) => c.url)).toEqual([
      'https://tengrinews.kz/sitemap-news-1.xml',
      'https://tengrinews.kz/sitemap-news-2.xml',
    ]);
  });

  it('reads every child changed since the backfill date, newest first', () => {
    expect(orderChildSitemaps(children, '2026-02-25T00:00:00.000Z').map((c) => c.url)).toEqual([
      'https://tengrinews.kz/sitemap-pages.xml',
      'https://tengrinews.kz/sitemap-news-1.xml',
    ]);
  });

  it('keeps undated children after dated ones, in index order', () => {
    const mixed = [
      { url: 'https://www.zakon.kz/sitemap/3.xml', lastmod: null },
      { url: 'https://www.zakon.kz/sitemap/1.xml', lastmod: '2026-02-01T00:00:00.000Z' },
      { url: 'https://www.zakon.kz/sitemap/2.xml', lastmod: null },
    ];
    expect(orderChildSitemaps(mixed, null).map((c) => c.url)).toEqual([
      'https://www.zakon.kz/sitemap/1.xml',
      'https://www.zakon.kz/sitemap/3.xml',
      'https://www.zakon.kz/sitemap/2.xml',
    ]);
  });
});

describe('parseListing', () => {
  it('reads cards with a link, a title and a local date', () => {
    const html = `<div class="tn-news-list">
  <div class="tn-article-item"><a href="/kazakhstan_news/one-575301/"><span class="tn-article-title">Первая</span></a><time>10 декабря 2024, 13:02</time></div>
  <div class="tn-article-item"><a href="https://tengrinews.kz/world_news/two-575300/"><span class="tn-article-title"> Вторая\n новость </span></a><time>сегодня, 08:15</time></div>
  <div class="tn-article-item"><span>без ссылки</span></div>
</div>`;
    const items = parseListing(
      html,
      { url: 'https://tengrinews.kz/news/page/{page}/', item: '.tn-article-item', link: 'a', title: '.tn-article-title', date: 'time' },
      'https://tengrinews.kz/news/page/1/',
      ctx,
    );
    expect(items).toEqual([
      { url: 'https://tengrinews.kz/kazakhstan_news/one-575301/', publishedAt: '2024-12-10T08:02:00.000Z', title: 'Первая' },
      { url: 'https://tengrinews.kz/world_news/two-575300/', publishedAt: '2026-02-28T03:15:00.000Z', title: 'Вторая новость' },
    ]);
  });

  it('takes the card itself as the link when the card is an <a>, and the date from datetime or data-unixtime', () => {
    const html = `<a class="item" href="/ru/politics/1001-a"><span>A</span><time datetime="2026-02-27T10:00:00+05:00">27.02</time></a>
<a class="item" href="/ru/politics/1002-b"><span>B</span><time data-unixtime="1772175600">вчера</time></a>`;
    expect(parseListing(html, { url: 'https://dknews.kz/ru/all', item: 'a.item', title: 'span', date: 'time' }, 'https://dknews.kz/ru/all', ctx)).toEqual([
      { url: 'https://dknews.kz/ru/politics/1001-a', publishedAt: '2026-02-27T05:00:00.000Z', title: 'A' },
      { url: 'https://dknews.kz/ru/politics/1002-b', publishedAt: '2026-02-27T07:00:00.000Z', title: 'B' },
    ]);
  });

  it('finds the date in the sibling right after the card (akorda.kz: <h3><a/></h3><h5>date</h5>)', () => {
    const html = `<div class="col">
  <h3><a href="/ru/glava-gosudarstva-prinyal-ministra-ekologii-483750">Глава государства принял министра экологии</a></h3>
  <h5>26 февраля 2026 года</h5>
  <h3><a href="/ru/bez-daty-483749">Без даты</a></h3>
  <p>…</p>
</div>`;
    expect(parseListing(html, { url: 'https://www.akorda.kz/ru/events?page={page}', item: 'h3', date: 'h5' }, 'https://www.akorda.kz/ru/events?page=1', ctx)).toEqual([
      { url: 'https://www.akorda.kz/ru/glava-gosudarstva-prinyal-ministra-ekologii-483750', publishedAt: '2026-02-25T19:00:00.000Z', title: 'Глава государства принял министра экологии' },
      { url: 'https://www.akorda.kz/ru/bez-daty-483749', publishedAt: null, title: 'Без даты' },
    ]);
  });

  it('reads a time-only card with the day heading above it; a card before any heading, or with a full date, keeps its own', () => {
    const html = `<h1>Новости</h1>
<ul class="list"><li><time>09:30</time> <a href="/novosti/before-any-heading">До заголовков</a></li></ul>
<h2 class="date-heading">Сегодня</h2>
<ul class="list"><li><time>10:05</time> <a href="/novosti/today">Сегодня</a></li></ul>
<h2 class="date-heading">27 февраля</h2>
<ul class="list">
  <li><time>23:40</time> <a href="/novosti/yesterday">Вчера</a></li>
  <li><time>20 февраля 2026, 12:00</time> <a href="/novosti/dated">С полной датой</a></li>
</ul>`;
    const listing = { url: 'https://informburo.kz/novosti', item: 'ul.list > li', link: 'a[href]', date: 'time', dayHeading: 'h2.date-heading' };
    expect(parseListing(html, listing, listing.url, ctx).map((i) => [i.url.replace('https://informburo.kz', ''), i.publishedAt])).toEqual([
      // A bare time names no day.
      ['/novosti/before-any-heading', null],
      ['/novosti/today', '2026-02-28T05:05:00.000Z'],
      ['/novosti/yesterday', '2026-02-27T18:40:00.000Z'],
      ['/novosti/dated', '2026-02-20T07:00:00.000Z'],
    ]);
  });

  it('reads a "load more" JSON response by the HTML strings inside it', () => {
    const body = JSON.stringify({
      success: true,
      page: 2,
      data: {
        html: '<a class="newscard_link" href="/politika/6489712-tokaev.html"><div class="newscard__title">Токаев</div><div class="newscard__date">11:42, 01 сентября 2025</div></a>',
        more: ['<a class="newscard_link" href="/pbf/123-promo.html"><div class="newscard__title">Промо</div></a>'],
      },
    });
    const listing = { url: 'https://www.zakon.kz/news/?handler=LoadMoreNews&p={page}&type=list', item: 'a.newscard_link', title: '.newscard__title', date: '.newscard__date', format: 'json-html' as const };
    expect(parseListing(body, listing, 'https://www.zakon.kz/news/?handler=LoadMoreNews&p=2&type=list', ctx)).toEqual([
      { url: 'https://www.zakon.kz/politika/6489712-tokaev.html', publishedAt: '2025-09-01T06:42:00.000Z', title: 'Токаев' },
      { url: 'https://www.zakon.kz/pbf/123-promo.html', publishedAt: null, title: 'Промо' },
    ]);
  });

  it('takes a "load more" body that is not JSON as HTML, and a JSON body without markup as empty', () => {
    expect(htmlFromJson('<a href="/x">x</a>')).toBe('<a href="/x">x</a>');
    expect(htmlFromJson('{"html":"","end":true,"count":0}')).toBe('');
  });
});
