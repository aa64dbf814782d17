/**
 * lada.kz, the Aktau paper (Asia/Aqtau: UTC+5 all along, also before Almaty's 2024 change). Its NewsArticle
 * JSON-LD is the cleanest source. Below an article come the comments widget and the next article, appended
 * by the infinite scroll with its own JSON-LD: only the article of the page's own URL is read. Older pages use
 * DLE markup (.article-fulltext) without JSON-LD.
 */
import { removeElement } from 'domutils';
import type { Doc } from '../extract/dom.js';
import { extractArticle } from '../extract/index.js';
import { isSamePage } from '../fetch/url.js';
import type { Selectors } from '../types.js';
import { defineSource } from './define.js';

const SELECTORS: Selectors = {
  body: '.article-fulltext',
  // "Комментарии0 комментарий(ев)": the comments widget's header, glued to the article's end.
  dropPatterns: [/^Комментарии\s*\d+\s*комментари/i],
};

/**
 * Takes out of the parsed page the articles its infinite scroll appended (blocks whose data-url is another
 * article's), on the tree extraction reads, so the page is parsed once; returns how many it took out.
 */
export function dropAppendedArticles(doc: Doc, pageUrl: string): number {
  const appended = doc.select('[data-url]').filter((el) => {
    const url = el.attribs['data-url'];
    return url !== undefined && !isSamePage(url, pageUrl);
  });
  for (const el of appended) removeElement(el);
  return appended.length;
}

export const lada = defineSource({
  id: 'lada',
  name: 'Lada.kz',
  baseUrl: 'https://www.lada.kz',
  timezone: 'Asia/Aqtau',
  discovery: {
    sitemaps: ['https://www.lada.kz/sitemap.xml'],
  },
  articleUrl: /^https:\/\/(?:www\.)?lada\.kz\/(?:aktau_news|kazakhstan-news|world-news)\/(?:[\w-]+\/)*\d{5,}-[\w-]+(?:\.html)?$/,
  selectors: SELECTORS,
  // The current markup has no .article-fulltext; its JSON-LD, in the served HTML, carries the whole articleBody.
  renderedBody: `${SELECTORS.body}, script[type="application/ld+json"]`,
  extract: (page, ctx) => extractArticle(page, ctx, SELECTORS, { prune: dropAppendedArticles }),
});
