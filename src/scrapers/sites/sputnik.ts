/**
 * Sputnik Kazakhstan: the Russian edition at ru.sputnik.kz and the Kazakh one at sputnik.kz (Rossiya
 * Segodnya's platform). The body is every div.article__text in order: "read also" embeds, banners and photo
 * blocks sit between them in blocks of their own. NewsArticle JSON-LD gives the dates; the listing's cards
 * carry their time as data-unixtime. The meta description repeats the text's first sentence without its
 * dateline ("АСТАНА, 29 авг – Sputnik. …"), so it is no lead: only the announce text under the headline is.
 */
import { comparisonKey } from '../extract/text.js';
import { defineSource } from './define.js';

export const sputnik = defineSource({
  id: 'sputnik',
  name: 'Sputnik Казахстан',
  baseUrl: 'https://ru.sputnik.kz',
  hosts: ['ru.sputnik.kz', 'sputnik.kz'],
  languages: ['ru', 'kk'],
  discovery: {
    feeds: ['https://ru.sputnik.kz/export/rss2/archive/index.xml', 'https://sputnik.kz/export/rss2/archive/index.xml'],
    // The article sitemap index (children by date range). sitemap_archive.xml only lists the /YYYYMMDD/ day
    // pages, HTML listings a sitemap cannot hand to the listing reader, so it is left out.
    sitemaps: ['https://ru.sputnik.kz/sitemap_article_index.xml'],
    listings: [{ url: 'https://ru.sputnik.kz/news/', item: '.list__item', link: 'a.list__title', title: 'a.list__title', date: '.list__date' }],
  },
  // /YYYYMMDD/<slug>-<numeric id>.html
  articleUrl: /^https:\/\/(?:ru\.|www\.)?sputnik\.kz\/\d{8}\/[a-z0-9-]+-\d{5,}\.html$/,
  selectors: {
    title: 'h1.article__title',
    body: '.article__body .article__text',
    lead: '.article__announce-text',
    author: '.article__author-name',
    tags: '.article__tags a',
  },
  extract: (_page, _ctx, standard) => {
    const result = standard();
    if (!result.ok || result.draft.lead === null) return result;
    const first = result.draft.paragraphs[0];
    if (first === undefined || !comparisonKey(first).includes(comparisonKey(result.draft.lead))) return result;
    return { ok: true, draft: { ...result.draft, lead: null } };
  },
});
