/**
 * Article extraction: one parse per page, then a fallback chain for every field (site selectors, JSON-LD,
 * OpenGraph/meta, the DOM and the generic extractor). A page that holds no article gives a clean discard
 * with its reason, never a throw.
 */
import type { Element } from 'domhandler';
import { EXTRACT } from '../../settings.js';
import { pickCanonical } from '../fetch/url.js';
import type { ArticleDraft, ExtractContext, ExtractResult, Page, Selectors } from '../types.js';
import { selectorBody } from './body.js';
import { parseHtml, readBlocks, textOf, type Doc } from './dom.js';
import { analyzeMainText, type MainTextAnalysis } from './generic.js';
import { detectLanguage } from './language.js';
import { metaValue, pickAuthor, pickImages, pickTags, readPageMeta, stripSiteName, type PageMeta } from './metadata.js';
import { articleArea, pickModified, pickPublished } from './published.js';
import { cleanText, comparisonKey, wordCount, words } from './text.js';

export { parseDate, localToUtc, type LocalDateParts, type ParseDateOptions } from './dates.js';
export { detectLanguage, type LanguageHints } from './language.js';
export { extractMainText, type GenericOptions, type MainText } from './generic.js';

const discard = (reason: string): ExtractResult => ({ ok: false, reason });

function selectedText(doc: Doc, selector: string | undefined): string | null {
  if (!selector) return null;
  const el = doc.select(selector)[0];
  const text = el ? textOf(el) : '';
  return text === '' ? null : text;
}

/** Title: selector, JSON-LD headline, og:title, the page's h1, <title>; site names cut off the last two. */
function pickTitle(doc: Doc, page: PageMeta, selectors: Selectors, h1: () => string | null): string | null {
  const candidates: Array<() => string | null> = [
    () => selectedText(doc, selectors.title),
    () => page.ld?.headline ?? null,
    () => {
      const og = metaValue(page, 'og:title', 'twitter:title');
      return og ? stripSiteName(og, page) : null;
    },
    h1,
    () => (page.documentTitle ? stripSiteName(page.documentTitle, page) : null),
  ];
  for (const candidate of candidates) {
    const c = candidate();
    const t = c ? cleanText(c) : '';
    if (t !== '') return t;
  }
  return null;
}

/** Paragraphs of a JSON-LD articleBody (plain text with line breaks, or HTML some CMSes put there). */
function articleBodyParagraphs(body: string): string[] {
  if (/<\/?(p|br|div)\b/i.test(body)) {
    return readBlocks([parseHtml(body).body]).map((b) => b.text);
  }
  return body
    .split(/\r?\n/)
    .map(cleanText)
    .filter((p) => p !== '');
}

const totalWords = (paragraphs: readonly string[]): number => paragraphs.reduce((n, p) => n + wordCount(p), 0);

/** Whether the paragraphs hold at least `limit` words, counting only as far as needed. */
function holdsWords(paragraphs: readonly string[], limit: number): boolean {
  let n = 0;
  for (const p of paragraphs) if ((n += wordCount(p)) >= limit) return true;
  return n >= limit;
}

/**
 * The description is a lead when it is its own text: not the start of the body (a truncated first
 * paragraph), not a site-wide slogan (it shares words with the article).
 */
function pickLead(doc: Doc, page: PageMeta, selectors: Selectors, title: string, titleKey: string, body: readonly string[], datelines: boolean): string | null {
  const selected = selectedText(doc, selectors.lead);
  if (selected) return selected;
  const description = page.ld?.description ?? metaValue(page, 'og:description', 'description', 'twitter:description');
  if (!description) return null;
  const lead = cleanText(description);
  const key = comparisonKey(lead);
  if (lead.length < EXTRACT.leadMinChars || key === titleKey) return null;
  // A site-wide slogan: the site's name, or a part of the <title> that is not the headline.
  if (key === comparisonKey(page.siteName ?? '') || (page.documentTitle && comparisonKey(page.documentTitle).includes(key) && !titleKey.includes(key))) return null;
  const opening = body.slice(0, EXTRACT.leadCompareParagraphs);
  // The generic body may say it after a dateline ("АСТАНА, 28 авг – Sputnik. …"); a site adapter decides that for its own pages.
  const at = comparisonKey(opening.join(' ')).indexOf(key.slice(0, EXTRACT.leadPrefixCompareChars));
  if (at === 0 || (datelines && at > 0 && at <= EXTRACT.leadDatelineMaxChars)) return null;
  const articleWords = new Set(words(`${title} ${opening.join(' ')}`));
  const leadWords = words(lead).filter((w) => w.length >= EXTRACT.leadWordMinLetters);
  if (leadWords.length === 0) return null;
  const shared = leadWords.filter((w) => articleWords.has(w)).length / leadWords.length;
  return shared >= EXTRACT.leadMinSharedWords ? lead : null;
}

/** Title and paragraphs joined by line breaks, as far as detectLanguage reads (its first languageSampleChars). */
function languageSample(title: string, paragraphs: readonly string[]): string {
  let text = title;
  for (const p of paragraphs) {
    if (text.length >= EXTRACT.languageSampleChars) break;
    text += `\n${p}`;
  }
  return text;
}

function looksLikeScriptShell(doc: Doc, html: string): boolean {
  return /<script/i.test(html) && textOf(doc.body).length < EXTRACT.shellMaxChars;
}

interface Body {
  paragraphs: string[];
  containers: Element[];
}

function pickBody(doc: Doc, page: PageMeta, selectors: Selectors, generic: () => MainTextAnalysis): Body {
  const selected = selectorBody(doc, selectors);
  let dom: Body =
    selected && selected.paragraphs.length > 0
      ? { paragraphs: selected.paragraphs, containers: selected.elements }
      : { paragraphs: generic().paragraphs, containers: generic().containers };
  const ldBody = page.ld?.articleBody ? articleBodyParagraphs(page.ld.articleBody) : [];
  // JSON-LD articleBody wins only when the DOM has clearly less (a JS shell, a teaser page); zakon.kz puts just the lead there.
  if (ldBody.length > 0 && !holdsWords(dom.paragraphs, totalWords(ldBody) * EXTRACT.articleBodyDomShare)) {
    dom = { paragraphs: ldBody, containers: dom.containers };
  }
  return dom;
}

export interface ExtractOptions {
  /** A site's edit of the parsed page before anything is read from it (lada.kz drops the articles appended below its own). */
  prune?: (doc: Doc, pageUrl: string) => void;
}

export function extractArticle(page: Page, ctx: ExtractContext, selectors: Selectors = {}, options: ExtractOptions = {}): ExtractResult {
  if (page.status >= 400) return discard(`HTTP status ${page.status}`);
  if (page.html.trim() === '') return discard('empty page');
  const doc = parseHtml(page.html);
  options.prune?.(doc, page.url);
  const meta = readPageMeta(doc, page.url);
  // Run only when the page needs it (no site body selector, or it matched nothing); the assertion keeps
  // TypeScript from narrowing to null, since the closure below assigns it.
  let analysis = null as MainTextAnalysis | null;
  const declaredArticle = meta.ld !== null || metaValue(meta, 'og:type')?.toLowerCase() === 'article';
  const generic = (): MainTextAnalysis => (analysis ??= analyzeMainText(doc, { url: page.url, declaredArticle }));

  const body = pickBody(doc, meta, selectors, generic);
  const h1 = (): string | null => {
    if (analysis) return analysis.titleGuess;
    const el = doc.select('h1')[0];
    return el ? textOf(el) || null : null;
  };
  const title = pickTitle(doc, meta, selectors, h1);
  if (!title) return discard('no title');

  const titleKey = comparisonKey(title);
  const lead = pickLead(doc, meta, selectors, title, titleKey, body.paragraphs, analysis !== null);
  const leadKey = lead ? comparisonKey(lead) : null;
  const seen = new Set<string>([titleKey]);
  const paragraphs: string[] = [];
  for (const p of body.paragraphs) {
    const key = comparisonKey(p);
    if (key === '' || seen.has(key) || key === leadKey) continue;
    seen.add(key);
    paragraphs.push(p);
  }

  const chars = paragraphs.reduce((n, p) => n + p.length, 0);
  if (analysis && analysis.linkedHeadlines >= EXTRACT.listingMinHeadlines) {
    const headlines = analysis.linkedHeadlines;
    if (chars / headlines < EXTRACT.listingMaxCharsPerHeadline) return discard(`listing page: ${headlines} linked headlines`);
  }
  if (chars === 0) {
    return discard(looksLikeScriptShell(doc, page.html) ? 'body empty: probably rendered by JavaScript' : 'body empty');
  }
  if (chars < EXTRACT.minBodyChars) return discard(`body too short: ${chars} characters (minimum ${EXTRACT.minBodyChars})`);

  const body0 = body.containers[0] ?? null;
  const scope = analysis?.scope ?? doc.body;
  const titleEl = analysis ? analysis.titleElement : (doc.select(selectors.title ?? 'h1')[0] ?? null);
  const area = articleArea(titleEl, body0, scope);

  const draft: ArticleDraft = {
    url: pickCanonical(page.url, { relCanonical: meta.relCanonical, ogUrl: metaValue(meta, 'og:url') }),
    sourceId: ctx.sourceId,
    title,
    lead,
    paragraphs,
    publishedAt: pickPublished(doc, meta, selectors, { area, title: titleEl }, ctx),
    updatedAt: pickModified(doc, meta, selectors, ctx),
    author: pickAuthor(doc, meta, selectors, area),
    language: detectLanguage(languageSample(title, paragraphs), {
      jsonLdLanguage: meta.ld?.inLanguage ?? null,
      htmlLang: meta.htmlLang,
      ogLocale: metaValue(meta, 'og:locale'),
      fallback: ctx.language ?? null,
    }),
    tags: pickTags(doc, meta, selectors, scope),
    images: pickImages(meta, body.containers),
  };
  if (Object.keys(meta.alternates).length > 0) draft.alternates = meta.alternates;
  return { ok: true, draft };
}
