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
  return sha256(paragraphs.map(normalizeParagraph).join('\n'));
}

/** A lone decoration line: no letters at all (an emoji, a dash, a bare number or date), and short. */
export function isDecoration(line: string): boolean {
  const text = displayText(line);
  return !LETTER.test(text) && text.length <= DEDUP.decorationMaxChars;
}

/** Furniture a line can be on its own, whatever surrounds it. */
const isFurniture = (line: string): boolean =>
  isDecoration(line) || isCounterLine(line) || isDateLine(line) || isBareDomain(line);

const ELLIPSIS_END = /(?:\.\.\.|…)$/;

/**
 * Paragraphs each once: a repeat (same key) keeps the first position and the fuller text (the copy with
 * its full stop); a paragraph equal to the title or the lead goes; a teaser cut with "..." goes when the
 * paragraph it was cut from is there.
 */
function uniqueParagraphs(lines: readonly string[], title: string, lead: string | null): string[] {
  const taken = new Set([normalizeParagraph(title), lead === null ? '' : normalizeParagraph(lead)]);
  const slots: { key: string; text: string }[] = [];
  const byKey = new Map<string, number>();
  for (const text of lines) {
    const key = normalizeParagraph(text);
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
  return slots.filter((slot) => !cutFrom(slot)).map((slot) => slot.text);
}

/** Lines up to (not including) the first heading of an end-of-article block ("Другие новости"). */
function cutAtEndHeading(lines: readonly string[]): string[] {
  const at = lines.findIndex((line, i) => i > 0 && isEndHeading(normalizeParagraph(line)));
  return at < 0 ? [...lines] : lines.slice(0, at);
}

function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags.map(displayText)) {
    const key = normalizeParagraph(tag);
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
  const title = displayText(draft.title);
  const leadText = draft.lead === null ? '' : displayText(draft.lead);
  const lead = leadText === '' || normalizeParagraph(leadText) === normalizeParagraph(title) ? null : leadText;
  const tags = uniqueTags(draft.tags);
  const displayed = draft.paragraphs.map((p) => cutGluedWidget(displayText(p))).filter((p) => p !== '');
  const tagKeys = tags.map(normalizeParagraph);
  const lines = cutTrailingListing(cutAtEndHeading(displayed), isDecoration)
    .filter((line) => !isFurniture(line))
    .filter((line, i, all) => !isTagLine(line, normalizeParagraph(line), tagKeys, i === all.length - 1));
  return { ...draft, title, lead, tags, paragraphs: uniqueParagraphs(lines, title, lead) };
}
