/**
 * Word stems for story similarity: the Russian Snowball stemmer (snowballstem.org/algorithms/russian),
 * and a Kazakh suffix stripper (Kazakh is agglutinative: a stem takes plural, possessive and case endings
 * in that order, so endings are peeled from the right while a stem of real size remains).
 * Input words are lower case; ё is read as е.
 */
import type { Lang } from '../scrapers/types.js';

/** Whether each letter а…я (by its code from а) is a Russian vowel: a table read is cheaper than a set of strings. */
const RU_A = 0x430;
const RU_VOWEL_CODES = Uint8Array.from({ length: 32 }, (_, i) => ('аеиоуыэюя'.includes(String.fromCharCode(RU_A + i)) ? 1 : 0));

interface SuffixGroup {
  suffixes: readonly string[];
  /** The suffix counts only after а or я (Snowball's "group 1"). */
  afterAYa?: boolean;
}

const PERFECTIVE_GERUND: SuffixGroup[] = [
  { suffixes: ['в', 'вши', 'вшись'], afterAYa: true },
  { suffixes: ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'] },
];
const ADJECTIVE: SuffixGroup[] = [
  {
    suffixes: [
      'ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'его', 'ого', 'ему',
      'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею',
    ],
  },
];
const PARTICIPLE: SuffixGroup[] = [
  { suffixes: ['ем', 'нн', 'вш', 'ющ', 'щ'], afterAYa: true },
  { suffixes: ['ивш', 'ывш', 'ующ'] },
];
const REFLEXIVE: SuffixGroup[] = [{ suffixes: ['ся', 'сь'] }];
const VERB: SuffixGroup[] = [
  { suffixes: ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'], afterAYa: true },
  {
    suffixes: [
      'ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ило', 'ыло',
      'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю',
    ],
  },
];
const NOUN: SuffixGroup[] = [
  {
    suffixes: [
      'а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й', 'иям', 'ям',
      'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я',
    ],
  },
];
const SUPERLATIVE = ['ейше', 'ейш'];
const DERIVATIONAL = ['ость', 'ост'];

interface Suffix {
  text: string;
  /** The suffix counts only after а or я. */
  afterAYa: boolean;
}

/**
 * A suffix table for `among`: the suffixes by their last letter, longest first. Testing the few that end
 * in the word's last letter cuts no substrings, where looking up every tail of the word did.
 */
type Among = Map<string, readonly Suffix[]>;

function among(groups: readonly SuffixGroup[]): Among {
  const table = new Map<string, Suffix[]>();
  for (const g of groups) {
    for (const text of g.suffixes) {
      const last = text[text.length - 1] as string;
      const list = table.get(last) ?? [];
      list.push({ text, afterAYa: g.afterAYa === true });
      table.set(last, list);
    }
  }
  for (const list of table.values()) list.sort((a, b) => b.text.length - a.text.length);
  return table;
}

/**
 * Snowball's `among`: the longest suffix of the table that lies inside the region starting at `limit`.
 * Returns the word without it, or null when none matches or the longest one's condition fails.
 */
function stripAmong(word: string, limit: number, table: Among): string | null {
  const candidates = table.get(word[word.length - 1] as string);
  if (candidates === undefined) return null;
  const room = word.length - limit;
  for (const { text, afterAYa } of candidates) {
    if (text.length > room || !word.endsWith(text)) continue;
    const cut = word.length - text.length;
    if (afterAYa) {
      const before = word[cut - 1];
      if (cut - 1 < limit || (before !== 'а' && before !== 'я')) return null;
    }
    return word.slice(0, cut);
  }
  return null;
}

const PERFECTIVE_GERUND_T = among(PERFECTIVE_GERUND);
const ADJECTIVE_T = among(ADJECTIVE);
const PARTICIPLE_T = among(PARTICIPLE);
const REFLEXIVE_T = among(REFLEXIVE);
const VERB_T = among(VERB);
const NOUN_T = among(NOUN);

/** RV (after the first vowel) and R2 starts, as Snowball's mark_regions. */
function russianRegions(word: string): { rv: number; r2: number } {
  const n = word.length;
  const isV = (i: number): boolean => {
    const c = word.charCodeAt(i) - RU_A;
    return c >= 0 && c < 32 && RU_VOWEL_CODES[c] === 1;
  };
  let i = 0;
  while (i < n && !isV(i)) i++;
  const rv = Math.min(n, i + 1);
  i = rv;
  while (i < n && isV(i)) i++;
  i++;
  while (i < n && !isV(i)) i++;
  i++;
  while (i < n && isV(i)) i++;
  const r2 = Math.min(n, i + 1);
  return { rv, r2 };
}

function russianStep1(word: string, rv: number): string {
  const gerund = stripAmong(word, rv, PERFECTIVE_GERUND_T);
  if (gerund !== null) return gerund;
  const base = stripAmong(word, rv, REFLEXIVE_T) ?? word;
  const adjective = stripAmong(base, rv, ADJECTIVE_T);
  if (adjective !== null) return stripAmong(adjective, rv, PARTICIPLE_T) ?? adjective;
  return stripAmong(base, rv, VERB_T) ?? stripAmong(base, rv, NOUN_T) ?? base;
}

function russianTidyUp(word: string, rv: number): string {
  const superlative = SUPERLATIVE.find((s) => word.endsWith(s) && word.length - s.length >= rv);
  if (superlative) {
    const w = word.slice(0, -superlative.length);
    return w.endsWith('нн') && w.length - 1 >= rv ? w.slice(0, -1) : w;
  }
  if (word.endsWith('нн') && word.length - 2 >= rv) return word.slice(0, -1);
  if (word.endsWith('ь') && word.length - 1 >= rv) return word.slice(0, -1);
  return word;
}

/** The Snowball stem of a Russian word. */
export function stemRussian(input: string): string {
  const word = input.toLowerCase().replace(/ё/g, 'е');
  const { rv, r2 } = russianRegions(word);
  let w = russianStep1(word, rv);
  if (w.endsWith('и') && w.length - 1 >= rv) w = w.slice(0, -1);
  const derivational = DERIVATIONAL.find((s) => w.endsWith(s) && w.length - s.length >= Math.max(r2, rv));
  if (derivational) w = w.slice(0, -derivational.length);
  return russianTidyUp(w, rv);
}

const KK_VOWELS = new Set('аәеиоөұүыіэюяу');

/**
 * Kazakh endings by slot, as they stack after a stem: plural, then possessive, then case. At most one of
 * each is peeled, case first (the outermost).
 */
const KK_CASE = [
  'ндағы', 'ндегі', 'дағы', 'дегі', 'тағы', 'тегі', 'нан', 'нен', 'дан', 'ден', 'тан', 'тен', 'нда', 'нде',
  'ның', 'нің', 'дың', 'дің', 'тың', 'тің', 'мен', 'бен', 'пен', 'да', 'де', 'та', 'те', 'ға', 'ге', 'қа', 'ке',
  'на', 'не', 'ны', 'ні', 'ды', 'ді', 'ты', 'ті', 'а', 'е', 'н',
];
const KK_POSSESSIVE = ['ымыз', 'іміз', 'ыңыз', 'іңіз', 'мыз', 'міз', 'ңыз', 'ңіз', 'сы', 'сі', 'ым', 'ім', 'ың', 'ің', 'ы', 'і', 'м', 'ң'];
const KK_PLURAL = ['лар', 'лер', 'дар', 'дер', 'тар', 'тер'];
const KK_SLOTS = [KK_CASE, KK_POSSESSIVE, KK_PLURAL].map((list) => [...list].sort((a, b) => b.length - a.length));
/** Letters a stem keeps at least: two for a longer ending, four for a one-letter ending (often part of the root). */
const KK_MIN_STEM = 2;
const KK_MIN_STEM_SHORT_SUFFIX = 4;
/** Place names in -стан ("country") would lose "тан" as if it were the ablative ending. */
const KK_COUNTRY = /стан$/;
/** A stem-final voiceless consonant turns voiced before a vowel ending: restore it (ынтымақтастығы → -тық). */
const KK_DEVOICE: Record<string, string> = { ғ: 'қ', г: 'к', б: 'п' };

const hasKkVowel = (s: string): boolean => [...s].some((c) => KK_VOWELS.has(c));

function peel(word: string, suffixes: readonly string[]): string {
  if (KK_COUNTRY.test(word)) return word;
  const suffix = suffixes.find((s) => {
    if (!word.endsWith(s)) return false;
    const stem = word.slice(0, -s.length);
    return stem.length >= (s.length === 1 ? KK_MIN_STEM_SHORT_SUFFIX : KK_MIN_STEM) && hasKkVowel(stem);
  });
  if (!suffix) return word;
  const stem = word.slice(0, -suffix.length);
  const last = stem[stem.length - 1] as string;
  return KK_VOWELS.has(suffix[0] as string) && KK_DEVOICE[last] ? stem.slice(0, -1) + KK_DEVOICE[last] : stem;
}

/** A Kazakh word without its inflectional endings ("елдердің" → "ел", "президентінің" → "президент"). */
export function stemKazakh(input: string): string {
  return KK_SLOTS.reduce((word, suffixes) => peel(word, suffixes), input.toLowerCase().replace(/ё/g, 'е'));
}

/** Letters only Kazakh uses among Cyrillic scripts. */
const KAZAKH_LETTERS = /[әғқңөұүһі]/;
const CYRILLIC = /[а-яё]/;

/**
 * The stem of one lower-case word: Kazakh stemming for Kazakh text or a word with Kazakh letters, Russian
 * for other Cyrillic words, the word itself otherwise (Latin names, abbreviations).
 */
export function stemWord(word: string, lang: Lang | null): string {
  return KAZAKH_LETTERS.test(word) || (lang === 'kk' && CYRILLIC.test(word)) ? stemKazakh(word) : CYRILLIC.test(word) ? stemRussian(word) : word;
}
