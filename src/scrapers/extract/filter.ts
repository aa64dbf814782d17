/**
 * Line-by-line filtering of the blocks read from an article's containers: furniture lines out, and the
 * article ends at the first "related news" heading that only links and snippets follow.
 */
import { EXTRACT } from '../../settings.js';
import type { Block } from './dom.js';
import { isEndHeading, isFurnitureText, isLinkLine, linkDensity } from './lines.js';

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
    if ((isLinkLine(block) && !keepLinkLine(block)) || isFurnitureText(block.text)) continue;
    kept.push(block);
  }
  return { kept, end: blocks.length };
}

