/**
 * Listing pages: cards of links with a title and a date, as HTML or as a "load more" endpoint's JSON that
 * wraps an HTML fragment (format 'json-html').
 */
import * as cheerio from 'cheerio';
import type { Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { cleanText } from '../extract/text.js';
import type { DiscoveredItem, ListingConfig } from '../types.js';
import { absoluteLink, item, toUtc, type DateContext } from './common.js';

const looksLikeHtml = (s: string): boolean => /<[a-z][^>]*>/i.test(s);

/** Every string inside a JSON value that holds markup, in document order. */
function htmlStrings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') {
    if (looksLikeHtml(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) htmlStrings(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) htmlStrings(v, out);
  }
  return out;
}

/**
 * The HTML of a "load more" response: every HTML string found in the JSON, joined. A body that is not JSON
 * is taken as HTML as it is (some endpoints answer the fragment directly).
 */
export function htmlFromJson(body: string): string {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return body;
  }
  return htmlStrings(data, []).join('\n');
}

/** The link of a card: the configured selector, the card itself when it is a link, or its first link. */
function cardLink(card: Cheerio<Element>, config: ListingConfig): Cheerio<Element> {
  if (config.link) return card.find(config.link).first();
  if (card.is('a[href]')) return card;
  return card.find('a[href]').first();
}

/** The date element of a card: inside it, or the sibling right after it (akorda.kz: <h3><a/></h3><h5>date</h5>). */
function cardDate(card: Cheerio<Element>, selector: string): Cheerio<Element> {
  const inside = card.find(selector).first();
  if (inside.length > 0) return inside;
  return card.next().filter(selector);
}

/** A date element's machine value when it has one (datetime, data-unixtime), else its text. */
function dateText(el: Cheerio<Element>): string | null {
  if (el.length === 0) return null;
  const unix = el.attr('data-unixtime');
  if (unix && /^\d+$/.test(unix)) return new Date(Number(unix) * 1000).toISOString();
  return el.attr('datetime') ?? (cleanText(el.text()) || null);
}

const BARE_TIME = /^\d{1,2}:\d{2}$/;

/** A card's printed date, with the day heading it stands under when it prints only a time. */
function withDay(printed: string | null, day: string | null): string | null {
  return printed !== null && day !== null && BARE_TIME.test(printed) ? `${day}, ${printed}` : printed;
}

/** The cards of one listing page, in page order; links absolute (repaired), dates UTC. */
export function parseListing(body: string, config: ListingConfig, pageUrl: string, ctx: DateContext): DiscoveredItem[] {
  const $ = cheerio.load(config.format === 'json-html' ? htmlFromJson(body) : body);
  const items: DiscoveredItem[] = [];
  let day: string | null = null;
  // One selector for headings and cards alike, so they come in document order.
  const selector = config.dayHeading ? `${config.dayHeading}, ${config.item}` : config.item;
  $(selector).each((_, el) => {
    if (el.type !== 'tag') return;
    const card = $(el);
    if (config.dayHeading && card.is(config.dayHeading)) {
      day = cleanText(card.text()) || null;
      return;
    }
    const link = cardLink(card, config);
    const url = absoluteLink(link.attr('href'), pageUrl);
    if (!url) return;
    const title = cleanText(config.title ? card.find(config.title).first().text() : link.text());
    const date = config.date ? toUtc(withDay(dateText(cardDate(card, config.date)), day), ctx) : null;
    items.push(item(url, date, title));
  });
  return items;
}

/** Page n of a listing or numbered sitemap series: `{page}` replaced, or the URL itself when it has no placeholder. */
export const pageUrl = (template: string, n: number): string => template.replaceAll('{page}', String(n));
