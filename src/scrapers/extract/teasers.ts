/**
 * Teaser cards (linked headlines with a snippet each: the next posts, "read more") beside a short article:
 * they score like prose, so the generic extractor asks here whether a container is such a block, and which
 * sibling holds the article instead. Everything is measured on the scoring tallies (scoredChars and
 * scoredLinks of block elements), not on the text again.
 */
import type { Element } from 'domhandler';
import { EXTRACT } from '../../settings.js';
import type { PageElement } from './dom.js';

const HEADLINE_TAGS = new Set(['h2', 'h3', 'h4']);

/**
 * A block of teaser cards: several linked headlines with only a snippet's worth of other text each (a
 * listing's measure), counted from the scoring tallies (non-space characters) without reading the text again.
 */
export function holdsTeasers(el: PageElement, junk: ReadonlySet<Element>): boolean {
  let headlines = 0;
  let headlineChars = 0;
  const visit = (node: Element): void => {
    for (const child of node.children) {
      if (child.type !== 'tag' || junk.has(child as Element)) continue;
      const c = child as PageElement;
      if (HEADLINE_TAGS.has(c.name)) {
        const chars = c.scoredChars;
        if (chars > 0 && c.scoredLinks / chars >= EXTRACT.linkedHeadlineDensity && linksOnePlace(c)) {
          headlines++;
          headlineChars += chars;
        }
      } else visit(c);
    }
  };
  visit(el);
  if (headlines < EXTRACT.teaserMinHeadlines) return false;
  return (el.scoredChars - headlineChars) / headlines < EXTRACT.listingMaxCharsPerHeadline;
}

/**
 * A teaser's headline links one story; a heading of several links to different places is a share bar or
 * a tag row ("SHARE / TWEET / 82 COMMENTS"), which an article carries too.
 */
function linksOnePlace(heading: Element): boolean {
  let target: string | null = null;
  const visit = (el: Element): boolean => {
    for (const child of el.children) {
      if (child.type !== 'tag') continue;
      const c = child as Element;
      if (c.name === 'a') {
        const href = c.attribs.href ?? '';
        if (target === null) target = href;
        else if (href !== target) return false;
      } else if (!visit(c)) return false;
    }
    return true;
  };
  return visit(heading);
}

/** A paragraph's worth of text at least, not made of links (a sidebar of links is no alternative to teasers). */
function holdsProse(el: PageElement): boolean {
  const chars = el.scoredChars;
  return chars >= EXTRACT.siblingParagraphChars && el.scoredLinks / chars < EXTRACT.siblingMaxLinkDensity;
}

/** Some <p> inside of a paragraph's worth of text, not made of links. */
function holdsProseParagraph(el: Element, junk: ReadonlySet<Element>): boolean {
  for (const child of el.children) {
    if (child.type !== 'tag' || junk.has(child as Element)) continue;
    const c = child as PageElement;
    if (c.name === 'p' ? holdsProse(c) : holdsProseParagraph(c, junk)) return true;
  }
  return false;
}

/**
 * When the best-scoring container is a block of teasers (the next posts' snippets outweigh a short post),
 * its best sibling that holds prose of its own is the article; with none, the page stays a listing.
 * On a page that says it is an article, a sibling above the teasers (where the post stands) qualifies by
 * one paragraph of prose: a one-paragraph post scores little, and its own share bar and tag row, with no
 * class names to set them aside, are links enough to sink its density.
 */
export function preferArticleOverTeasers(
  top: PageElement,
  score: (el: PageElement) => number,
  junk: ReadonlySet<Element>,
  declaredArticle: boolean,
): PageElement {
  const parent = top.parent as Element | null;
  if (!parent || parent.type !== 'tag' || !holdsTeasers(top, junk)) return top;
  let best: PageElement | null = null;
  let bestScore = -Infinity;
  let above = true;
  for (const node of parent.children) {
    if (node === top) above = false;
    if (node === top || node.type !== 'tag' || junk.has(node as Element)) continue;
    const el = node as PageElement;
    const s = score(el);
    if (s <= bestScore) continue;
    const prose = s >= EXTRACT.siblingMinScore && holdsProse(el);
    const post = declaredArticle && above && holdsProseParagraph(el, junk);
    if ((prose || post) && !holdsTeasers(el, junk)) {
      best = el;
      bestScore = s;
    }
  }
  return best ?? top;
}
