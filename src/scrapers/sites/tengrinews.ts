/**
 * tengrinews.kz (Russian; Kazakh and English editions on kaz. and en.). Some news-sitemap entries are glued
 * to the base ("https://tengrinews.kzhttps://tengrisport.kz/…"): discovery repairs them and drops the ones
 * that land on another site. The body ends at the tags or the comments; view counts are filled in by scripts.
 */
import { defineSource } from './define.js';

export const tengrinews = defineSource({
  id: 'tengrinews',
  name: 'Tengrinews.kz',
  baseUrl: 'https://tengrinews.kz',
  hosts: ['tengrinews.kz', 'kaz.tengrinews.kz', 'en.tengrinews.kz'],
  languages: ['ru', 'kk', 'en'],
  discovery: {
    feeds: ['https://tengrinews.kz/news.rss'],
    // The Kazakh and English editions have sitemap indexes of their own (no feeds known for them).
    sitemaps: ['tengrinews.kz', 'kaz.tengrinews.kz', 'en.tengrinews.kz'].map((host) => `https://${host}/sitemap-index.xml`),
    listings: [{ url: 'https://tengrinews.kz/news/page/{page}/', item: '.tn-article-item', link: 'a', title: 'span', date: 'time' }],
  },
  articleUrl: /^https:\/\/(?:(?:www|kaz|en)\.)?tengrinews\.kz\/[\w-]+\/[\w-]+-\d+\/$/,
  selectors: {
    title: 'h1.head-single',
    date: 'ol.breadCrumb-ls.date-time li:last-child span',
    body: 'div.content_main_text',
    bodyEnd: ['#comm', '.content_main_text_tags'],
    tags: '.content_main_text_tags a',
  },
});
