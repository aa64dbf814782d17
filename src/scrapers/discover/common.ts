/** Pieces the feed, sitemap and listing parsers share: XML loading, local-name lookup, dates, links. */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { parseDate } from '../extract/dates.js';
import { cleanText } from '../extract/text.js';
import { repairUrl } from '../fetch/url.js';
import type { DiscoveredItem } from '../types.js';

/** What reading a site-local date needs: the site's zone, and "now" for relative dates ("сегодня, 13:51"). */
export interface DateContext {
  timezone: string;
  now: Date;
}

export const loadXml = (xml: string): cheerio.CheerioAPI => cheerio.load(xml, { xml: true });

/** An element's name without its namespace prefix ("news:publication_date" → "publication_date"). */
export const localName = (el: Element): string => {
  const name = el.name.toLowerCase();
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

const isElement = (node: AnyNode): node is Element => node.type === 'tag';

/** Descendant elements with this local name, whatever prefix the document binds its namespace to. */
export function byLocalName(root: AnyNode[], name: string, direct = false): Element[] {
  const found: Element[] = [];
  const visit = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      if (!isElement(node)) continue;
      if (localName(node) === name) found.push(node);
      if (!direct) visit(node.children);
    }
  };
  for (const node of root) if (isElement(node)) visit(node.children);
  return found;
}

/** Text of the first child element (any depth) with this local name, cleaned; null when absent or empty. */
export function childText($: cheerio.CheerioAPI, parent: Element, name: string): string | null {
  const el = byLocalName([parent], name)[0];
  if (!el) return null;
  const text = cleanText($(el).text());
  return text === '' ? null : text;
}

export const toUtc = (text: string | null | undefined, ctx: DateContext): string | null =>
  text ? parseDate(text, ctx) : null;

/** An absolute link from a raw href (relative, glued to its site's origin, …), or null when beyond repair. */
export const absoluteLink = (raw: string | null | undefined, base: string): string | null =>
  raw ? repairUrl(raw.trim(), base) : null;

export function item(url: string, publishedAt: string | null, title: string | null): DiscoveredItem {
  return { url, publishedAt, title: title === null || title === '' ? null : title };
}
