/** Sitemaps: indexes of child sitemaps, plain url sets with lastmod, and Google News sitemaps. */
import type { DiscoveredItem } from '../types.js';
import { absoluteLink, byLocalName, childText, item, loadXml, toUtc, type DateContext } from './common.js';

export interface ChildSitemap {
  url: string;
  /** UTC ISO-8601, when the index says. */
  lastmod: string | null;
}

export type ParsedSitemap =
  | { kind: 'index'; sitemaps: ChildSitemap[] }
  | { kind: 'urlset'; items: DiscoveredItem[] };

/**
 * One sitemap document. Entries whose <loc> cannot be repaired into a URL are left out; news entries take
 * their date from news:publication_date and their title from news:title, plain ones from lastmod.
 */
export function parseSitemap(xml: string, sitemapUrl: string, ctx: DateContext): ParsedSitemap {
  const $ = loadXml(xml);
  const roots = $.root().children().toArray();
  const children = byLocalName(roots, 'sitemap');
  if (roots.some((r) => r.type === 'tag' && r.name.toLowerCase().endsWith('sitemapindex')) || children.length > 0) {
    const sitemaps: ChildSitemap[] = [];
    for (const child of children) {
      const url = absoluteLink(childText($, child, 'loc'), sitemapUrl);
      if (url) sitemaps.push({ url, lastmod: toUtc(childText($, child, 'lastmod'), ctx) });
    }
    return { kind: 'index', sitemaps };
  }
  const items: DiscoveredItem[] = [];
  for (const entry of byLocalName(roots, 'url')) {
    const loc = byLocalName([entry], 'loc', true)[0];
    const url = absoluteLink(loc ? $(loc).text() : null, sitemapUrl);
    if (!url) continue;
    const news = byLocalName([entry], 'news', true)[0];
    const published = news ? childText($, news, 'publication_date') : null;
    const date = published ?? childText($, entry, 'lastmod');
    items.push(item(url, toUtc(date, ctx), news ? childText($, news, 'title') : null));
  }
  return { kind: 'urlset', items };
}
