/**
 * The one text form both sides of full-text search agree on. Indexed text and query words both go
 * through searchText, so any variant of a word matches the other: case (Cyrillic and Kazakh letters
 * included), ё and е, soft hyphens and zero-width characters inside a word, a Kazakh word typed with a
 * Latin "i" or "h", stress accents, Latin diacritics (é is e).
 *
 * searchText also does the tokenizer's work: words are runs of letters and digits, and everything else
 * between them becomes a space or stays ASCII punctuation, so the index can use FTS5's ascii tokenizer,
 * which only splits on ASCII punctuation and spaces. The words are the ones FTS5's unicode61 tokenizer
 * (remove_diacritics 2, drizzle/0002–0007) found in the folded text (tests/db/search-text.test.ts compares
 * them over Latin, Greek, Cyrillic and punctuation), but unicode61 looked up the category and case of
 * every non-ASCII character in its tables: inserting a bench/ingest article's FTS row took 163 µs with it,
 * 84 µs with ascii (thread CPU, 10,000 articles in transactions of 250). Only characters newer than
 * unicode61's tables differ: it took ₽ or a bidi isolate for a letter, gluing "100₽" into one word.
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
/** Runs of Latin letters, in explicit code point ranges: \p{Script=…} classes cost ten times more to scan with. */
const LATIN_RUN = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+/g;
const isCyrillic = (code: number): boolean => code >= 0x400 && code <= 0x52f;
const isCombining = (code: number): boolean => code >= 0x300 && code <= 0x36f;

/**
 * Whether a Cyrillic letter touches a Latin one (combining marks between allowed). Latin letters are
 * few in this text, so looking around each run of them beats a regular expression trying both orders
 * at every character (4 vs 20 µs for a 2,300-character article).
 */
function mixesScripts(s: string): boolean {
  for (const m of s.matchAll(LATIN_RUN)) {
    let before = m.index - 1;
    while (before >= 0 && isCombining(s.charCodeAt(before))) before -= 1;
    if (before >= 0 && isCyrillic(s.charCodeAt(before))) return true;
    let after = m.index + m[0].length;
    while (after < s.length && isCombining(s.charCodeAt(after))) after += 1;
    if (after < s.length && isCyrillic(s.charCodeAt(after))) return true;
  }
  return false;
}

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
  if (mixesScripts(s)) s = s.replace(WORD, cyrillicize);
  return s.toLowerCase().replace(YO, 'е').replace(COMBINING, '');
}

/**
 * Lower-case Latin letters whose diacritics FTS5's unicode61 tokenizer (remove_diacritics 2) takes off,
 * by the letter it leaves: read from that tokenizer over U+00C0–024F and U+1E00–1EFF (tests/db/search-text
 * checks the table against it). Letters such as ø, đ, ł, ǣ keep their form there and here.
 */
const BARE_LATIN: Readonly<Record<string, string>> = {
  a: 'àáâãäåāăąǎǟǻȁȃȧḁạảấầẩẫậắằẳẵặ',
  b: 'ḃḅḇ',
  c: 'çćĉċčḉ',
  d: 'ďḋḍḏḑḓ',
  e: 'èéêëēĕėęěȅȇȩḕḗḙḛḝẹẻẽếềểễệ',
  f: 'ḟ',
  g: 'ĝğġģǧǵḡ',
  h: 'ĥȟḣḥḧḩḫẖ',
  i: 'ìíîïĩīĭįǐȉȋḭḯỉị',
  j: 'ĵǰ',
  k: 'ķǩḱḳḵ',
  l: 'ĺļľḷḹḻḽ',
  m: 'ḿṁṃ',
  n: 'ñńņňǹṅṇṉṋ',
  o: 'òóôõöōŏőơǒǫǭȍȏȫȭȯȱṍṏṑṓọỏốồổỗộớờởỡợ',
  p: 'ṕṗ',
  r: 'ŕŗřȑȓṙṛṝṟ',
  s: 'śŝşšſșṡṣṥṧṩẛ',
  t: 'ţťțṫṭṯṱẗ',
  u: 'ùúûüũūŭůűųưǔǖǘǚǜȕȗṳṵṷṹṻụủứừửữự',
  v: 'ṽṿ',
  w: 'ŵẁẃẅẇẉẘ',
  x: 'ẋẍ',
  y: 'ýÿŷȳẏẙỳỵỷỹ',
  z: 'źżžẑẓẕ',
};
const BARE = new Map(Object.entries(BARE_LATIN).flatMap(([bare, marked]) => [...marked].map((ch) => [ch, bare] as const)));
const MARKED_LATIN = /[\u00C0-\u024F\u1E00-\u1EFF]/g;
const bareLatin = (ch: string): string => BARE.get(ch) ?? ch;
/** Greek final and lunate sigma, which unicode61 also read as σ. */
const SIGMA = /[ςϲ]/g;

/** Between words: neither a letter, a digit nor a private-use character (unicode61's word characters). */
const SEPARATOR = /[^\p{L}\p{N}\p{Co}]+/gu;
/** The punctuation of Russian and Kazakh text beyond ASCII (« », dashes, curly quotes, ‰ ′ ‹ ›…). */
const PUNCTUATION = /[«»\u2010-\u2027\u2030-\u205E]+/g;
/**
 * Runs of any other characters beyond ASCII and the Cyrillic letters (é, ς, ★…), which ask for the
 * passes in plain(). A \p{…} class costs ~70 µs to scan a 2,300-character article with, these ~4 each.
 */
const BEYOND = /[^\u0000-\u007F\u0400-\u0481\u048A-\u04FF]+/g;
const plain = (run: string): string => run.replace(MARKED_LATIN, bareLatin).replace(SIGMA, 'σ').replace(SEPARATOR, ' ');

/** foldForSearch, then words apart as the ascii tokenizer sees them: what the FTS index holds. */
export function searchText(text: string): string {
  return foldForSearch(text).replace(PUNCTUATION, ' ').replace(BEYOND, plain);
}

/** A word as the ascii tokenizer sees it: ASCII letters and digits, and any character beyond ASCII. */
const TOKEN = /[0-9A-Za-z\u0080-\uFFFF]+/g;

/** Upper bound on query terms: a pasted paragraph should not become a thousand-term AND. */
export const MAX_QUERY_TERMS = 32;

/**
 * Turns free user words into a safe FTS5 MATCH expression: every word is a quoted string, joined by
 * AND. Quotes, `-`, `*`, `:`, parentheses and words like NEAR or OR are never syntax. Null when the
 * input holds no word at all.
 */
export function toMatchExpression(words: string): string | null {
  const terms = [...new Set(searchText(words).match(TOKEN) ?? [])].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"`).join(' ');
}
