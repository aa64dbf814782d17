/**
 * zakon.kz. A numbered sitemap index and a "load more" listing that answers JSON wrapping the cards' HTML.
 * The body ends at the share block, the Google News prompt, the tags, "Читайте также" or "Нашли ошибку";
 * the JSON-LD articleBody holds only the lead, so the body comes from the page.
 */
import { defineSource } from './define.js';

export const zakon = defineSource({
  id: 'zakon',
  name: 'Zakon.kz',
  baseUrl: 'https://www.zakon.kz',
  discovery: {
    sitemaps: ['https://www.zakon.kz/sitemap/index.xml'],
    listings: [
      {
        url: 'https://www.zakon.kz/news/?handler=LoadMoreNews&p={page}&type=list',
        format: 'json-html',
        item: 'a.newscard_link',
        title: '.newscard__title',
        date: '.newscard__date',
      },
    ],
  },
  articleUrl: /^https:\/\/(?:www\.)?zakon\.kz\/(?:[\w-]+\/)*\d{5,}-[\w-]+\.html$/,
  // Partner material and special projects: not news.
  skipUrl: /^https:\/\/(?:www\.)?zakon\.kz\/(?:pbf|special)\//,
  selectors: {
    title: 'h1',
    body: 'div.article__block > div.content',
    bodyEnd: ['.willShare', '.google-news-follow', '.tags.newsTags'],
    endMarkers: ['Читайте также', 'Нашли ошибку'],
    author: 'a[href*="/authors/"]',
    tags: '.tags.newsTags a',
  },
});
