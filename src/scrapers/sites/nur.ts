/**
 * nur.kz, a Nuxt site rendered on the server ('auto' in case a page comes back as a bare shell). NewsArticle
 * JSON-LD carries the headline, the whole articleBody, the dates and the author; the page's
 * .formatted-body__paragraph elements are the same text with its links. The Kazakh edition is the same
 * platform on kaz.nur.kz; its /latest/ listing is known from public scrapers, its RSS path is not.
 */
import { defineSource } from './define.js';

export const nur = defineSource({
  id: 'nur',
  name: 'NUR.KZ',
  baseUrl: 'https://www.nur.kz',
  hosts: ['nur.kz', 'kaz.nur.kz'],
  languages: ['ru', 'kk'],
  renderer: 'auto',
  discovery: {
    feeds: ['https://www.nur.kz/rss/all.rss'],
    listings: ['https://www.nur.kz/latest/', 'https://kaz.nur.kz/latest/'].map((url) => ({
      url,
      item: 'article.article-card',
      link: 'a.article-card__title',
      date: 'time.article-card__date',
    })),
  },
  // /<section>[/<subsection>]/<numeric id>-<slug>/, and the older /<id>-<slug>.html
  articleUrl: /^https:\/\/(?:www\.|kaz\.)?nur\.kz\/(?:[a-z-]+\/){0,2}\d{6,}-[a-z0-9-]+(?:\/|\.html)$/,
  selectors: {
    title: 'h1',
    body: '.formatted-body__paragraph',
    tags: '.article__tags a',
  },
});
