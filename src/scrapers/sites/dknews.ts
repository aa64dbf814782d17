/**
 * dknews.kz («Деловой Казахстан»). Its article markup is not known well enough for selectors: the title, date
 * and body come from JSON-LD, OpenGraph and the generic extractor. The tag links at the article's end
 * ("ШОС МИД РК …") are tags, not body text.
 */
import { defineSource } from './define.js';

const TAG_LINKS = 'a[rel="tag"], a[href*="/tag/"], a[href*="/tags/"]';

export const dknews = defineSource({
  id: 'dknews',
  name: 'DKnews.kz',
  baseUrl: 'https://dknews.kz',
  languages: ['ru', 'kk'],
  discovery: {
    // SITES.md names /ru/all; the Kazakh edition's /kz/all (linked from every page's language switch) is the same list.
    listings: ['ru', 'kz'].map((lang) => ({ url: `https://dknews.kz/${lang}/all`, item: '.item', title: 'span', date: 'time' })),
  },
  articleUrl: /^https:\/\/(?:www\.)?dknews\.kz\/(?:ru|kz)\/[\w-]+\/\d+-[\w-]+$/,
  selectors: {
    tags: TAG_LINKS,
    remove: [TAG_LINKS],
  },
});
