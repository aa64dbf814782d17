/**
 * Which article on a page is the page's own. Infinite scroll appends the next article below the first
 * (lada.kz, RBC): each comes with its own h1 (or <article>) and often a data-url naming its address.
 */
import type { AnyNode, Element } from 'domhandler';
import { EXTRACT } from '../../settings.js';
import type { PageElement } from './dom.js';

const URL_ATTRIBUTES = ['data-url', 'data-href', 'data-link', 'data-article-url', 'data-permalink', 'data-canonical'];

/** How many of the given h1s each of their ancestors holds. */
function h1Counts(h1s: readonly Element[]): Map<AnyNode, number> {
  const counts = new Map<AnyNode, number>();
  for (const h1 of h1s) for (let n: AnyNode | null = h1; n; n = n.parent) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}

function normalizeUrl(url: string, base: string): string | null {
  try {
    const u = new URL(url, base);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return null;
  }
}

function urlOf(el: Element, stop: Element): string | null {
  for (let node: Element | null = el; node && node !== stop; node = node.parent as Element | null) {
    for (const attr of URL_ATTRIBUTES) {
      const v = node.attribs?.[attr];
      if (v) return v;
    }
  }
  return null;
}

/**
 * When a page holds several articles (infinite scroll appends the next one below), the subtree of the
 * page's own: the one whose data-url is the page URL, else the first one of real size.
 */
export function articleScope(root: PageElement, h1s: readonly PageElement[], articles: readonly PageElement[], url: string | undefined): PageElement {
  let scopes: PageElement[] = [];
  if (h1s.length >= 2) {
    const counts = h1Counts(h1s);
    for (const h1 of h1s) {
      let scope: PageElement = h1;
      for (let p = h1.parent as PageElement | null; p && p !== root && (counts.get(p) ?? 0) <= 1; p = p.parent as PageElement | null) {
        scope = p;
      }
      if (!scopes.includes(scope)) scopes.push(scope);
    }
  }
  if (url && scopes.length >= 2) {
    const own = normalizeUrl(url, url);
    const match = scopes.find((s) => {
      const u = urlOf(s, root);
      return u !== null && normalizeUrl(u, url) === own;
    });
    if (match) return match;
  }
  // Otherwise only scopes of an article's size count: h1 subheadings inside one body make tiny scopes.
  const bigEnough = (el: PageElement): boolean => el.textChars >= EXTRACT.appendedArticleMinChars;
  scopes = scopes.filter(bigEnough);
  const bigArticles = articles.filter(bigEnough);
  if (scopes.length < 2 && bigArticles.length >= 2) scopes = bigArticles;
  if (scopes.length < 2) return root;
  if (url) {
    const own = normalizeUrl(url, url);
    const match = scopes.find((s) => {
      const u = urlOf(s, root);
      return u !== null && normalizeUrl(u, url) === own;
    });
    if (match) return match;
  }
  const largest = Math.max(...scopes.map((s) => s.textChars));
  return scopes.find((s) => s.textChars >= largest * EXTRACT.appendedArticleMinShare) ?? root;
}

