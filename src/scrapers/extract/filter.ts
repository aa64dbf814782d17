/**
 * Line-by-line filtering of the blocks read from an article's containers: furniture lines out, and the
 * article ends at the first "related news" heading that only links and snippets follow.
 */
import { EXTRACT } from '../../settings.js';
import { isWithin, type Block } from './dom.js';
import type { Element } from 'domhandler';
import { isAiSummaryLabel, isEndHeading, isFurnitureText, isLinkLine, linkDensity } from './lines.js';

const HEADING_TAGS = new Set(['h2', 'h3', 'h4']);

export function isLinkedHeadline(block: Block): boolean {
  return HEADING_TAGS.has(block.tag) && linkDensity(block) >= EXTRACT.linkedHeadlineDensity;
}

const isProse = (block: Block): boolean =>
  block.text.length >= EXTRACT.siblingParagraphChars &&
  linkDensity(block) < EXTRACT.proseMaxLinkDensity &&
  /[.!?»"”)]$/.test(block.text) &&
  !/(\.\.\.|…)$/.test(block.text);

/**
 * An "other news" heading ends the article unless real prose follows it before the next such heading
 * (BBC's "More on this story" box sits mid-article; related cards hold only links and cut snippets).
 */
function endsArticle(blocks: readonly Block[], at: number): boolean {
  let prose = 0;
  for (let i = at + 1; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (isEndHeading(b)) break;
    if (isProse(b) && ++prose >= EXTRACT.proseAfterEndHeading) return false;
  }
  return true;
}

/**
 * How many blocks after an AI summary label are its points: the list items in the label's own box (the
 * label's element, or its parent when the list is a sibling of a label heading).
 */
function summaryPoints(blocks: readonly Block[], at: number): number {
  const label = (blocks[at] as Block).element;
  const next = blocks[at + 1];
  if (!label || !next || next.tag !== 'li') return 0;
  const box = isWithin(next.element, label) ? label : (label.parent as Element | null);
  if (!box || !isWithin(next.element, box)) return 0;
  let n = 0;
  for (let i = at + 1; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.tag !== 'li' || !isWithin(b.element, box)) break;
    n++;
  }
  return n;
}

/** Blocks that are article text: up to the first "related news" heading, without furniture lines. */
export function filterBlocks(blocks: readonly Block[], title: string | null = null): Block[] {
  return cutBlocks(blocks, title).kept;
}

/**
 * filterBlocks, also telling where the article ended (index of the end heading, or blocks.length).
 * An h1 is dropped when it is the headline (or when the headline is not known): h1 subheadings stay.
 * keepLinkLine spares a line made of links that is still article text (a cited source).
 */
export function cutBlocks(
  blocks: readonly Block[],
  title: string | null,
  keepLinkLine: (block: Block) => boolean = () => false,
): { kept: Block[]; end: number } {
  const kept: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    if (isEndHeading(block)) {
      if (kept.length > 0 && endsArticle(blocks, i)) return { kept, end: i };
      continue;
    }
    if (block.tag === 'h1' && (title === null || block.text === title)) continue;
    if (isAiSummaryLabel(block.text)) {
      i += summaryPoints(blocks, i);
      continue;
    }
    if ((isLinkLine(block) && !keepLinkLine(block)) || isFurnitureText(block.text)) continue;
    kept.push(block);
  }
  return { kept, end: blocks.length };
}

