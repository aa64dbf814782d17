/**
 * The body as a site adapter's selectors describe it: the matched elements' paragraphs in document order,
 * cut at bodyEnd elements and endMarkers texts, without `remove` elements, dropPatterns lines, short
 * lines and the furniture every site shares.
 */
import type { AnyNode, Element } from 'domhandler';
import type { Selectors } from '../types.js';
import { readBlocks, type Block, type Doc } from './dom.js';
import { furnitureKind } from './furniture.js';
import { filterBlocks } from './filter.js';

/** Tags never read inside a selected body (a site's body may well hold a <header> or a <form> of its own). */
const SKIPPED_INSIDE_BODY = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'select', 'input', 'textarea', 'object',
  'embed', 'canvas', 'audio', 'video', 'figcaption', 'nav', 'aside',
]);

function outermost(elements: readonly Element[]): Element[] {
  const set = new Set<AnyNode>(elements);
  return elements.filter((el) => {
    for (let n = el.parent; n; n = n.parent) if (set.has(n)) return false;
    return true;
  });
}

export interface SelectorBody {
  /** The matched body elements (outermost, document order). */
  elements: Element[];
  paragraphs: string[];
}

/** Null when the body selector matches nothing (the caller falls back to the generic extractor). */
export function selectorBody(doc: Doc, selectors: Selectors): SelectorBody | null {
  if (!selectors.body) return null;
  const elements = outermost(doc.select(selectors.body));
  if (elements.length === 0) return null;
  const removed = new Set<Element>();
  for (const sel of selectors.remove ?? []) for (const el of doc.select(sel, elements)) removed.add(el);
  const stopAt = new Set<Element>();
  for (const sel of selectors.bodyEnd ?? []) for (const el of doc.select(sel, elements)) stopAt.add(el);

  const blocks = readBlocks(elements, {
    stopAt,
    skip: (el) => removed.has(el) || SKIPPED_INSIDE_BODY.has(el.name) || furnitureKind(el) === 'strong',
  });
  return { elements, paragraphs: filterBlocks(siteFilter(blocks, selectors)).map((b) => b.text) };
}

function siteFilter(blocks: readonly Block[], selectors: Selectors): Block[] {
  const markers = (selectors.endMarkers ?? []).map((m) => m.toLowerCase());
  const drops = selectors.dropPatterns ?? [];
  const min = selectors.minParagraphLength ?? 0;
  const kept: Block[] = [];
  for (const block of blocks) {
    const lower = block.text.toLowerCase();
    if (markers.some((m) => lower.startsWith(m))) break;
    if (block.text.length < min || drops.some((re) => re.test(block.text))) continue;
    kept.push(block);
  }
  return kept;
}
