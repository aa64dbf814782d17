/**
 * informburo.kz. The listing /novosti groups items under day headings ("Сегодня", "15 августа") with only a
 * time (HH:MM) on each: an item's date is its heading's day at its time. The sitemap index leads to monthly
 * news sitemaps with lastmod. The lead is .article-excerpt; the body is every child of .article but the "read more" cards.
 * The Kazakh edition lives under /kaz/ (news at /kaz/newskaz/<slug>, known from links to it) in the same markup.
 */
import { defineSource } from './define.js';

export const informburo = defineSource({
  id: 'informburo',
  name: 'Информбюро',
  baseUrl: 'https://informburo.kz',
  languages: ['ru', 'kk'],
  discovery: {
    sitemaps: ['https://informburo.kz/sitemap.xml'],
    listings: ['https://informburo.kz/novosti', 'https://informburo.kz/kaz/newskaz'].map((url) => ({
      url,
      item: 'ul.uk-nav.uk-nav-default > li',
      link: 'a[href]',
      date: 'time.article-time',
      dayHeading: 'h2.date-heading',
    })),
  },
  // /novosti/<slug> (older pages end in .html), long reads under /stati/, Kazakh news under /kaz/newskaz/
  articleUrl: /^https:\/\/(?:www\.)?informburo\.kz\/(?:novosti|stati|kaz\/newskaz)\/[a-z0-9-]+(?:\.html)?$/,
  selectors: {
    title: 'h1',
    lead: '.article-excerpt',
    body: '.article > :not(.read-more)',
    tags: '.article-tags a',
  },
});
