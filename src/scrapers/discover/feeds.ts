/** RSS 2.0 and Atom feeds, read in cheerio's XML mode. Item links may be relative: resolved against the feed. */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { cleanText } from '../extract/text.js';
import type { DiscoveredItem } from '../types.js';
import { absoluteLink, byLocalName, childText, item, loadXml, toUtc, type DateContext } from './common.js';

/** Atom's <link href> (the alternate one when several), or RSS's <link> text, or a permalink <guid>. */
function entryLink($: CheerioAPI, entry: Element): string | null {
  const links = byLocalName([entry], 'link', true);
  const atom = links.filter((l) => l.attribs['href'] !== undefined);
  if (atom.length > 0) {
    const alternate = atom.find((l) => (l.attribs['rel'] ?? 'alternate') === 'alternate') ?? atom[0];
    return alternate?.attribs['href'] ?? null;
  }
  const text = links.map((l) => cleanText($(l).text())).find((t) => t !== '');
  if (text) return text;
  const guid = byLocalName([entry], 'guid', true)[0];
  if (guid && guid.attribs['ispermalink'] !== 'false' && guid.attribs['isPermaLink'] !== 'false') {
    return cleanText($(guid).text()) || null;
  }
  return null;
}

/** Every item of an RSS 2.0 or Atom feed, in feed order; links absolute, dates UTC. */
export function parseFeed(xml: string, feedUrl: string, ctx: DateContext): DiscoveredItem[] {
  const $ = loadXml(xml);
  const roots = $.root().children().toArray();
  const entries = [...byLocalName(roots, 'item'), ...byLocalName(roots, 'entry')];
  const items: DiscoveredItem[] = [];
  for (const entry of entries) {
    const url = absoluteLink(entryLink($, entry), feedUrl);
    if (!url) continue;
    const date =
      childText($, entry, 'pubdate') ?? childText($, entry, 'published') ?? childText($, entry, 'date') ?? childText($, entry, 'updated');
    items.push(item(url, toUtc(date, ctx), childText($, entry, 'title')));
  }
  return items;
}
