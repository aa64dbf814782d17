/**
 * JSON-LD as CMSes really emit it: @graph arrays, nested mainEntity, several scripts per page, and broken
 * JSON (trailing commas, raw newlines inside strings, HTML comments around it) read anyway.
 */
import { isSamePage } from '../fetch/url.js';

/** The article fields kznews reads from JSON-LD, already reduced to plain values. */
export interface ArticleLd {
  type: string;
  headline: string | null;
  description: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: string[];
  keywords: string[];
  section: string | null;
  inLanguage: string | null;
  images: string[];
  articleBody: string | null;
  url: string | null;
  publisher: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPES = new Set([
  'newsarticle', 'article', 'reportagenewsarticle', 'blogposting', 'analysisnewsarticle', 'opinionnewsarticle',
  'reviewnewsarticle', 'backgroundnewsarticle', 'liveblogposting', 'techarticle', 'report', 'socialmediaposting',
  'askpublicnewsarticle', 'satiricalarticle', 'scholarlyarticle', 'posting',
]);
const PAGE_TYPES = new Set(['webpage', 'itempage', 'mediaobject']);
const MAX_DEPTH = 6;

/** A string literal to its closing quote, or a comma that only whitespace keeps from a closing bracket. */
const STRING_OR_TRAILING_COMMA = /"(?:[^"\\]|\\[\s\S])*"|,(?=[\x00-\x20]*[}\]])/g;
/** Inside a string literal: an escape sequence (left as it is) or a raw control character. */
const ESCAPE_OR_CONTROL = /\\[\s\S]|[\x00-\x1f]/g;

const escapeControl = (c: string): string => (c.length === 2 ? c : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : ' ');

/**
 * Control characters inside strings escaped, trailing commas dropped: what most broken JSON-LD needs. Two
 * regexes scan a 5 KB script in a third of the time a character loop took (an unterminated string, which
 * they leave unrepaired, fails to parse whatever is done to the rest).
 */
function repairJson(text: string): string {
  return text.replace(STRING_OR_TRAILING_COMMA, (m) => (m === ',' ? '' : m.replace(ESCAPE_OR_CONTROL, escapeControl)));
}

/** Parses one <script type="application/ld+json"> body, repairing it if needed; undefined when hopeless. */
export function parseJsonLoose(raw: string): Json | undefined {
  let text = raw.trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    // The wrappers are looked for only where they can be: the CDATA pattern scans the whole script otherwise.
    if (text.startsWith('<!--') || text.endsWith('-->')) text = text.replace(/^<!--|-->$/g, '');
    if (text.includes('<![CDATA[') || text.includes(']]>')) text = text.replace(/^\s*(\/\/)?\s*<!\[CDATA\[|(\/\/)?\s*\]\]>\s*$/g, '');
    text = text.trim().replace(/;$/, '');
    const repaired = repairJson(text);
    for (const candidate of [repaired, `[${repaired.replace(/}\s*{/g, '},{')}]`]) {
      try {
        return JSON.parse(candidate) as Json;
      } catch {
        // try the next repair
      }
    }
    return undefined;
  }
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function typesOf(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().replace(/^.*[/:]/, ''));
}

/** Every object in a JSON-LD value (arrays, @graph, nested properties), breadth first. */
function objectsIn(value: Json, depth = 0): JsonObject[] {
  if (depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((v) => objectsIn(v, depth + 1));
  if (!isObject(value)) return [];
  const nested: JsonObject[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === '@graph' || key === 'mainEntity' || key === 'mainEntityOfPage' || key === 'itemListElement' || key === 'item') {
      nested.push(...objectsIn(v, depth + 1));
    }
  }
  return [value, ...nested];
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (isObject(v)) return str(v['@value'] ?? v.name ?? v['@id'] ?? v.url);
  return null;
}

function names(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'string') return v.trim() === '' ? [] : [v.trim()];
  if (isObject(v)) {
    const name = str(v.name) ?? str(v.alternateName);
    return name ? [name] : [];
  }
  return [];
}

function keywordList(v: Json | undefined): string[] {
  if (typeof v === 'string') return v.split(/[,;]/).map((k) => k.trim()).filter((k) => k !== '');
  if (Array.isArray(v)) return v.flatMap(keywordList);
  if (isObject(v)) return names(v);
  return [];
}

function imageList(v: Json | undefined): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(imageList);
  if (isObject(v)) {
    const id = str(v['@id']);
    // An @id is often a reference ("…#primaryimage"), an image only when it names a file.
    const u = str(v.url) ?? str(v.contentUrl) ?? (id && !id.includes('#') ? id : null);
    return u ? [u] : [];
  }
  return [];
}

function toArticle(node: JsonObject, type: string): ArticleLd {
  const language = node.inLanguage;
  return {
    type,
    headline: str(node.headline) ?? str(node.name) ?? str(node.alternativeHeadline),
    description: str(node.description),
    datePublished: str(node.datePublished) ?? str(node.dateCreated) ?? str(node.uploadDate),
    dateModified: str(node.dateModified),
    authors: names(node.author ?? node.creator),
    keywords: keywordList(node.keywords),
    section: str(node.articleSection),
    inLanguage: isObject(language) ? str(language.alternateName) ?? str(language.name) : str(language),
    images: imageList(node.image ?? node.thumbnailUrl),
    articleBody: str(node.articleBody) ?? str(node.text),
    url: str(node.url) ?? str(node.mainEntityOfPage),
    publisher: isObject(node.publisher) ? str(node.publisher.name) : str(node.publisher),
  };
}

/**
 * The page's article from its JSON-LD scripts: the article-typed node whose URL is the page's (else the
 * first one), with fields it lacks taken from a WebPage node that carries article data.
 */
export function articleFromJsonLd(scripts: readonly string[], pageUrl: string): ArticleLd | null {
  const articles: ArticleLd[] = [];
  const pages: ArticleLd[] = [];
  for (const raw of scripts) {
    const parsed = parseJsonLoose(raw);
    if (parsed === undefined) continue;
    for (const node of objectsIn(parsed)) {
      const types = typesOf(node);
      const articleType = types.find((t) => ARTICLE_TYPES.has(t));
      if (articleType) articles.push(toArticle(node, articleType));
      else if (types.some((t) => PAGE_TYPES.has(t))) {
        const page = toArticle(node, types[0] ?? 'webpage');
        if (page.headline || page.datePublished || page.articleBody) pages.push(page);
      }
    }
  }
  // Several articles and none of them this page: a listing's ItemList, not this page's article.
  const main = articles.find((a) => a.url !== null && isSamePage(a.url, pageUrl)) ?? (articles.length === 1 ? articles[0] : null) ?? null;
  const page = pages[0] ?? null;
  if (!main) return page && (page.articleBody || page.datePublished) ? page : null;
  if (!page) return main;
  return {
    ...main,
    headline: main.headline ?? page.headline,
    description: main.description ?? page.description,
    datePublished: main.datePublished ?? page.datePublished,
    dateModified: main.dateModified ?? page.dateModified,
    authors: main.authors.length ? main.authors : page.authors,
    keywords: main.keywords.length ? main.keywords : page.keywords,
    inLanguage: main.inLanguage ?? page.inLanguage,
    images: main.images.length ? main.images : page.images,
    publisher: main.publisher ?? page.publisher,
  };
}
