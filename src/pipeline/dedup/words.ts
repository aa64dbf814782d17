/**
 * Splitting text into lower-case words (ё as е) by one pass over its characters, for story terms and copy
 * shingles. The definitions are the regular expressions below over the lower-cased text; the pass gives
 * the same words without building the lower-cased copy or running the regular expression, which took
 * most of the time of both (bench/dedup.ts stream, ~2,100 characters per article: 64 µs for the terms'
 * toLowerCase and match). A text holding a character whose lower case depends on its neighbours or is
 * not one character, a combining character, or anything else the pass cannot judge alone, is split by
 * the definitions themselves.
 */

/** Letters only: story terms. */
const LETTERS = /\p{L}+/gu;
/** Letters and digits: copy shingles, over the text's NFKC form with the invisible characters dropped. */
const LETTERS_DIGITS = /[\p{L}\p{N}]+/gu;
/** The invisible characters normalizeParagraph drops (a soft hyphen inside a word must not split it). */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

const fold = (text: string): string => text.toLowerCase().replace(/ё/g, 'е');

/** The words of a text as story terms see them. */
export const letterWordsByPattern = (text: string): string[] => fold(text).match(LETTERS) ?? [];

/** The words of a text as copy shingles see them. */
export const shingleWordsByPattern = (text: string): string[] =>
  fold(text.normalize('NFKC').replace(INVISIBLE, '')).match(LETTERS_DIGITS) ?? [];

/*
 * What the pass knows of a UTF-16 code unit, computed the first time it is met: its folded lower case
 * (code << 3) with bit 0 set for a letter, bit 1 for a digit (of the lower-case form), bit 2 for an
 * invisible character, or UNKNOWN, or
 * COMPLEX for a unit the pass cannot take alone: a surrogate, a combining mark, a conjoining jamo, Σ
 * (final sigma), a unit whose lower case is longer than one unit or that NFKC changes.
 */
const UNKNOWN = -1;
const COMPLEX = -2;
const LETTER = 1;
const DIGIT = 2;
const INVISIBLE_UNIT = 4;
const SHIFT = 3;
const units = new Int32Array(0x10000).fill(UNKNOWN);
const IS_LETTER = /^\p{L}$/u;
const IS_DIGIT = /^\p{N}$/u;
const IS_MARK = /^\p{M}$/u;
const HOLDS_WORD_PART = /[\p{L}\p{N}\p{M}]/u;
const IS_INVISIBLE = /^[\u00ad\u200b-\u200d\u2060\ufeff]$/;

function classify(code: number): number {
  const isJamo = (code >= 0x1100 && code <= 0x11ff) || (code >= 0xa960 && code <= 0xa97f) || (code >= 0xd7b0 && code <= 0xd7ff);
  if ((code >= 0xd800 && code <= 0xdfff) || code === 0x03a3 || isJamo) return COMPLEX;
  const ch = String.fromCharCode(code);
  const lower = fold(ch);
  if (lower.length !== 1 || IS_MARK.test(ch)) return COMPLEX;
  const kinds = (IS_LETTER.test(lower) ? LETTER : 0) | (IS_DIGIT.test(lower) ? DIGIT : 0);
  // A unit NFKC rewrites (a no-break space, an ellipsis) is taken only when it separates words either way.
  if (ch.normalize('NFKC') !== ch && (kinds !== 0 || HOLDS_WORD_PART.test(ch.normalize('NFKC')))) return COMPLEX;
  return (lower.charCodeAt(0) << SHIFT) | kinds | (IS_INVISIBLE.test(ch) ? INVISIBLE_UNIT : 0);
}

/**
 * Appends the words of `text` to `out`: runs of units of class `kinds` (LETTER, or LETTER | DIGIT), with
 * the invisible characters skipped inside words when `skipInvisible`. False (and `out` as it was) when the
 * text holds a unit the pass cannot take.
 */
function scan(text: string, kinds: number, skipInvisible: boolean, out: string[]): boolean {
  const before = out.length;
  const n = text.length;
  let start = -1;
  let codes: number[] | null = null;
  for (let i = 0; i <= n; i++) {
    let info = 0;
    let code = 0;
    if (i < n) {
      code = text.charCodeAt(i);
      info = units[code] as number;
      if (info === UNKNOWN) info = units[code] = classify(code);
      if (info === COMPLEX) {
        out.length = before;
        return false;
      }
      if (skipInvisible && (info & INVISIBLE_UNIT) !== 0) {
        if (start >= 0) codes ??= Array.from(text.slice(start, i), (c) => (units[c.charCodeAt(0)] as number) >> SHIFT);
        continue;
      }
    }
    if ((info & kinds) !== 0) {
      const lower = info >> SHIFT;
      if (start < 0) {
        start = i;
        codes = null;
      }
      if (codes) codes.push(lower);
      else if (lower !== code) {
        codes = [];
        for (let j = start; j < i; j++) codes.push((units[text.charCodeAt(j)] as number) >> SHIFT);
        codes.push(lower);
      }
    } else if (start >= 0) {
      out.push(codes ? String.fromCharCode(...codes) : text.slice(start, i));
      start = -1;
      codes = null;
    }
  }
  return true;
}

/** The story words of a text: runs of letters of its lower-case form, ё as е. */
export function letterWords(text: string, out: string[] = []): string[] {
  if (!scan(text, LETTER, false, out)) for (const w of letterWordsByPattern(text)) out.push(w);
  return out;
}

/** The shingle words of a text: runs of letters and digits of its NFKC lower-case form, invisible characters dropped, ё as е. */
export function shingleWordsOf(text: string, out: string[] = []): string[] {
  if (!scan(text, LETTER | DIGIT, true, out)) for (const w of shingleWordsByPattern(text)) out.push(w);
  return out;
}
