/**
 * What is site furniture and not article text, by element: tag, class, id, role, hidden. Patterns only;
 * the decisions that need sizes live in generic.ts, the furniture known by its text in lines.ts.
 */
import type { Element } from 'domhandler';
import { EXTRACT } from '../../settings.js';

/** Never article text, whatever they hold. */
export const DROP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'nav', 'aside', 'footer', 'button', 'select',
  'input', 'textarea', 'label', 'object', 'embed', 'canvas', 'audio', 'video', 'map', 'dialog', 'head', 'link',
  'meta', 'figcaption', 'picture', 'source', 'menu', 'header', 'form',
]);
/** Of DROP_TAGS, those some CMSes wrap whole pages in (an ASP.NET <form>, a <header> around everything). */
export const WRAPPER_TAGS: ReadonlySet<string> = new Set(['form', 'header', 'footer', 'aside']);

/** Class/id words that always mark furniture. */
const STRONG_WORDS = new Set([
  'comment', 'comments', 'commentlist', 'disqus', 'hypercomments', 'cackle', 'share', 'shares', 'sharing',
  'sharethis', 'addthis', 'social', 'socials', 'related', 'relap', 'recommend', 'recommended',
  'recommendations', 'readalso', 'popular', 'mostread', 'trending', 'subscribe', 'subscription', 'newsletter',
  'relatedposts', 'cookie', 'cookies', 'gdpr', 'consent', 'advert', 'advertisement', 'advertising', 'ads', 'ad', 'adv',
  'adfox', 'adsbygoogle', 'banner', 'banners', 'promo', 'sponsor', 'sponsored', 'sidebar', 'breadcrumb',
  'breadcrumbs', 'pagination', 'pager', 'paging', 'nav', 'navbar', 'navigation', 'menu', 'footer', 'masthead',
  'modal', 'popup', 'outbrain', 'taboola', 'smi2', 'mgid', 'lentainform', 'rating', 'likes', 'reactions',
  'orphus', 'tags', 'tagcloud', 'login', 'signin', 'search', 'logo', 'copyright',
  'offscreen', 'toolbar', 'similar', 'teasers', 'incut', 'readmore', 'othernews', 'lastnews',
  'newsfeed', 'feedback', 'messengers', 'follow', 'zen', 'telegram', 'rubrics', 'categories',
  // Recirculation and sign-up modules of English news sites, and Russian transliterated names.
  'recirc', 'recirculation', 'paywall', 'signup', 'chitayte', 'chitaite', 'pohozhie', 'populyarnoe',
  'rekomenduem', 'reklama', 'kommentarii', 'socseti',
]);
/** Class/id words that mark furniture when the element holds little of the page's text. */
const WEAK_WORDS = new Set([
  'header', 'meta', 'byline', 'author', 'authors', 'date', 'time', 'timestamp', 'caption', 'credit', 'credits',
  'tools', 'actions', 'buttons', 'counter', 'counters', 'views', 'stats', 'badge', 'player', 'gallery',
  'slider', 'carousel', 'aside', 'lenta', 'bio', 'widget', 'widgets', 'print',
]);
/**
 * Whole class tokens (compounds) that mark furniture. A plain `hidden`/`d-none` class is not among them:
 * sites put the rest of an article behind a "read more" button with it, and responsive layouts hide copies.
 */
const STRONG_TOKENS = new Set([
  'sr-only', 'screen-reader-text', 'visually-hidden', 'visuallyhidden', 'read-also', 'most-read',
  'other-news', 'more-news', 'news-list', 'tag-list', 'tags-list', 'post-tags', 'article-tags', 'see-also',
  'also-read', 'read-more', 'author-bio', 'about-author', 'author-box', 'twitter-tweet', 'instagram-media',
  'tiktok-embed', 'fb-post', 'google-news-follow', 'willshare', 'tag', 'read-next', 'up-next', 'more-from',
  'watch-next', 'you-may-like', 'more-stories', 'chitayte-takzhe', 'chitaite-takzhe',
]);
/** Class/id words that mark the article container (score bonus). */
const POSITIVE_WORDS = new Set([
  'article', 'articlebody', 'body', 'content', 'entry', 'main', 'post', 'text', 'story', 'blog', 'hentry',
  'detail', 'details', 'full', 'fulltext', 'single', 'material', 'publication', 'news', 'editor', 'formatted',
  'prose', 'richtext', 'description', 'descr',
]);
const HIDDEN_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alertdialog',
  'toolbar', 'tablist',
]);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

export type FurnitureKind = 'strong' | 'weak' | null;

function tokenParts(token: string): string[] {
  return token
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[-_:.]+/)
    .map((p) => p.replace(/\d+$/, ''))
    .filter((p) => p !== '');
}

/** Class, id and component names of an element as one string (a cache key; '' when it has none). */
function namesKey(cls: string | undefined, id: string | undefined, component: string | undefined, testid: string | undefined, block: string | undefined): string {
  if (component === undefined && testid === undefined && block === undefined) {
    if (id === undefined) return cls ?? '';
    return `${cls ?? ''}#${id}`;
  }
  return `${cls ?? ''}#${id ?? ''}#${component ?? ''}#${testid ?? ''}#${block ?? ''}`;
}

const rawNames = (el: Element): string => {
  const a = el.attribs;
  return namesKey(a.class, a.id, a['data-component'], a['data-testid'], a['data-block']);
};

/** Lower-case class tokens and id of an element. */
function nameTokens(el: Element): string[] {
  const a = el.attribs;
  const cls = a.class ?? '';
  const out = cls === '' ? [] : cls.split(/\s+/);
  for (const extra of [a.id, a['data-component'], a['data-testid'], a['data-block']]) if (extra) out.push(extra);
  return out.filter((t) => t !== '');
}

/** Verdicts by class/id string: the same few class strings repeat all over a page and a site. */
const verdicts = new Map<string, FurnitureKind>();
const VERDICT_CACHE_LIMIT = 20_000;

/** An aria-label naming a share bar, comments, related links, breadcrumbs or ads. */
const FURNITURE_LABEL = /share|поделит|comment|коммент|related|breadcrumb|реклам|advert/i;

/**
 * How surely an element is furniture, by its tag name aside: strong (always), weak (when small), or null.
 * One pass over the attributes the element has (most have none, one or two): looking up ten names one by
 * one, on attribute objects of a hundred shapes, cost several times as much.
 */
export function furnitureKind(el: Element): FurnitureKind {
  const a = el.attribs;
  let cls: string | undefined;
  let id: string | undefined;
  let component: string | undefined;
  let testid: string | undefined;
  let block: string | undefined;
  for (const key in a) {
    const value = a[key] as string;
    switch (key) {
      case 'hidden':
        return 'strong';
      case 'aria-hidden':
        if (value === 'true') return 'strong';
        break;
      case 'role':
        if (HIDDEN_ROLES.has(value.toLowerCase())) return 'strong';
        break;
      case 'style':
        if (HIDDEN_STYLE.test(value)) return 'strong';
        break;
      case 'aria-label':
        if (FURNITURE_LABEL.test(value)) return 'strong';
        break;
      case 'class':
        cls = value;
        break;
      case 'id':
        id = value;
        break;
      case 'data-component':
        component = value;
        break;
      case 'data-testid':
        testid = value;
        break;
      case 'data-block':
        block = value;
        break;
    }
  }
  const names = namesKey(cls, id, component, testid, block);
  if (names === '') return null;
  const known = verdicts.get(names);
  if (known !== undefined) return known;
  const verdict = kindByNames(nameTokens(el));
  if (verdicts.size >= VERDICT_CACHE_LIMIT) verdicts.clear();
  verdicts.set(names, verdict);
  return verdict;
}

function kindByNames(tokens: readonly string[]): FurnitureKind {
  let weak = false;
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (STRONG_TOKENS.has(lower)) return 'strong';
    const parts = tokenParts(token);
    // WordPress marks the article itself with "tag-…"/"category-…" classes: those name topics, not furniture.
    if (parts[0] === 'tag' || parts[0] === 'category' || parts[0] === 'rubric') continue;
    // The last words of a name say what the element is: "elementor-widget-text-editor" is text,
    // "news-full__date" is a date. A weak word counts unless an article word comes after it.
    let weakHere = false;
    for (const p of parts) {
      if (STRONG_WORDS.has(p)) return 'strong';
      if (WEAK_WORDS.has(p)) weakHere = true;
      else if (POSITIVE_WORDS.has(p)) weakHere = false;
    }
    if (weakHere) weak = true;
  }
  return weak ? 'weak' : null;
}

/** Whether some class/id token names article content ("article", "content", "text", "post"…). */
export function hasArticleName(el: Element): boolean {
  for (const token of nameTokens(el)) for (const p of tokenParts(token)) if (POSITIVE_WORDS.has(p)) return true;
  return false;
}

/** Score bonus for container names: positive for article words, negative for furniture words. */
const weights = new Map<string, number>();

export function classWeight(el: Element): number {
  const bonus = el.attribs.itemprop === 'articleBody' ? EXTRACT.articleBodyBonus : 0;
  const names = rawNames(el);
  if (names === '') return bonus;
  let weight = weights.get(names);
  if (weight === undefined) {
    weight = weightByNames(nameTokens(el));
    if (weights.size >= VERDICT_CACHE_LIMIT) weights.clear();
    weights.set(names, weight);
  }
  return bonus + weight;
}

function weightByNames(tokens: readonly string[]): number {
  let weight = 0;
  for (const token of tokens) {
    for (const p of tokenParts(token)) {
      if (POSITIVE_WORDS.has(p)) weight = Math.max(weight, EXTRACT.classBonus);
      else if (STRONG_WORDS.has(p) || WEAK_WORDS.has(p)) return -EXTRACT.classBonus;
    }
  }
  return weight;
}
