/**
 * Which date on a page is the article's: JSON-LD, then article:* meta, then the site's selector, then a
 * date element inside or right next to the article. Clocks in the site header and the dates of related
 * items are outside that area or inside furniture, and are never read.
 */
import type { AnyNode, Element } from 'domhandler';
import { EXTRACT } from '../../settings.js';
import type { ExtractContext, Selectors } from '../types.js';
import { parseDate } from './dates.js';
import { findAll, textOf, type Doc } from './dom.js';
import { DROP_TAGS, furnitureKind } from './furniture.js';
import { metaValue, type PageMeta } from './metadata.js';

const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'pubdate', 'publishdate',
  'publish-date', 'publish_date', 'published_time', 'dc.date.issued', 'dc.date', 'sailthru.date',
  'parsely-pub-date', 'date',
];
const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'dc.date.modified', 'last-modified'];
const DATE_ATTRIBUTES = ['datetime', 'content', 'data-unixtime', 'data-timestamp', 'data-time', 'data-date', 'title'];
/** Elements inside the article area that may print its date, most explicit first. */
const DATE_CLASS = /date|time|publish/i;
/** Any of DATE_TESTS, in one cheap check per element. */
const mayHoldDate = (el: Element): boolean => {
  const a = el.attribs;
  return el.name === 'time' || a.itemprop === 'datePublished' || a['data-unixtime'] !== undefined || (a.class !== undefined && DATE_CLASS.test(a.class));
};
const DATE_TESTS: ReadonlyArray<(el: Element) => boolean> = [
  (el) => el.attribs.itemprop === 'datePublished',
  (el) => el.name === 'time' && el.attribs.datetime !== undefined,
  (el) => el.name === 'time',
  (el) => /date|time|publish/i.test(el.attribs.class ?? '') || el.attribs['data-unixtime'] !== undefined,
];

/** The date an element carries: a machine attribute when it has one that parses, else its text. */
function dateOfElement(el: Element, ctx: ExtractContext): string | null {
  for (const attr of DATE_ATTRIBUTES) {
    const v = el.attribs[attr];
    if (v) {
      const d = parseDate(v, ctx);
      if (d) return d;
    }
  }
  const text = textOf(el);
  return text.length <= EXTRACT.dateMaxChars ? parseDate(text, ctx) : null;
}

/** True when an element sits in furniture (related items, sidebars, nav) below `area`. */
function inFurniture(el: Element, area: AnyNode): boolean {
  for (let n: AnyNode | null = el; n && n !== area; n = n.parent) {
    if (n.type !== 'tag') continue;
    const e = n as Element;
    if ((DROP_TAGS.has(e.name) && e.name !== 'header') || furnitureKind(e) === 'strong') return true;
  }
  return false;
}

/** The smallest element holding both the title and the first body container (the article's area). */
export function articleArea(title: Element | null, container: Element | null, fallback: Element): Element {
  if (!container) return title ? ((title.parent as Element | null) ?? fallback) : fallback;
  if (!title) {
    const article = closest(container, 'article');
    return article ?? ((container.parent as Element | null) ?? container);
  }
  const ancestors = new Set<AnyNode>();
  for (let n: AnyNode | null = title; n; n = n.parent) ancestors.add(n);
  for (let n: AnyNode | null = container; n; n = n.parent) {
    if (ancestors.has(n) && n.type === 'tag') return n as Element;
  }
  return fallback;
}

function closest(el: Element, name: string): Element | null {
  for (let n: AnyNode | null = el; n; n = n.parent) if (n.type === 'tag' && (n as Element).name === name) return n as Element;
  return null;
}

function domDate(area: Element, title: Element | null, ctx: ExtractContext): string | null {
  const candidates = findAll(area, mayHoldDate);
  for (const test of DATE_TESTS) {
    for (const el of candidates) {
      if (!test(el)) continue;
      if (inFurniture(el, area)) continue;
      const d = dateOfElement(el, ctx);
      if (d) return d;
    }
  }
  // A bare date line right after the headline or right before the article (akorda: <h2> title, <h5> date, <article>).
  return nearbyDate(title, 'next', ctx) ?? nearbyDate(area, 'prev', ctx);
}

function nearbyDate(from: Element | null, direction: 'next' | 'prev', ctx: ExtractContext): string | null {
  let sibling = from ? from[direction] : null;
  for (let i = 0; sibling && i < EXTRACT.dateSiblingsAfterTitle; sibling = sibling[direction]) {
    if (sibling.type !== 'tag') continue;
    i++;
    const el = sibling as Element;
    if (DROP_TAGS.has(el.name) || furnitureKind(el) === 'strong') continue;
    const d = dateOfElement(el, ctx);
    if (d) return d;
  }
  return null;
}

function selectorDate(doc: Doc, selector: string | undefined, ctx: ExtractContext): string | null {
  if (!selector) return null;
  for (const el of doc.select(selector)) {
    const d = dateOfElement(el, ctx);
    if (d) return d;
  }
  return null;
}

function metaDate(page: PageMeta, keys: readonly string[], ctx: ExtractContext): string | null {
  for (const key of keys) {
    for (const v of page.meta.get(key) ?? []) {
      const d = parseDate(v, ctx);
      if (d) return d;
    }
  }
  return null;
}

export interface DateArea {
  area: Element;
  title: Element | null;
}

export function pickPublished(doc: Doc, page: PageMeta, selectors: Selectors, where: DateArea, ctx: ExtractContext): string | null {
  const ld = page.ld?.datePublished ? parseDate(page.ld.datePublished, ctx) : null;
  return (
    ld ??
    metaDate(page, PUBLISHED_META, ctx) ??
    selectorDate(doc, selectors.date, ctx) ??
    domDate(where.area, where.title, ctx)
  );
}

export function pickModified(doc: Doc, page: PageMeta, selectors: Selectors, ctx: ExtractContext): string | null {
  const ld = page.ld?.dateModified ? parseDate(page.ld.dateModified, ctx) : null;
  const itemprop = metaValue(page, 'datemodified');
  return (
    ld ??
    metaDate(page, MODIFIED_META, ctx) ??
    selectorDate(doc, selectors.modified, ctx) ??
    (itemprop ? parseDate(itemprop, ctx) : null) ??
    (page.hasItempropModified ? selectorDate(doc, '[itemprop="dateModified"]', ctx) : null)
  );
}
