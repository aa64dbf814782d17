/**
 * Kazinform (inform.kz), the national news agency: Russian /ru/ and Kazakh /kz/ on www.inform.kz, English on
 * en.inform.kz. The lead stands in .article__description above .article__body-text. The page carries no
 * dated metadata: the date is only printed, often with the month in the nominative ("13:51, 15 Август 2025"),
 * and the header shows today's date beside it. Language editions of one story link to each other through
 * hreflang, which the extractor returns as draft.alternates. A Next.js site: 'auto' in case a page comes
 * back as a script shell.
 */
import { defineSource } from './define.js';

export const inform = defineSource({
  id: 'inform',
  name: 'Kazinform',
  baseUrl: 'https://www.inform.kz',
  hosts: ['inform.kz', 'en.inform.kz', 'kaz.inform.kz'],
  languages: ['ru', 'kk', 'en'],
  renderer: 'auto',
  discovery: {
    feeds: ['https://www.inform.kz/rss/rus.xml', 'https://www.inform.kz/rss/eng.xml', 'https://kaz.inform.kz/rss/kz.xml'],
    listings: [{ url: 'https://www.inform.kz/ru/lenta/', item: '.allNewsCard', link: 'a[href]', title: '.allNewsCard_title', date: '.allNewsCard_time' }],
  },
  // /ru|kz/<slug>-<hex id> (older pages: <slug>_a<digits>), and en.inform.kz/news/<slug>-<hex id>/
  articleUrl: /^https:\/\/(?:(?:www\.)?inform\.kz\/(?:ru|kz)|en\.inform\.kz\/news)\/[a-z0-9-]+?(?:-[0-9a-f]{6,8}|_a\d{6,8})\/?$/,
  selectors: {
    title: 'h1.article__title',
    lead: '.article__description',
    body: '.article__body-text',
    date: '.article__time',
    author: '.article__author a',
    tags: '.article__tags a',
  },
});
