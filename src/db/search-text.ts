/**
 * The one text form both sides of full-text search agree on. FTS5's unicode61 tokenizer folds case
 * (Cyrillic and Kazakh letters included) but keeps ё apart from е, splits words on soft hyphens and
 * zero-width characters, and sees a Kazakh word typed with a Latin "i" or "h" as a different word.
 * Indexed text and query words both go through foldForSearch, so any such variant matches the other.
 */

/** Characters that are invisible in print but split a word in the tokenizer. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Combining marks left after NFKC: stress accents (бо́льшая) and the like. Precomposed й stays whole. */
const COMBINING = /[\u0300-\u036F]/g;
const YO = /ё/g;

/** A word that mixes Cyrillic and Latin letters: almost always a Cyrillic word typed with Latin look-alikes. */
const WORD = /[\p{L}\p{M}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
/**
 * A Cyrillic letter touching a Latin one (marks between allowed), in explicit code point ranges:
 * \p{Script=…} classes cost ten times more to scan a whole article with.
 */
const MIXED =
  /[\u0400-\u052F][\u0300-\u036F]*[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]|[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][\u0300-\u036F]*[\u0400-\u052F]/;

/** Latin letters that stand in for Cyrillic ones (upper case first: Latin H is Н, Latin h is Kazakh һ). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', h: 'һ', i: 'і', k: 'к', o: 'о', p: 'р', x: 'х', y: 'у',
};

function cyrillicize(word: string): string {
  if (!CYRILLIC.test(word) || !LATIN.test(word)) return word;
  // Accented Latin vowels here are stress marks on a Cyrillic look-alike (á for а́).
  const bare = word.normalize('NFD').replace(COMBINING, '');
  let out = '';
  for (const ch of bare) out += LOOKALIKES[ch] ?? ch;
  return out;
}

/** Folds text for indexing and for query words: NFKC, look-alike letters, lower case, ё→е, no accents. */
export function foldForSearch(text: string): string {
  let s = text.normalize('NFKC').replace(INVISIBLE, '');
  if (MIXED.test(s)) s = s.replace(WORD, cyrillicize);
  return s.toLowerCase().replace(YO, 'е').replace(COMBINING, '');
}

/** The words of a query as the tokenizer will see them (letters and digits; everything else separates). */
const TOKEN = /[\p{L}\p{N}]+/gu;

/** Upper bound on query terms: a pasted paragraph should not become a thousand-term AND. */
export const MAX_QUERY_TERMS = 32;

/**
 * Turns free user words into a safe FTS5 MATCH expression: every word is a quoted string, joined by
 * AND. Quotes, `-`, `*`, `:`, parentheses and words like NEAR or OR are never syntax. Null when the
 * input holds no word at all.
 */
export function toMatchExpression(words: string): string | null {
  const terms = [...new Set(foldForSearch(words).match(TOKEN) ?? [])].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"`).join(' ');
}
