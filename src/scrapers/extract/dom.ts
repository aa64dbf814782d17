/**
 * The DOM side of extraction: one htmlparser2 parse per page, and the walk that turns elements into
 * paragraphs (block elements and <br><br> split, inline elements join, whitespace collapsed, NFC).
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { DomHandler, Element, type AnyNode, type Document } from 'domhandler';
import { Parser } from 'htmlparser2';
import { cleanText } from './text.js';

/**
 * What the generic extractor's walks (generic.ts) work out for every element of a page, kept on the
 * element: a field costs a nanosecond where an entry in a Map keyed by the element cost some 50 ns, and a
 * page has hundreds of elements.
 */
export interface TextFigures {
  /** Non-space characters of all the text under the element. */
  textChars: number;
  /** Non-space characters of its own text nodes (not those of child elements), and the commas among them. */
  ownChars: number;
  ownCommas: number;
  /** Scoring tallies: non-space and link characters under a block element of the scored scope, furniture aside. */
  scoredChars: number;
  scoredLinks: number;
}

/** An element of a page parsed by parseHtml. */
export class PageElement extends Element implements TextFigures {
  textChars = 0;
  ownChars = 0;
  ownCommas = 0;
  scoredChars = 0;
  scoredLinks = 0;
}

/** domhandler's tree builder, making PageElements (all of one shape from the start). */
class PageHandler extends DomHandler {
  override onopentag(name: string, attribs: Record<string, string>): void {
    const element = new PageElement(name, attribs);
    this.addNode(element);
    this.tagStack.push(element);
  }
}

/** A parsed page: its DOM, its <body>, and CSS selection for site selectors. */
export interface Doc {
  root: Document;
  body: PageElement;
  /** Elements matching a CSS selector in document order, under `within` when given. */
  select(selector: string, within?: Element | readonly Element[]): Element[];
}

/**
 * One htmlparser2 parse per page (several times faster than parse5 on news pages, and forgiving enough
 * for them). Cheerio is only wrapped around the tree when a CSS selector is asked for: the generic path
 * walks the tree itself and never needs it.
 */
export function parseHtml(html: string): Doc {
  const handler = new PageHandler();
  new Parser(handler, { decodeEntities: true }).end(html);
  const root = handler.root;
  let $: CheerioAPI | null = null;
  return {
    root,
    body: bodyOf(root),
    select(selector, within) {
      $ ??= cheerio.load(root);
      const found = within === undefined ? $(selector) : $(within as Element | Element[]).find(selector);
      return found.toArray() as Element[];
    },
  };
}

/** Elements that end the paragraph before them and start a new one. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
  'caption', 'option', 'body', 'html',
]);

/** One paragraph as read from the DOM, with what the filters need to judge it. */
export interface Block {
  text: string;
  /** Characters of the text that sit inside links. */
  linkChars: number;
  /** Tag of the block element that holds it (p, li, h2, div…). */
  tag: string;
  /** That block element. */
  element: Element | null;
}

export interface ReadOptions {
  /** Subtrees not read at all (furniture, hidden elements). */
  skip?: (el: Element) => boolean;
  /** Reading stops for good at the first of these elements (where the article ends). */
  stopAt?: ReadonlySet<Element>;
}

/** Paragraph blocks of one or more subtrees, in document order. */
export function readBlocks(roots: readonly Element[], options: ReadOptions = {}): Block[] {
  const blocks: Block[] = [];
  const skip = options.skip;
  const stopAt = options.stopAt;
  let parts: string[] = [];
  let linkParts: string[] = [];
  let linkDepth = 0;
  let brPending = false;
  /** Whether a text node with more than whitespace went into parts (else they clean to nothing). */
  let hasText = false;
  let stopped = false;
  const owners: Element[] = [];

  const flush = (): void => {
    brPending = false;
    if (parts.length === 0) return;
    const text = hasText ? cleanText(parts.join('')) : '';
    const links = linkParts;
    parts = [];
    linkParts = [];
    hasText = false;
    if (text === '') return;
    const linkChars = links.length ? cleanText(links.join(' ')).length : 0;
    const owner = owners[owners.length - 1] ?? null;
    blocks.push({ text, linkChars: Math.min(linkChars, text.length), tag: owner?.name ?? 'div', element: owner });
  };

  const visit = (node: AnyNode): void => {
    if (stopped) return;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      if (/\S/.test(data)) {
        brPending = false;
        hasText = true;
      }
      parts.push(data);
      if (linkDepth > 0) linkParts.push(data);
      return;
    }
    if (node.type !== 'tag') return;
    const el = node as Element;
    if (stopAt?.has(el)) {
      flush();
      stopped = true;
      return;
    }
    if (skip?.(el)) {
      parts.push(' ');
      return;
    }
    const name = el.name;
    if (name === 'br') {
      if (brPending) flush();
      else {
        parts.push(' ');
        brPending = true;
      }
      return;
    }
    if (name === 'td' || name === 'th') parts.push(' ');
    const block = BLOCK_TAGS.has(name);
    if (block) {
      flush();
      owners.push(el);
    }
    if (name === 'a') linkDepth++;
    for (const child of el.children) visit(child);
    if (name === 'a') linkDepth--;
    if (block) {
      flush();
      owners.pop();
    } else if (name === 'td' || name === 'th') parts.push(' ');
  };

  for (const root of roots) {
    owners.length = 0;
    owners.push(root);
    for (const child of root.children) visit(child);
    flush();
    if (stopped) break;
  }
  return blocks;
}

/** Plain text of an element (inline joined, blocks separated by a space), cleaned. */
/** Whether `node` is `ancestor` or lies inside it. */
export function isWithin(node: AnyNode | null, ancestor: AnyNode): boolean {
  for (let n = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

export function textOf(el: Element): string {
  return readBlocks([el])
    .map((b) => b.text)
    .join(' ');
}

/** Elements under `root` (not root itself) that pass `test`, in document order; a CSS query compiles its selector on every call. */
export function findAll(root: Element, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const visit = (node: Element): void => {
    for (const child of node.children) {
      if (child.type !== 'tag') continue;
      const el = child as Element;
      if (test(el)) out.push(el);
      visit(el);
    }
  };
  visit(root);
  return out;
}

/** The <body> of a parsed page; when the markup has none, its root, given the figures an element carries. */
function bodyOf(root: Document): PageElement {
  for (const top of root.children) {
    if (top.type !== 'tag') continue;
    if ((top as Element).name === 'body') return top as PageElement;
    if ((top as Element).name === 'html') {
      for (const child of (top as Element).children) if (child.type === 'tag' && (child as Element).name === 'body') return child as PageElement;
    }
  }
  const figures: TextFigures = { textChars: 0, ownChars: 0, ownCommas: 0, scoredChars: 0, scoredLinks: 0 };
  return Object.assign(root, figures) as unknown as PageElement;
}
