/**
 * Page metadata read once per page: JSON-LD, <meta> (OpenGraph, article:*, name=, itemprop=), <link>
 * (canonical, hreflang), <html lang>, <title>. The field pickers below each try one source after another.
 */
import type { AnyNode, Element } from 'domhandler';
import { EXTRACT } from '../../settings.js';
import type { Lang, Selectors } from '../types.js';
import { findAll, textOf, type Doc } from './dom.js';

const isLink = (el: Element): boolean => el.name === 'a';
import { articleFromJsonLd, type ArticleLd } from './jsonld.js';
import { langFromCode } from './language.js';
import { cleanText, comparisonKey } from './text.js';

export interface PageMeta {
  url: string;
  ld: ArticleLd | null;
  /** Raw <meta> contents by lower-case property/name/itemprop, in page order (read them through metaValue/metaValues). */
  meta: ReadonlyMap<string, readonly string[]>;
  htmlLang: string | null;
  documentTitle: string | null;
  relCanonical: string | null;
  alternates: Partial<Record<Lang, string>>;
  siteName: string | null;
  /** Whether some element (not only a <meta>) carries itemprop=dateModified. */
  hasItempropModified: boolean;
  /** Whether some element is marked as an author byline (itemprop/rel/class); the DOM author query runs only then. */
  hasAuthorMarkup: boolean;
}

/** An absolute http(s) URL that the URL parser would leave as it is (plain ASCII, no spaces, no dot segments). */
const PLAIN_ABSOLUTE = /^https?:\/\/[a-z0-9.-]+(:\d+)?(\/[\w\-.~%!$&'()*+,;=:@/?#]*)?$/;

export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (PLAIN_ABSOLUTE.test(h) && !h.includes('/./') && !h.includes('/../')) return h.includes('/', 8) ? h : `${h}/`;
  if (h === '' || /^(data|javascript|mailto|about):/i.test(h)) return null;
  try {
    const u = new URL(h, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

interface HeadElements {
  metas: Element[];
  links: Element[];
  ldScripts: Element[];
  title: Element | null;
  html: Element | null;
  itempropModified: boolean;
  authorMarkup: boolean;
}

/** <meta>, <link>, JSON-LD <script>, <title> and <html> in one walk (a CSS query per kind walks the tree each time). */
function headElements(root: AnyNode): HeadElements {
  const found: HeadElements = { metas: [], links: [], ldScripts: [], title: null, html: null, itempropModified: false, authorMarkup: false };
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'script') {
      if (((node as Element).attribs.type ?? '').toLowerCase() === 'application/ld+json') found.ldScripts.push(node as Element);
      continue;
    }
    if (node.type === 'tag') {
      const el = node as Element;
      const a = el.attribs;
      // One pass over the attributes the element has: named look-ups on attribute objects of many shapes cost more.
      for (const key in a) {
        if (key === 'itemprop') {
          if (a.itemprop === 'dateModified') found.itempropModified = true;
          else if (a.itemprop === 'author') found.authorMarkup = true;
        } else if (key === 'rel') {
          if (a.rel === 'author') found.authorMarkup = true;
        } else if (key === 'class' && !found.authorMarkup && /author|byline/i.test(a.class as string)) found.authorMarkup = true;
      }
      if (el.name === 'meta') found.metas.push(el);
      else if (el.name === 'link') found.links.push(el);
      else if (el.name === 'title' && !found.title) found.title = el;
      else if (el.name === 'html' && !found.html) found.html = el;
      else if (el.name === 'svg') continue;
    } else if (node.type !== 'root') continue;
    const children = (node as Element).children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as AnyNode);
  }
  return found;
}

const scriptText = (el: Element): string =>
  el.children.map((c) => (c.type === 'text' ? (c as unknown as { data: string }).data : '')).join('');

export function readPageMeta(doc: Doc, url: string): PageMeta {
  const head = headElements(doc.root);
  const meta = new Map<string, string[]>();
  for (const el of head.metas) {
    const a = el.attribs;
    const content = a.content ?? a.value;
    if (content === undefined) continue;
    // Cleaned when read: a page has dozens of <meta> and kznews reads a handful.
    const value = content;
    if (value.trim() === '') continue;
    for (const key of [a.property, a.name, a.itemprop]) {
      if (!key) continue;
      // Most keys are one word: splitting costs a regex and an array for every <meta> of the page.
      for (const k of /\s/.test(key) ? key.toLowerCase().split(/\s+/) : [key.toLowerCase()]) {
        const list = meta.get(k);
        if (list) list.push(value);
        else meta.set(k, [value]);
      }
    }
  }
  const alternates: Partial<Record<Lang, string>> = {};
  let relCanonical: string | null = null;
  for (const el of head.links) {
    const a = el.attribs;
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical') && relCanonical === null) relCanonical = absoluteUrl(a.href, url);
    if (rel.includes('alternate') && a.hreflang) {
      const lang = langFromCode(a.hreflang);
      const href = absoluteUrl(a.href, url);
      if (lang && href && alternates[lang] === undefined) alternates[lang] = href;
    }
  }
  const ld = articleFromJsonLd(head.ldScripts.map(scriptText), url);
  const htmlLang = head.html?.attribs.lang ?? head.html?.attribs['xml:lang'] ?? null;
  const documentTitle = head.title ? cleanText(scriptText(head.title)) || null : null;
  const rawSite = meta.get('og:site_name')?.[0] ?? ld?.publisher ?? meta.get('application-name')?.[0];
  const siteName = rawSite === undefined ? null : cleanText(rawSite);
  return { url, ld, meta, htmlLang, documentTitle, relCanonical, alternates, siteName, hasItempropModified: head.itempropModified, hasAuthorMarkup: head.authorMarkup };
}

export function metaValue(page: PageMeta, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = page.meta.get(k)?.[0];
    if (v) return cleanText(v);
  }
  return null;
}

/** Every value of one <meta> key, cleaned. */
function metaValues(page: PageMeta, key: string): string[] {
  return (page.meta.get(key) ?? []).map(cleanText);
}

const TITLE_SEPARATORS = /\s+[-–—|:/«»·•]{1,2}\s+/;
const LAST_TITLE_SEPARATOR = new RegExp(`${TITLE_SEPARATORS.source}(?!.*${TITLE_SEPARATORS.source})`);

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
  const sepEnd = title.search(LAST_TITLE_SEPARATOR);
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

const AUTHOR_CLASSES = new Set(['author-name', 'article__author', 'byline__name']);
/** Byline markup: itemprop=author (its itemprop=name inside), rel=author, common author classes. */
const isAuthorMarkup = (el: Element): boolean => {
  const a = el.attribs;
  return a.itemprop === 'author' || a.rel === 'author' || (a.class !== undefined && a.class.split(/\s+/).some((c) => AUTHOR_CLASSES.has(c)));
};

function authorElement(scope: Element): Element | null {
  const found = findAll(scope, isAuthorMarkup)[0];
  if (!found) return null;
  if (found.attribs.itemprop === 'author') return findAll(found, (el) => el.attribs.itemprop === 'name')[0] ?? found;
  return found;
}

/** Author: selector, JSON-LD author, article:author (not a profile URL), <meta name=author>, byline markup in the article. */
export function pickAuthor(doc: Doc, page: PageMeta, selectors: Selectors, scope: Element): string | null {
  const valid = (raw: string | null | undefined): string | null => {
    if (!raw) return null;
    const name = cleanText(raw.replace(/^(автор|author|by)\s*:?\s*/i, ''));
    return name !== '' && name.length <= EXTRACT.authorMaxChars && !isSiteName(name, page) ? name : null;
  };
  if (selectors.author) {
    const el = doc.select(selectors.author)[0];
    const name = valid(el ? textOf(el) : null);
    if (name) return name;
  }
  const ldName = valid(page.ld?.authors.join(', '));
  if (ldName) return ldName;
  for (const key of ['article:author', 'author', 'dc.creator', 'sailthru.author', 'parsely-author']) {
    for (const v of metaValues(page, key)) {
      const name = /^https?:\/\//i.test(v) ? null : valid(v);
      if (name) return name;
    }
  }
  if (!page.hasAuthorMarkup) return null;
  const dom = authorElement(scope);
  return valid(dom ? textOf(dom) : null);
}

/** Class names of tag blocks: "tags", "tag-list", "newsTags", "article__tags", "keywords"… */
const TAG_CLASS = /(^|[-_\s])(tags?|keywords)([-_\s]|$)|tags|Tags/;

/** The first tag block in `scope` (document order), or the links marked rel=tag that share a parent. */
function findTagBlock(scope: Element): Element[] {
  const relTags: Element[] = [];
  let block: Element | null = null;
  const visit = (el: Element): void => {
    for (const child of el.children) {
      if (block || child.type !== 'tag') continue;
      const c = child as Element;
      if (c.name === 'a' && /(^|\s)tag(\s|$)/i.test(c.attribs.rel ?? '')) relTags.push(c);
      const cls = c.attribs.class;
      if (cls && TAG_CLASS.test(cls) && isTagBlock(c)) {
        block = c;
        return;
      }
      visit(c);
    }
  };
  visit(scope);
  if (block) return linkElements(block);
  const parent = relTags[0]?.parent;
  return relTags.filter((a) => a.parent === parent);
}

/** Whether an element's raw text stays within `limit` characters; stops counting past it. */
function textNoLongerThan(el: Element, limit: number): boolean {
  let n = 0;
  const visit = (node: Element): boolean => {
    for (const c of node.children) {
      if (c.type === 'text') n += (c as unknown as { data: string }).data.length;
      else if (c.type === 'tag' && !visit(c as Element)) return false;
      if (n > limit * 2) return false;
    }
    return true;
  };
  return visit(el);
}

/** A tag block is short and made of links (a wrapper named "…tags…" around the article is not one). */
function isTagBlock(el: Element): boolean {
  if (!textNoLongerThan(el, EXTRACT.tagBlockMaxChars)) return false;
  const text = textOf(el);
  if (text === '' || text.length > EXTRACT.tagBlockMaxChars) return false;
  const linked = findAll(el, isLink).reduce((n, a) => n + textOf(a).length, 0);
  return linked / text.length >= EXTRACT.tagBlockMinLinkShare;
}

function linkElements(container: Element): Element[] {
  return container.name === 'a' ? [container] : findAll(container, isLink);
}

/** Tags: the page's tag-link block (selector, else a common tag container or rel=tag links), article:tag, JSON-LD keywords. */
export function pickTags(doc: Doc, page: PageMeta, selectors: Selectors, scope: Element): string[] {
  const found: string[] = [];
  if (selectors.tags) {
    for (const el of doc.select(selectors.tags)) found.push(...linkElements(el).map(textOf));
  } else {
    found.push(...findTagBlock(scope).map(textOf));
  }
  found.push(...metaValues(page, 'article:tag'), ...(page.ld?.keywords ?? []));
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
export function pickImages(page: PageMeta, containers: readonly Element[]): string[] {
  const raw: string[] = [...metaValues(page, 'og:image'), ...(page.ld?.images ?? [])];
  for (const c of containers) {
    for (const img of findAll(c, (el) => el.name === 'img')) {
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
