/**
 * Level 1 of dedup, inside one article: one definition of "the same paragraph" (the comparison key and
 * its hash), and cleanDraft, which leaves each paragraph once and drops page furniture a scraper picks up
 * with the text (decoration lines, counters, header dates, credits, tag lines, comment widgets, "most
 * read" lists). Pure: the same draft always gives the same clean draft.
 */
import { createHash } from 'node:crypto';
import type { ArticleDraft } from '../scrapers/types.js';
import { DEDUP } from '../settings.js';
import { cutTrailingListing, isBareDomain, isCounterLine, isDateLine, isEndHeading, isTagLine, cutGluedWidget } from './dedup/lines.js';

/** Zero-width characters and soft hyphens CMSes leave inside words. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
const QUOTES = /[«»„“”‟"'‘’‚‛`´′″‹›]/g;
const DASHES = /[‐‑‒–—―−⸺⸻﹘﹣－]/g;
const SPACE_BEFORE_PUNCT = / ([.,;:!?%)])/g;
const SPACE_AFTER_OPEN = /([(]) /g;
const TRAILING_PUNCT = /[\s.,;:!?…]+$/;
const LETTER = /\p{L}/u;

/** Display form of a paragraph: NFC, invisible characters removed, whitespace collapsed and trimmed. */
export function displayText(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPACES, ' ').trim().normalize('NFC');
}

/**
 * The comparison key of a paragraph: NFKC, lower case, ё as е, one kind of quote and dash, single spaces,
 * no trailing punctuation. "…нашей Организации." and "…нашей Организации" share one key.
 */
export function normalizeParagraph(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(QUOTES, '"')
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .replace(SPACE_BEFORE_PUNCT, '$1')
    .replace(SPACE_AFTER_OPEN, '$1')
    .replace(TRAILING_PUNCT, '')
    .trim();
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Hash of the comparison key: the paragraphs table's identity of a paragraph. */
export function paragraphHash(text: string): string {
  return sha256(normalizeParagraph(text));
}

/** Hash of an article's paragraphs in order, by their keys: equal for verbatim copies and unchanged revisions. */
export function contentHash(paragraphs: readonly string[]): string {
  return contentHashOfKeys(paragraphKeys(paragraphs));
}

const contentHashOfKeys = (keys: readonly string[]): string => sha256(keys.join('\n'));

/**
 * The keys cleanDraft computed for the paragraphs it returned, by that array. Normalizing is the costly
 * part of level 1, and storing needs the same keys again for its hashes. Each entry keeps the texts it was
 * computed for and is used only while every paragraph is still that same string, so it cannot go stale.
 */
const cleanedKeys = new WeakMap<readonly string[], { texts: readonly string[]; keys: readonly string[] }>();

/** The comparison keys of paragraphs: those cleanDraft already computed when it produced them, else computed now. */
export function paragraphKeys(paragraphs: readonly string[]): readonly string[] {
  const known = cleanedKeys.get(paragraphs);
  if (known && known.texts.length === paragraphs.length && known.texts.every((text, i) => text === paragraphs[i])) return known.keys;
  return paragraphs.map(normalizeParagraph);
}

/** What storing needs beside the paragraphs: each one's hash, and the content hash. */
export function paragraphHashes(paragraphs: readonly string[]): { paragraphHashes: string[]; contentHash: string } {
  const keys = paragraphKeys(paragraphs);
  return { paragraphHashes: keys.map(sha256), contentHash: contentHashOfKeys(keys) };
}

const isDecorationText = (text: string): boolean => !LETTER.test(text) && text.length <= DEDUP.decorationMaxChars;

/** A lone decoration line: no letters at all (an emoji, a dash, a bare number or date), and short. */
export function isDecoration(line: string): boolean {
  return isDecorationText(displayText(line));
}

/** Furniture a line (already in display form) can be on its own, whatever surrounds it. */
const isFurniture = (line: string): boolean =>
  isDecorationText(line) || isCounterLine(line) || isDateLine(line) || isBareDomain(line);

/** normalizeParagraph remembered for one draft's lines, which several steps of cleaning compare by key. */
function keyCache(): (text: string) => string {
  const keys = new Map<string, string>();
  return (text) => {
    let key = keys.get(text);
    if (key === undefined) {
      key = normalizeParagraph(text);
      keys.set(text, key);
    }
    return key;
  };
}

const ELLIPSIS_END = /(?:\.\.\.|…)$/;

/**
 * Paragraphs each once: a repeat (same key) keeps the first position and the fuller text (the copy with
 * its full stop); a paragraph equal to the title or the lead goes; a teaser cut with "..." goes when the
 * paragraph it was cut from is there.
 */
function uniqueParagraphs(lines: readonly string[], taken: ReadonlySet<string>, keyOf: (text: string) => string): { key: string; text: string }[] {
  const slots: { key: string; text: string }[] = [];
  const byKey = new Map<string, number>();
  for (const text of lines) {
    const key = keyOf(text);
    if (key === '' || taken.has(key)) continue;
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, slots.length);
      slots.push({ key, text });
    } else if (text.length > (slots[at] as { text: string }).text.length) {
      (slots[at] as { text: string }).text = text;
    }
  }
  const cutFrom = (slot: { key: string; text: string }): boolean =>
    ELLIPSIS_END.test(slot.text) &&
    slot.key.length >= DEDUP.teaserMinChars &&
    slots.some((other) => other !== slot && other.key.length > slot.key.length && other.key.startsWith(slot.key));
  return slots.filter((slot) => !cutFrom(slot));
}

/** Lines up to (not including) the first heading of an end-of-article block ("Другие новости"). */
function cutAtEndHeading(lines: readonly string[], keyOf: (text: string) => string): string[] {
  const at = lines.findIndex((line, i) => i > 0 && isEndHeading(keyOf(line)));
  return at < 0 ? [...lines] : lines.slice(0, at);
}

function uniqueTags(tags: readonly string[], keyOf: (text: string) => string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags.map(displayText)) {
    const key = keyOf(tag);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/**
 * Level 1 cleaning of an extracted draft. The result's paragraphs are what gets stored (and hashed);
 * everything dropped here is furniture or a repeat, never article text of its own.
 */
export function cleanDraft(draft: ArticleDraft): ArticleDraft {
  const keyOf = keyCache();
  const title = displayText(draft.title);
  const titleKey = normalizeParagraph(title);
  const leadText = draft.lead === null ? '' : displayText(draft.lead);
  const lead = leadText === '' || normalizeParagraph(leadText) === titleKey ? null : leadText;
  const tags = uniqueTags(draft.tags, keyOf);
  const displayed = draft.paragraphs.map((p) => cutGluedWidget(displayText(p))).filter((p) => p !== '');
  const tagKeys = tags.map(keyOf);
  // Lines are in display form here: displayText again would change nothing.
  const lines = cutTrailingListing(cutAtEndHeading(displayed, keyOf), isDecorationText)
    .filter((line) => !isFurniture(line))
    .filter((line, i, all) => !isTagLine(line, keyOf(line), tagKeys, i === all.length - 1));
  const taken = new Set([titleKey, lead === null ? '' : normalizeParagraph(lead)]);
  const slots = uniqueParagraphs(lines, taken, keyOf);
  const paragraphs = slots.map((slot) => slot.text);
  cleanedKeys.set(paragraphs, { texts: [...paragraphs], keys: slots.map((slot) => slot.key) });
  return { ...draft, title, lead, tags, paragraphs };
}
