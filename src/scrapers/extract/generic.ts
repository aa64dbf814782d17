/**
 * Main text of a page no adapter knows (trafilatura/Readability style, tuned for precision): furniture
 * subtrees are set aside, paragraph-like blocks vote for their containers by length, commas and link
 * density, the best container and its well-scoring siblings are read, and their paragraphs are filtered
 * line by line. Several appended articles (infinite scroll) are cut down to the page's own.
 */
import type { AnyNode, Element, Text } from 'domhandler';
import { EXTRACT } from '../../settings.js';
import { BLOCK_TAGS, isWithin, parseHtml, readBlocks, textOf, type Doc, type PageElement } from './dom.js';
import { cutBlocks, isLinkedHeadline } from './filter.js';
import { DROP_TAGS, WRAPPER_TAGS, classWeight, furnitureKind, hasArticleName } from './furniture.js';
import { articleScope } from './scope.js';
import { standfirstBlocks } from './standfirst.js';
import { holdsTeasers, preferArticleOverTeasers } from './teasers.js';
import { citationTest } from './citation.js';
import { cleanText, uniqueParagraphs } from './text.js';

export interface GenericOptions {
  /** The page's URL: picks the page's own article when several are appended to one page. */
  url?: string;
  /**
   * The page says it is one article (og:type article, an Article JSON-LD): a short post above its
   * next-post teasers is then read by one paragraph of prose, whatever its score.
   */
  declaredArticle?: boolean;
}

export interface MainText {
  paragraphs: string[];
  titleGuess: string | null;
}

/** What extractArticle needs besides the text (paragraphs here may still repeat: the caller dedups). */
export interface MainTextAnalysis extends MainText {
  /** The subtree holding the page's own article (the whole body unless several articles are appended). */
  scope: Element;
  /** The containers the paragraphs were read from, in document order. */
  containers: Element[];
  /** The h1 the title guess came from. */
  titleElement: Element | null;
  /** Elements set aside as furniture (not descended into). */
  junk: ReadonlySet<Element>;
  /** How many linked headlines the chosen containers hold: many means a listing page, not an article. */
  linkedHeadlines: number;
}

const PARAGRAPH_TAGS = new Set(['p', 'pre', 'li', 'dd', 'blockquote']);
/** Blocks for scoring: table cells hold their own text (a layout table's cells are columns, not one line). */
const SCORE_BLOCKS = new Set([...BLOCK_TAGS, 'td', 'th']);

const childElements = (el: Element): Element[] => el.children.filter((c): c is Element => c.type === 'tag');

/**
 * Every element's TextFigures from its text: non-space characters under it, and in its own text nodes with
 * their commas, in one post-order pass (the scoring pass reads them instead of the text again). Tallies
 * of an earlier analysis of the same page are cleared on the way.
 */
function measureText(root: PageElement): void {
  const visit = (el: PageElement): number => {
    let own = 0;
    let commas = 0;
    let under = 0;
    for (const child of el.children) {
      if (child.type === 'text') {
        const data = (child as Text).data;
        for (let i = 0; i < data.length; i++) {
          const c = data.charCodeAt(i);
          if (c === 32 || c === 10 || c === 9 || c === 13 || c === 160) continue;
          own++;
          if (c === 44 || c === 59 || c === 0x060c || c === 0xff0c) commas++;
        }
      } else if (child.type === 'tag') under += visit(child as PageElement);
    }
    el.ownChars = own;
    el.ownCommas = commas;
    el.textChars = own + under;
    el.scoredChars = 0;
    el.scoredLinks = 0;
    return own + under;
  };
  visit(root);
}

/** Furniture subtrees, decided top-down; sizes keep a page-wide wrapper with a furniture name from going. */
function findJunk(root: PageElement): { junk: Set<Element>; h1s: PageElement[]; articles: PageElement[] } {
  const total = Math.max(root.textChars, 1);
  const junk = new Set<Element>();
  const h1s: PageElement[] = [];
  const articles: PageElement[] = [];
  const visit = (el: PageElement, inArticle: boolean): void => {
    for (const node of el.children) {
      if (node.type !== 'tag') continue;
      const child = node as PageElement;
      const chars = child.textChars;
      const share = chars / total;
      let isJunk = false;
      if (DROP_TAGS.has(child.name)) isJunk = !(WRAPPER_TAGS.has(child.name) && share >= EXTRACT.wrapperMinShare);
      const kind = isJunk ? null : furnitureKind(child);
      if (kind !== null && child.attribs.itemprop !== 'articleBody') {
        if (kind === 'strong') {
          // "content social" on a container with much of the text: a topic class, not a share bar.
          isJunk = share < EXTRACT.strongFurnitureMaxShare && !(share >= EXTRACT.namedContentMinShare && hasArticleName(child));
        } else if (kind === 'weak') isJunk = share < EXTRACT.weakFurnitureMaxShare;
      }
      // A sign-up or comment box with no furniture name: a little text around its own form.
      if (!isJunk && chars <= EXTRACT.formBoxMaxChars && holdsForm(child)) isJunk = true;
      if (!isJunk && child.name === 'div' && chars <= EXTRACT.pictureBoxMaxChars && isPictureBox(child)) isJunk = true;
      if (isJunk) {
        junk.add(child);
        if (child.name === 'h1') h1s.push(child);
        else collectH1(child, h1s);
        continue;
      }
      if (child.name === 'h1') h1s.push(child);
      const isArticle = child.name === 'article';
      if (isArticle && !inArticle) articles.push(child);
      visit(child, inArticle || isArticle);
    }
  };
  visit(root, false);
  return { junk, h1s, articles };
}

/** An image with a caption line that is no sentence (a sentence beside an image is text that happens to be illustrated). */
function isPictureBox(el: Element): boolean {
  if (!holdsImage(el, 0)) return false;
  const text = cleanText(textOf(el));
  return text !== '' && !/[.!?…»"”:;]$/.test(text);
}

function holdsImage(el: Element, depth: number): boolean {
  for (const child of el.children) {
    if (child.type !== 'tag') continue;
    const c = child as Element;
    if (c.name === 'img' || (depth < EXTRACT.pictureBoxImageDepth && holdsImage(c, depth + 1))) return true;
  }
  return false;
}

const FORM_TAGS = new Set(['form', 'input']);
const holdsForm = (el: Element): boolean => el.children.some((c) => c.type === 'tag' && FORM_TAGS.has((c as Element).name));

/** An article's own header is set aside as furniture, but its h1 still names the article. */
function collectH1(el: Element, into: PageElement[]): void {
  for (const child of childElements(el)) {
    if (child.name === 'h1') into.push(child as PageElement);
    else collectH1(child, into);
  }
}

/**
 * Container scores: every paragraph-like element gives its parent and further ancestors a share of its
 * score. Block elements get their scoredChars and scoredLinks on the way.
 */
function scoreContainers(scope: PageElement, junk: ReadonlySet<Element>): Map<PageElement, number> {
  const scores = new Map<PageElement, number>();

  const addScore = (el: PageElement, amount: number): void => {
    let current = scores.get(el);
    if (current === undefined) {
      current = classWeight(el) + (el.name === 'div' || el.name === 'article' || el.name === 'section' || el.name === 'main' ? EXTRACT.containerTagBonus : 0);
    }
    scores.set(el, current + amount);
  };

  /** A <p> votes for its parent; a <div> with text of its own (paragraphs split by <br>) votes for itself. */
  const vote = (chars: number, linkChars: number, commas: number, from: PageElement | null): void => {
    if (chars < EXTRACT.minScoredParagraphChars) return;
    const density = linkChars / chars;
    const score = (1 + commas + Math.min(Math.floor(chars / EXTRACT.charsPerPoint), EXTRACT.maxLengthPoints)) * (1 - density);
    let node = from;
    for (let level = 0; node && level < EXTRACT.scoreAncestorLevels; level++) {
      if (node.type !== 'tag') break;
      addScore(node, score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
      if (node === scope) break;
      node = node.parent as PageElement | null;
    }
  };

  // The totals of the element visit() returned from, passed back in these three instead of an object per element.
  let outChars = 0;
  let outLinks = 0;
  let outCommas = 0;
  const visit = (el: PageElement, inLink: boolean): void => {
    // Text of block children, and "direct" text (text nodes and inline children) kept apart: a <div>
    // with paragraphs split by <br> votes with its direct text.
    const isLink = inLink || el.name === 'a';
    let blockChars = 0;
    let blockLinks = 0;
    let blockCommas = 0;
    let directChars = el.ownChars;
    let directLinks = isLink ? el.ownChars : 0;
    let directCommas = el.ownCommas;
    let brs = 0;
    for (const child of el.children) {
      if (child.type === 'tag' && !junk.has(child as Element)) {
        const c = child as PageElement;
        if (c.name === 'br') brs++;
        visit(c, isLink);
        if (SCORE_BLOCKS.has(c.name)) {
          blockChars += outChars;
          blockLinks += outLinks;
          blockCommas += outCommas;
        } else {
          directChars += outChars;
          directLinks += outLinks;
          directCommas += outCommas;
        }
      }
    }
    const chars = blockChars + directChars;
    const links = blockLinks + directLinks;
    const commas = blockCommas + directCommas;
    const block = SCORE_BLOCKS.has(el.name);
    if (block) {
      el.scoredChars = chars;
      el.scoredLinks = links;
    }
    // A <div> holding one paragraph's text (Sputnik's div.article__text per paragraph) is a paragraph: it
    // votes for its container like a <p>, or a one-paragraph div with a content class would outscore the body.
    if (PARAGRAPH_TAGS.has(el.name) || (el.name === 'div' && blockChars === 0 && brs < EXTRACT.textDivMinBreaks)) {
      vote(chars, links, commas, el.parent as PageElement | null);
    } else if (block) vote(directChars, directLinks, directCommas, el);
    outChars = chars;
    outLinks = links;
    outCommas = commas;
  };
  visit(scope, false);
  return scores;
}

function finalScore(el: PageElement, scores: Map<PageElement, number>): number {
  const chars = el.scoredChars;
  const density = chars > 0 ? el.scoredLinks / chars : 0;
  return (scores.get(el) ?? 0) * (1 - density);
}

/** The best container and those of its siblings that look like more of the same article. */
function pickContainers(scope: PageElement, scores: Map<PageElement, number>, junk: ReadonlySet<Element>, declaredArticle: boolean): Element[] {
  let top: PageElement | null = null;
  let best = -Infinity;
  for (const el of scores.keys()) {
    const s = finalScore(el, scores);
    if (s > best) {
      best = s;
      top = el;
    }
  }
  if (!top) return [scope];
  top = preferArticleOverTeasers(top, (el) => finalScore(el, scores), junk, declaredArticle);
  best = finalScore(top, scores);
  const parent = top.parent as Element | null;
  if (!parent || top === scope || parent.type !== 'tag') return [top];
  const threshold = Math.max(EXTRACT.siblingMinScore, best * EXTRACT.siblingScoreShare);
  const picked: Element[] = [];
  for (const node of parent.children) {
    if (node.type !== 'tag') continue;
    const sibling = node as PageElement;
    if (junk.has(sibling)) continue;
    if (sibling === top) {
      picked.push(sibling);
      continue;
    }
    if (finalScore(sibling, scores) >= threshold) {
      // A block of teaser cards (linked headline, snippet, "read the rest") scores like prose but is no part of the article.
      if (!holdsTeasers(sibling, junk)) picked.push(sibling);
      continue;
    }
    const chars = sibling.scoredChars;
    if (chars === 0 || !isParagraphLike(sibling)) continue;
    const density = sibling.scoredLinks / chars;
    if (chars >= EXTRACT.siblingParagraphChars && density < EXTRACT.siblingMaxLinkDensity) picked.push(sibling);
  }
  return picked;
}

/** A <p>, or a <div> with no block children: one paragraph's text. */
const isParagraphLike = (el: Element): boolean =>
  el.name === 'p' || (el.name === 'div' && !el.children.some((c) => c.type === 'tag' && BLOCK_TAGS.has((c as Element).name)));

function guessTitle(h1s: readonly Element[], scope: Element): { text: string | null; element: Element | null } {
  for (const h1 of h1s) {
    if (!isWithin(h1, scope)) continue;
    const text = cleanText(readBlocks([h1]).map((b) => b.text).join(' '));
    if (text.length >= EXTRACT.titleMinChars) return { text, element: h1 };
  }
  return { text: null, element: null };
}

/** The full analysis behind extractMainText, on an already parsed page. */
export function analyzeMainText(doc: Doc, opts: GenericOptions = {}): MainTextAnalysis {
  const body = doc.body;
  measureText(body);
  const { junk, h1s, articles } = findJunk(body);
  const scope = articleScope(body, h1s, articles, opts.url);
  const scores = scoreContainers(scope, junk);
  const containers = pickContainers(scope, scores, junk, opts.declaredArticle ?? false);
  const title = guessTitle(h1s, scope);
  const blocks = [...standfirstBlocks(title.element, containers[0], junk), ...readBlocks(containers, { skip: (el) => junk.has(el) })];
  const { kept, end } = cutBlocks(blocks, title.text, citationTest(opts.url));
  const linkedHeadlines = blocks.slice(0, end).filter(isLinkedHeadline).length;
  const paragraphs = kept.map((b) => b.text);
  return {
    paragraphs,
    titleGuess: title.text,
    titleElement: title.element,
    scope,
    containers,
    junk,
    linkedHeadlines,
  };
}

/** Main text of any news page: its paragraphs and the headline it shows. Parses `html` when given a string. */
export function extractMainText(page: Doc | string, opts: GenericOptions = {}): MainText {
  const { paragraphs, titleGuess } = analyzeMainText(typeof page === 'string' ? parseHtml(page) : page, opts);
  return { paragraphs: uniqueParagraphs(paragraphs), titleGuess };
}
