/** Text normalization shared by every extraction step: one definition of "the same paragraph". */

/** Zero-width characters and soft hyphens CMSes leave inside words. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/**
 * What cleanText turns into one space: a run of whitespace of any kind (\s holds the non-breaking and other
 * Unicode spaces) but a lone plain space, which is one already: matching every gap between words too made
 * the replace take 7.5 instead of 4.2 ns per character of paragraph text.
 */
const SPACES = /\s{2,}|[^\S ]/g;

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

/** comparisonKey by regexes: the definition, and the way for texts holding a SPECIAL code unit. */
function regexKey(text: string): string {
  return (COMBINING.test(text) ? text.normalize('NFC') : text)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(NOT_WORD, '');
}

/** Marks in the key table: the unit is removed (NOT_WORD after lower-casing), its lower case is no single unit of its own, or its block is not filled in yet. */
const DROPPED = -1;
const SPECIAL = -2;
const UNFILLED = -3;

/**
 * regexKey one UTF-16 code unit at a time: what becomes of each (its lower case, ё as е), DROPPED, or SPECIAL
 * for İ (lower-cased to i and a combining dot) and Σ (σ or ς by what follows). Surrogates are dropped either
 * way: NOT_WORD holds them. Filled in 256 units at a time as texts need them: lower-casing all 65,536 at once
 * took 25 ms, most of it in blocks news text never uses.
 */
const keys = new Int32Array(0x10000).fill(UNFILLED);
const DROPPED_RUN = new RegExp(NOT_WORD.source, 'g');

/** Fills in the block of unit `c` and returns the unit's entry. */
function fillKeys(c: number): number {
  const start = c & 0xff00;
  const units = Array.from({ length: 256 }, (_, i) => start + i);
  let lower = String.fromCharCode(...units).toLowerCase();
  // A unit that lower-cases to more than one (İ) shifts the rest: that block goes a unit at a time.
  const alone = lower.length === 256 ? [] : units.map((u) => String.fromCharCode(u).toLowerCase());
  if (alone.length > 0) lower = alone.map((l) => l.charAt(0)).join('');
  for (let i = 0; i < 256; i++) keys[start + i] = lower.charCodeAt(i) === 0x0451 ? 0x0435 : lower.charCodeAt(i);
  for (let m = DROPPED_RUN.exec(lower); m; m = DROPPED_RUN.exec(lower)) keys.fill(DROPPED, start + m.index, start + m.index + m[0].length);
  alone.forEach((l, i) => {
    if (l.length !== 1) keys[start + i] = SPECIAL;
  });
  if (start === 0x0300) keys[0x03a3] = SPECIAL;
  return keys[c] as number;
}

/** Room for the code units of a key, grown as needed (the key is decoded from it before anything else runs). */
let keyUnits = new Uint16Array(4096);
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * The comparison key of a paragraph: lower case letters and digits only (ё as е), so two copies that differ
 * in punctuation, quotes, case or whitespace compare equal. One pass over the key table: lower-casing and two
 * regex replaces over Cyrillic text cost twice as much, and every paragraph of every page gets a key.
 */
export function comparisonKey(text: string): string {
  const t = COMBINING.test(text) ? text.normalize('NFC') : text;
  if (keyUnits.length < t.length) keyUnits = new Uint16Array(t.length * 2);
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    let k = keys[c] as number;
    if (k === UNFILLED) k = fillKeys(c);
    if (k >= 0) keyUnits[n++] = k;
    else if (k === SPECIAL) return regexKey(text);
  }
  return utf16.decode(keyUnits.subarray(0, n));
}

/** words(text).length without building the words. */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let k = keys[c] as number;
    if (k === UNFILLED) k = fillKeys(c);
    if (k === SPECIAL) return words(text).length;
    if (k !== DROPPED && !inWord) n++;
    inWord = k !== DROPPED;
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
