/**
 * lada.kz, the Aktau paper (Asia/Aqtau: UTC+5 all along, also before Almaty's 2024 change). Its NewsArticle
 * JSON-LD is the cleanest source. Below an article come the comments widget and the next article, appended
 * by the infinite scroll with its own JSON-LD: only the article of the page's own URL is read. Older pages use
 * DLE markup (.article-fulltext) without JSON-LD.
 */
import * as cheerio from 'cheerio';
import { extractArticle } from '../extract/index.js';
import { hostKey } from '../fetch/url.js';
import type { Selectors } from '../types.js';
import { defineSource } from './define.js';

const SELECTORS: Selectors = {
  body: '.article-fulltext',
  // "Комментарии0 комментарий(ев)": the comments widget's header, glued to the article's end.
  dropPatterns: [/^Комментарии\s*\d+\s*комментари/i],
};

const samePage = (a: string, b: string): boolean => {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return hostKey(x.href) === hostKey(y.href) && x.pathname.replace(/\/+$/, '') === y.pathname.replace(/\/+$/, '');
  } catch {
    return false;
  }
};

/**
 * The page's HTML without the articles its infinite scroll appended (blocks whose data-url is another
 * article's), or null when it holds none.
 */
export function withoutAppendedArticles(html: string, pageUrl: string): string | null {
  const $ = cheerio.load(html);
  const appended = $('[data-url]').filter((_, el) => {
    const url = $(el).attr('data-url');
    return url !== undefined && !samePage(new URL(url, pageUrl).href, pageUrl);
  });
  if (appended.length === 0) return null;
  appended.remove();
  return $.html();
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
  extract: (page, ctx, standard) => {
    const own = withoutAppendedArticles(page.html, page.url);
    return own === null ? standard() : extractArticle({ ...page, html: own }, ctx, SELECTORS);
  },
});
