/**
 * The standfirst: the paragraph or two a page prints between its headline and the body container (DW's
 * "intro", many CMSes' "lead"/"summary"). The container scores do not reach it, since it is a sibling of the
 * body's wrapper, often inside the article header set aside as furniture; yet it is the article's own text.
 */
import type { AnyNode, Element } from 'domhandler';
import { EXTRACT } from '../../settings.js';
import { isWithin, readBlocks, type Block } from './dom.js';
import { furnitureKind } from './furniture.js';
import { linkDensity } from './lines.js';

/** Class/id words that name a standfirst. */
const LEAD_WORDS = new Set([
  'lead', 'intro', 'introduction', 'standfirst', 'summary', 'subtitle', 'excerpt', 'announce', 'anons', 'deck',
  'dek', 'abstract', 'perex', 'subheadline', 'description', 'descr', 'annotation',
]);

function namesLead(el: Element): boolean {
  const names = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  if (names.trim() === '') return false;
  return names
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[\s_:.-]+/)
    .some((p) => LEAD_WORDS.has(p));
}

/** Prose: long enough, free of links, and ending like a sentence unless its element is named as a lead (subtitles often stop without a period). */
const isProse = (block: Block, named: boolean): boolean =>
  block.text.length >= EXTRACT.standfirstMinChars &&
  linkDensity(block) < EXTRACT.proseMaxLinkDensity &&
  (named || /[.!?…»"”)]$/.test(block.text));

/**
 * Elements after the headline and before the body, in document order: the headline's later siblings at
 * each level up to the branch that holds the body, then nothing past that branch.
 */
function between(title: Element, body: Element): Element[] {
  const out: Element[] = [];
  for (let node: AnyNode = title; node.parent; node = node.parent) {
    const parent = node.parent as Element;
    const siblings = parent.children;
    for (let i = siblings.indexOf(node as Element) + 1; i < siblings.length; i++) {
      const s = siblings[i] as AnyNode;
      if (isWithin(body, s)) return out;
      if (s.type === 'tag') out.push(s as Element);
    }
  }
  return [];
}

/**
 * Standfirst blocks of a page: <p> elements, or elements named as a lead, standing between the headline
 * and the first body container, that read as prose. None when the headline is inside the body or after it.
 */
export function standfirstBlocks(title: Element | null, body: Element | undefined, junk: ReadonlySet<Element>): Block[] {
  if (!title || !body || isWithin(title, body) || isWithin(body, title)) return [];
  const blocks: Block[] = [];
  for (const el of between(title, body)) {
    const named = namesLead(el);
    if (el.name !== 'p' && !named) continue;
    if ((junk.has(el) && !named) || furnitureKind(el) === 'strong') continue;
    for (const block of readBlocks([el])) {
      if (!isProse(block, named)) continue;
      blocks.push(block);
      if (blocks.length >= EXTRACT.standfirstMaxBlocks) return blocks;
    }
  }
  return blocks;
}
