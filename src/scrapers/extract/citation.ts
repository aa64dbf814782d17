/**
 * A paragraph that is nothing but one link to another site names the article's source ("The generation we
 * love to dump on" under a Boing Boing post): it is article text, where a paragraph linking within the site
 * is a "read also" teaser.
 */
import type { AnyNode, Element } from 'domhandler';
import { EXTRACT } from '../../settings.js';
import type { Block } from './dom.js';
import { wordCount } from './text.js';

/** The host without "www." and a mobile or AMP prefix, so the site's own subdomains count as the site. */
function siteOf(host: string): string {
  const labels = host.toLowerCase().replace(/^(www|m|amp)\./, '').split('.');
  return labels.slice(-2).join('.');
}

function anchors(el: Element, into: Element[]): Element[] {
  for (const child of el.children as AnyNode[]) {
    if (child.type !== 'tag') continue;
    const c = child as Element;
    if (c.name === 'a') into.push(c);
    else anchors(c, into);
  }
  return into;
}

/** A predicate for cutBlocks: the block is a paragraph holding one link, off the page's site, of a few words at least. */
export function citationTest(pageUrl: string | undefined): (block: Block) => boolean {
  if (!pageUrl) return () => false;
  let site: string;
  try {
    site = siteOf(new URL(pageUrl).hostname);
  } catch {
    return () => false;
  }
  return (block) => {
    if (block.element === null || block.tag !== 'p' || wordCount(block.text) < EXTRACT.citationMinWords) return false;
    const links = anchors(block.element, []);
    if (links.length !== 1) return false;
    const href = (links[0] as Element).attribs.href ?? '';
    try {
      const target = new URL(href, pageUrl);
      return /^https?:$/.test(target.protocol) && siteOf(target.hostname) !== site;
    } catch {
      return false;
    }
  };
}
