/**
 * vlast.kz ("Власть"). News come from the archive listing, /novosti/?archive=1 and then /novosti/N/?archive=1
 * (the listing's last page is marked rel="last"; the walk stops at the first page that brings nothing new,
 * or at the 404 past the last one). The date is printed only, "11.12.2019, 11:27", in Almaty time: UTC+6
 * before March 2024. The body is the editor's div.js-editor. SITES.md names no Kazakh edition: its news are
 * read from /kz/novosti/ in the same archive markup (unconfirmed; a missing listing only logs a discovery error).
 */
import type { ListingConfig } from '../types.js';
import { defineSource } from './define.js';

/** The archive listing of one edition: page 1 has no number in its path, the rest /N/. */
const archive = (prefix: string): ListingConfig[] => [
  { url: `https://vlast.kz${prefix}/novosti/?archive=1`, item: '.news-list__item', link: 'a[href]', date: 'time.news-date' },
  { url: `https://vlast.kz${prefix}/novosti/{page}/?archive=1`, firstPage: 2, item: '.news-list__item', link: 'a[href]', date: 'time.news-date' },
];

export const vlast = defineSource({
  id: 'vlast',
  name: 'Власть',
  baseUrl: 'https://vlast.kz',
  languages: ['ru', 'kk'],
  discovery: {
    listings: [...archive(''), ...archive('/kz')],
  },
  // [/kz]/<section>/<numeric id>-<slug>.html
  articleUrl: /^https:\/\/(?:www\.)?vlast\.kz\/(?:kz\/)?[a-z_-]+\/\d+-[a-z0-9_-]+\.html$/,
  selectors: {
    title: 'h1',
    body: 'div.js-editor',
    date: 'time.news-date',
    author: '.article-author a',
    tags: '.article-tags a',
  },
});
