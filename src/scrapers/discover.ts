/**
 * Discovery: the new article URLs of a source, from its feeds, sitemaps and listing pages.
 *
 * Incremental mode (no `since`): a sitemap index or a paged listing is walked newest first and stops at the
 * first page that brings nothing new (every URL on it already known). Backfill (`since` set): pages are walked
 * back until one holds only items older than `since`. Both are bounded by maxPages. A sitemap URL with `{page}`
 * is a numbered series without an index (orda.kz's sitemap_news{1..N}): read from 1 until a missing or empty
 * one; no site documents which end of such a series is newest, so a backfill reads it to the end. One failing document is
 * recorded in `errors` and the others are still read. Parsing is in discover/*.ts, pure and tested without I/O.
 */
import { UsageError, toKznewsError } from '../errors.js';
import { DISCOVERY } from '../settings.js';
import type { DateContext } from './discover/common.js';
import { parseFeed } from './discover/feeds.js';
import { linkFilter } from './discover/links.js';
import { pageUrl, parseListing } from './discover/listings.js';
import { parseSitemap, type ChildSitemap } from './discover/sitemaps.js';
import type { DiscoveredItem, Fetcher, ListingConfig, Page, Source } from './types.js';

export { parseFeed } from './discover/feeds.js';
export { parseSitemap, type ChildSitemap, type ParsedSitemap } from './discover/sitemaps.js';
export { htmlFromJson, pageUrl, parseListing } from './discover/listings.js';
export type { DateContext } from './discover/common.js';

export interface DiscoverOptions {
  /** Which of these canonical URLs are already stored. */
  isKnown: (urls: string[]) => Set<string> | Promise<Set<string>>;
  /** UTC ISO-8601 (or a date): backfill down to this instant. Null or absent: incremental. */
  since?: string | null;
  /** Bound on listing pages (or child sitemaps) read per discovery root; default DISCOVERY.maxPages. */
  maxPages?: number;
  now: Date;
  log?: (msg: string, data?: object) => void;
}

export interface DiscoverResult {
  /** New (unknown) article URLs, canonical, each once, newest first (undated ones last, in discovery order). */
  items: DiscoveredItem[];
  pagesFetched: number;
  errors: Array<{ url: string; error: string }>;
}

const XML_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const LISTING_ACCEPT: Record<NonNullable<ListingConfig['format']>, string> = {
  html: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  'json-html': 'application/json, text/html;q=0.9, */*;q=0.5',
};

/** What one discovery page gave, for the stop rules. */
interface PageYield {
  /** Items the page held before any filtering (0: the listing has ended). */
  total: number;
  /** Canonical URLs on the page that belong to the source. */
  urls: string[];
  /** URLs not stored yet. */
  fresh: number;
  /** Backfill: the page has dated items and every one is older than `since`. */
  allOlderThanSince: boolean;
}

function normalizeSince(since: string | null | undefined): string | null {
  if (since === null || since === undefined) return null;
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new UsageError(`since "${since}" is not a date (expected e.g. 2024-07-01 or 2024-07-01T00:00:00Z)`);
  return new Date(t).toISOString();
}

/** Newest first by date; undated items after the dated ones, in the order they were found. */
function newestFirst(items: DiscoveredItem[]): DiscoveredItem[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => {
      const x = a.item.publishedAt;
      const y = b.item.publishedAt;
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return x < y ? 1 : -1;
      }
      return a.i - b.i;
    })
    .map((e) => e.item);
}

/**
 * Child sitemaps in reading order. Incremental runs read only the news sitemaps when the index names some
 * (tengrinews.kz's *sitemap-news*); backfill skips children last changed before `since`. Newest lastmod first,
 * undated children after, in index order.
 */
export function orderChildSitemaps(children: ChildSitemap[], since: string | null): ChildSitemap[] {
  const isNews = (c: ChildSitemap): boolean => /news/i.test(new URL(c.url).pathname);
  let chosen = children;
  if (since === null && children.some(isNews)) chosen = children.filter(isNews);
  if (since !== null) chosen = chosen.filter((c) => c.lastmod === null || c.lastmod >= since);
  const ordered = newestFirst(chosen.map((c) => ({ url: c.url, publishedAt: c.lastmod, title: null })));
  return ordered.map((o) => ({ url: o.url, lastmod: o.publishedAt })).slice(0, DISCOVERY.maxChildSitemaps);
}

export async function discover(source: Source, fetcher: Fetcher, opts: DiscoverOptions): Promise<DiscoverResult> {
  const since = normalizeSince(opts.since);
  const maxPages = opts.maxPages ?? DISCOVERY.maxPages;
  const ctx: DateContext = { timezone: source.timezone, now: opts.now };
  const keep = linkFilter(source);
  const found = new Map<string, DiscoveredItem>();
  const errors: DiscoverResult['errors'] = [];
  let pagesFetched = 0;

  /** `pastTheEnd`: a listing page after the first, where 404/410 means the pagination has ended, not a failure. */
  async function fetchDoc(url: string, accept: string, pastTheEnd = false): Promise<Page | null> {
    try {
      const page = await fetcher.fetch(url, { accept });
      pagesFetched += 1;
      if (page.status >= 400) throw new Error(`HTTP ${page.status}`);
      return page;
    } catch (e) {
      const failure = toKznewsError(e, url);
      if (pastTheEnd && (failure.status === 404 || failure.status === 410)) {
        opts.log?.('listing ended', { source: source.id, url, status: failure.status });
        return null;
      }
      const error = failure.message;
      errors.push({ url, error });
      opts.log?.('discovery document failed', { source: source.id, url, error });
      return null;
    }
  }

  async function take(url: string, items: DiscoveredItem[]): Promise<PageYield> {
    const onSource = new Map<string, DiscoveredItem>();
    for (const item of items) {
      const canonical = keep(item.url);
      if (canonical !== null && !onSource.has(canonical)) onSource.set(canonical, { ...item, url: canonical });
    }
    const dated = [...onSource.values()].filter((i) => i.publishedAt !== null);
    const wanted = [...onSource.values()].filter((i) => since === null || i.publishedAt === null || i.publishedAt >= since);
    const known = wanted.length > 0 ? await opts.isKnown(wanted.map((i) => i.url)) : new Set<string>();
    const fresh = wanted.filter((i) => !known.has(i.url));
    for (const item of fresh) {
      const earlier = found.get(item.url);
      found.set(item.url, earlier ? { ...earlier, publishedAt: earlier.publishedAt ?? item.publishedAt, title: earlier.title ?? item.title } : item);
    }
    opts.log?.('discovery page', { source: source.id, url, items: items.length, onSource: onSource.size, fresh: fresh.length });
    return {
      total: items.length,
      urls: [...onSource.keys()],
      fresh: fresh.length,
      allOlderThanSince: since !== null && dated.length > 0 && dated.every((i) => (i.publishedAt as string) < since),
    };
  }

  /**
   * A walk over pages (listing pages, child sitemaps) ends on an empty or repeated page, or per mode. A backfill
   * stops at a page that is all older than `since` only when the walk is known to go from newest to oldest.
   */
  function walkStopper(newestFirst = true): (y: PageYield) => boolean {
    const seen = new Set<string>();
    return (y) => {
      const repeated = y.urls.length > 0 && y.urls.every((u) => seen.has(u));
      for (const u of y.urls) seen.add(u);
      if (y.total === 0 || repeated) return true;
      return since === null ? y.fresh === 0 : newestFirst && y.allOlderThanSince;
    };
  }

  async function readFeed(url: string): Promise<void> {
    const page = await fetchDoc(url, XML_ACCEPT);
    if (!page) return;
    await take(page.url, parseFeed(page.html, page.url, ctx));
  }

  /**
   * Reads one sitemap; an index has its children read in order until the stop rule, and nested indexes
   * (up to DISCOVERY.maxSitemapDepth) share one budget of maxPages documents with it.
   */
  async function readSitemap(url: string): Promise<void> {
    if (url.includes('{page}')) return readNumberedSitemaps(url);
    const page = await fetchDoc(url, XML_ACCEPT);
    if (!page) return;
    const parsed = parseSitemap(page.html, page.url, ctx);
    if (parsed.kind === 'urlset') await take(page.url, parsed.items);
    else await readIndex(parsed.sitemaps, 1, { left: maxPages });
  }

  async function readIndex(children: ChildSitemap[], depth: number, budget: { left: number }): Promise<void> {
    const stop = walkStopper();
    for (const child of orderChildSitemaps(children, since)) {
      if (budget.left <= 0) return;
      budget.left -= 1;
      const page = await fetchDoc(child.url, XML_ACCEPT);
      if (!page) continue;
      const parsed = parseSitemap(page.html, page.url, ctx);
      if (parsed.kind === 'index') {
        if (depth < DISCOVERY.maxSitemapDepth) await readIndex(parsed.sitemaps, depth + 1, budget);
        continue;
      }
      if (stop(await take(page.url, parsed.items))) return;
    }
  }

  /** sitemap_news1.xml, sitemap_news2.xml, …: a 404 past the first ends the series, as it ends a listing. */
  async function readNumberedSitemaps(template: string): Promise<void> {
    const stop = walkStopper(false);
    const budget = { left: maxPages };
    for (let n = 1; budget.left > 0; n += 1) {
      budget.left -= 1;
      const page = await fetchDoc(pageUrl(template, n), XML_ACCEPT, n > 1);
      if (!page) return;
      const parsed = parseSitemap(page.html, page.url, ctx);
      if (parsed.kind === 'index') {
        await readIndex(parsed.sitemaps, 1, budget);
        continue;
      }
      if (stop(await take(page.url, parsed.items))) return;
    }
  }

  async function readListing(listing: ListingConfig): Promise<void> {
    const first = listing.firstPage ?? 1;
    const pages = listing.url.includes('{page}') ? Math.min(maxPages, listing.maxPages ?? maxPages) : 1;
    const stop = walkStopper();
    for (let n = first; n < first + pages; n += 1) {
      // Past page 1, a 404 ends the list; that holds for the first page of a listing that starts at page 2 or
      // later (vlast.kz's /novosti/N/ after /novosti/), which is there when the list has only one page.
      const pastTheEnd = n > 1;
      const page = await fetchDoc(pageUrl(listing.url, n), LISTING_ACCEPT[listing.format ?? 'html'], pastTheEnd);
      if (!page) break;
      if (stop(await take(page.url, parseListing(page.html, listing, page.url, ctx)))) break;
    }
  }

  for (const feed of source.discovery.feeds) await readFeed(feed);
  for (const sitemap of source.discovery.sitemaps) await readSitemap(sitemap);
  for (const listing of source.discovery.listings) await readListing(listing);
  return { items: newestFirst([...found.values()]), pagesFetched, errors };
}
