/**
 * orda.kz, with its Kazakh (kaz.orda.kz) and English (en.orda.kz) newsrooms. Its pages have no <article> and
 * no dependable body container: the body is every <p> of some length that is not in the page's furniture.
 * The "most read" widget (emoji headlines as <p> inside list items, with view/comment/reaction counters),
 * the comments and the forms hold <p>s of their own, and the cookie notice, the media-registration line
 * and the "read in another language" line are plain <p>s, told apart by their words.
 */
import { defineSource } from './define.js';

/** Shorter <p>s on orda are photo credits, captions and empty spacers. */
const MIN_PARAGRAPH_CHARS = 40;

/** Where an orda <p> is never article text: lists (the "most read" widget), comments, forms, page chrome. */
const FURNITURE = ['header', 'footer', 'nav', 'aside', 'form', 'li', '[class*="comment"]', '[class*="most-read"]'];

export const orda = defineSource({
  id: 'orda',
  name: 'Orda.kz',
  baseUrl: 'https://orda.kz',
  hosts: ['orda.kz', 'kaz.orda.kz', 'en.orda.kz'],
  languages: ['ru', 'kk', 'en'],
  discovery: {
    feeds: ['https://orda.kz/feed/', 'https://kaz.orda.kz/feed/', 'https://en.orda.kz/feed/'],
    // sitemap_news1.xml … sitemap_newsN.xml, with no index known: read in turn until the first missing one.
    sitemaps: ['https://orda.kz/sitemap/sitemap_news{page}.xml'],
  },
  // /<slug>-<numeric id>/ on any of the three hosts; categories, tags and podcasts have a path of their own.
  articleUrl: /^https:\/\/(?:www\.|kaz\.|en\.)?orda\.kz\/[a-z0-9-]+-\d{3,}\/?$/,
  selectors: {
    title: 'h1',
    body: `p:not(${FURNITURE.map((f) => `${f} p`).join(', ')})`,
    minParagraphLength: MIN_PARAGRAPH_CHARS,
    dropPatterns: [
      // cookie notices, in any of the three languages ("…cookie…, вы соглашаетесь…", "…келісесіз", "…you agree…")
      /cookie.*(?:соглаша|келісесіз|agree)/iu,
      // media registration ("Свидетельство о постановке на учет", "Есепке қою туралы куәлік", "Registration certificate")
      /зарегистрирован\p{L}* в Министерстве|свидетельство о постановке на учет|есепке қою туралы куәлік|registration certificate|is registered with the ministry/iu,
      // language switchers: "Эту новость можно прочитать на других языках: Қазақша"
      /на других языках|басқа тілдерде оқыңыз|in other languages/iu,
    ],
    date: 'time[datetime]',
    author: 'a[href*="/author/"]',
    tags: 'a[rel~="tag"]',
  },
});
