/**
 * Page metadata read once per page: JSON-LD, <meta> (OpenGraph, article:*, name=, itemprop=), <link>
 * (canonical, hreflang), <html lang>, <title>. The field pickers below each try one source after another.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { EXTRACT } from '../../settings.js';
import type { Lang, Selectors } from '../types.js';
import { textOf } from './dom.js';
import { articleFromJsonLd, type ArticleLd } from './jsonld.js';
import { langFromCode } from './language.js';
import { cleanText, comparisonKey } from './text.js';

export interface PageMeta {
  url: string;
  ld: ArticleLd | null;
  /** <meta> contents by lower-case property/name/itemprop, in page order. */
  meta: ReadonlyMap<string, readonly string[]>;
  htmlLang: string | null;
  documentTitle: string | null;
  relCanonical: string | null;
  alternates: Partial<Record<Lang, string>>;
  siteName: string | null;
}

export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (h === '' || /^(data|javascript|mailto|about):/i.test(h)) return null;
  try {
    const u = new URL(h, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function readPageMeta($: CheerioAPI, url: string): PageMeta {
  const meta = new Map<string, string[]>();
  $('meta').each((_, el) => {
    const a = (el as Element).attribs;
    const content = a.content ?? a.value;
    if (content === undefined) return;
    const value = cleanText(content);
    if (value === '') return;
    for (const key of [a.property, a.name, a.itemprop]) {
      if (!key) continue;
      for (const k of key.toLowerCase().split(/\s+/)) {
        const list = meta.get(k);
        if (list) list.push(value);
        else meta.set(k, [value]);
      }
    }
  });
  const scripts: string[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    scripts.push($(el).text());
  });
  const alternates: Partial<Record<Lang, string>> = {};
  let relCanonical: string | null = null;
  $('link[rel]').each((_, el) => {
    const a = (el as Element).attribs;
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical') && relCanonical === null) relCanonical = absoluteUrl(a.href, url);
    if (rel.includes('alternate') && a.hreflang) {
      const lang = langFromCode(a.hreflang);
      const href = absoluteUrl(a.href, url);
      if (lang && href && alternates[lang] === undefined) alternates[lang] = href;
    }
  });
  const ld = articleFromJsonLd(scripts, url);
  const htmlLang = $('html').attr('lang') ?? $('html').attr('xml:lang') ?? null;
  const documentTitle = cleanText($('title').first().text()) || null;
  const siteName = meta.get('og:site_name')?.[0] ?? ld?.publisher ?? meta.get('application-name')?.[0] ?? null;
  return { url, ld, meta, htmlLang, documentTitle, relCanonical, alternates, siteName };
}

export function metaValue(page: PageMeta, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = page.meta.get(k)?.[0];
    if (v) return v;
  }
  return null;
}

const TITLE_SEPARATORS = /\s+[-–—|:/«»·•]{1,2}\s+/;

function hostLabel(url: string): string {
  try {
    const labels = new URL(url).hostname.replace(/^www\./, '').split('.');
    return labels.length >= 2 ? (labels[labels.length - 2] as string) : (labels[0] ?? '');
  } catch {
    return '';
  }
}

/** "Title - Site name", "Title | Site", "Site :: Title" → "Title", when that part names the site. */
export function stripSiteName(title: string, page: PageMeta): string {
  const parts = title.split(TITLE_SEPARATORS);
  if (parts.length < 2) return title;
  const site = comparisonKey(page.siteName ?? '');
  const host = comparisonKey(hostLabel(page.url));
  const namesSite = (part: string): boolean => {
    const key = comparisonKey(part);
    if (key === '' || part.length > EXTRACT.siteNameMaxChars) return false;
    return (site !== '' && (key === site || key.includes(site) || site.includes(key))) || (host.length >= 3 && key.includes(host));
  };
  const last = parts[parts.length - 1] as string;
  const first = parts[0] as string;
  const sepEnd = title.search(new RegExp(`${TITLE_SEPARATORS.source}(?!.*${TITLE_SEPARATORS.source})`));
  if (namesSite(last) && sepEnd > 0) return cleanText(title.slice(0, sepEnd));
  if (namesSite(first)) {
    const m = TITLE_SEPARATORS.exec(title);
    if (m) return cleanText(title.slice(m.index + m[0].length));
  }
  return title;
}

/** Names that are the site itself, not a person ("Zakon.kz" as author). */
function isSiteName(name: string, page: PageMeta): boolean {
  const key = comparisonKey(name);
  const host = comparisonKey(hostLabel(page.url));
  return key === comparisonKey(page.siteName ?? '') || key === comparisonKey(page.ld?.publisher ?? '') || (host !== '' && key.startsWith(host) && key.length <= host.length + 2);
}

const AUTHOR_DOM = '[itemprop="author"] [itemprop="name"], [itemprop="author"], [rel="author"], .author-name, .article__author, .byline__name';

/** Author: selector, JSON-LD author, article:author (not a profile URL), <meta name=author>, byline markup in the article. */
export function pickAuthor($: CheerioAPI, page: PageMeta, selectors: Selectors, scope: Element): string | null {
  const candidates: string[] = [];
  if (selectors.author) {
    const el = $(selectors.author).first()[0] as Element | undefined;
    if (el) candidates.push(textOf(el));
  }
  if (page.ld?.authors.length) candidates.push(page.ld.authors.join(', '));
  for (const key of ['article:author', 'author', 'dc.creator', 'sailthru.author', 'parsely-author']) {
    for (const v of page.meta.get(key) ?? []) if (!/^https?:\/\//i.test(v)) candidates.push(v);
  }
  const dom = $(scope).find(AUTHOR_DOM).first()[0] as Element | undefined;
  if (dom) candidates.push(textOf(dom));
  for (const c of candidates) {
    const name = cleanText(c.replace(/^(автор|author|by)\s*:?\s*/i, ''));
    if (name !== '' && name.length <= EXTRACT.authorMaxChars && !isSiteName(name, page)) return name;
  }
  return null;
}

const TAG_CONTAINERS = [
  '.tags', '.tag-list', '.tags-list', '.post-tags', '.article-tags', '.article__tags', '.news-tags', '.entry-tags',
  '.newsTags', '.content_main_text_tags', '.tags__list', '.b-tags', '.material-tags', '.tagcloud', '.keywords',
  '[class*="tags"]', '[class*="Tags"]',
];

/** A tag block is short and made of links (a wrapper named "…tags…" around the article is not one). */
function isTagBlock($: CheerioAPI, el: Element): boolean {
  const text = textOf(el);
  if (text === '' || text.length > EXTRACT.tagBlockMaxChars) return false;
  const linked = ($(el).find('a').toArray() as Element[]).reduce((n, a) => n + textOf(a).length, 0);
  return linked / text.length >= EXTRACT.tagBlockMinLinkShare;
}

function linkTexts($: CheerioAPI, container: Element): string[] {
  const links = $(container).is('a') ? [container] : ($(container).find('a').toArray() as Element[]);
  return links.map((a) => textOf(a));
}

/** Tags: the page's tag-link block (selector, else a common tag container or rel=tag links), article:tag, JSON-LD keywords. */
export function pickTags($: CheerioAPI, page: PageMeta, selectors: Selectors, scope: Element): string[] {
  const found: string[] = [];
  if (selectors.tags) {
    for (const el of $(selectors.tags).toArray() as Element[]) found.push(...linkTexts($, el));
  } else {
    const block = ($(scope).find(TAG_CONTAINERS.join(', ')).toArray() as Element[]).find((el) => isTagBlock($, el));
    if (block) found.push(...linkTexts($, block));
    else {
      const relTags = $(scope).find('a[rel~="tag"]').toArray() as Element[];
      const parent = relTags[0]?.parent;
      for (const a of relTags) if (a.parent === parent) found.push(textOf(a));
    }
  }
  found.push(...(page.meta.get('article:tag') ?? []), ...(page.ld?.keywords ?? []));
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of found) {
    const tag = cleanText(raw.replace(/^#/, ''));
    const key = tag.toLowerCase();
    if (tag === '' || tag.length > EXTRACT.tagMaxChars || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length >= EXTRACT.maxTags) break;
  }
  return tags;
}

const IMAGE_ATTRIBUTES = ['data-src', 'data-lazy-src', 'data-original', 'src'];

function imageSource(img: Element): string | null {
  for (const attr of IMAGE_ATTRIBUTES) {
    const v = img.attribs[attr];
    if (v && !v.startsWith('data:')) return v;
  }
  const srcset = img.attribs.srcset ?? img.attribs['data-srcset'];
  return srcset ? (srcset.trim().split(/\s+/)[0] ?? null) : null;
}

function tooSmall(img: Element): boolean {
  const w = Number(img.attribs.width);
  const h = Number(img.attribs.height);
  return (w > 0 && w < EXTRACT.minImagePx) || (h > 0 && h < EXTRACT.minImagePx);
}

/** Images: og:image, JSON-LD image, then the images inside the article's containers; absolute and unique. */
export function pickImages($: CheerioAPI, page: PageMeta, containers: readonly Element[]): string[] {
  const raw: string[] = [...(page.meta.get('og:image') ?? []), ...(page.ld?.images ?? [])];
  for (const c of containers) {
    for (const img of $(c).find('img').toArray() as Element[]) {
      if (tooSmall(img)) continue;
      const src = imageSource(img);
      if (src) raw.push(src);
    }
  }
  const out: string[] = [];
  for (const r of raw) {
    const abs = absoluteUrl(r, page.url);
    if (abs && !out.includes(abs) && !/\.svg(\?|$)/i.test(abs)) out.push(abs);
    if (out.length >= EXTRACT.maxImages) break;
  }
  return out;
}
