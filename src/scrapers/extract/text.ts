/** Text normalization shared by every extraction step: one definition of "the same paragraph". */

/** Zero-width characters and soft hyphens CMSes leave inside words. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** Every kind of horizontal and vertical whitespace, non-breaking spaces included. */
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;

/** Combining marks: only text holding one can change under NFC (decomposed й, ё, accents). */
const COMBINING = /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u20d0-\u20ff]/;

/** NFC, invisible characters removed, whitespace collapsed and trimmed. */
export function cleanText(text: string): string {
  const t = text.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
  return COMBINING.test(t) ? t.normalize('NFC') : t;
}

/**
 * Everything but letters and digits: ASCII punctuation, Latin-1 signs, general punctuation, symbols,
 * emoji (surrogates) and variation selectors. A plain character class: \p{…} classes cost several times more.
 */
const NOT_WORD = /[\s!-/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u02b0-\u036f\u2000-\u2bff\u2e00-\u2e7f\u3000-\u303f\ud800-\udfff\ufe00-\ufe0f\ufeff]+/g;

/**
 * The comparison key of a paragraph: lower case letters and digits only (ё as е), so two copies that differ
 * in punctuation, quotes, case or whitespace compare equal.
 */
export function comparisonKey(text: string): string {
  return (COMBINING.test(text) ? text.normalize('NFC') : text)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(NOT_WORD, '');
}

/** NOT_WORD by UTF-16 code unit (it has no u flag: it matches code units), built on first use (8 ms). */
let separators: Uint8Array | null = null;

function separatorTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const one = new RegExp(`^${NOT_WORD.source.slice(0, -1)}$`);
  for (let c = 0; c < 0x10000; c++) if (one.test(String.fromCharCode(c))) table[c] = 1;
  return table;
}

/** words(text).length without building the words (lower-cased first, as words does: İ lower-cases to i and a combining dot). */
export function wordCount(text: string): number {
  const table = (separators ??= separatorTable());
  const t = text.toLowerCase();
  let n = 0;
  let inWord = false;
  for (let i = 0; i < t.length; i++) {
    const separator = table[t.charCodeAt(i)] === 1;
    if (!separator && !inWord) n++;
    inWord = !separator;
  }
  return n;
}

/** Words of a text (letters and digits), lower case, for overlap measures. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(NOT_WORD)
    .filter((w) => w !== '');
}

/** Paragraphs without repeats: the first copy of each comparison key is kept. */
export function uniqueParagraphs(paragraphs: readonly string[], seen: Set<string> = new Set()): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    const key = comparisonKey(p);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
