/**
 * The terms of an article for story similarity: words (letters only, lower case, ё as е; ./words.ts), without the
 * function words of Russian, Kazakh and English, reduced to their stems, each stem known by its termKey.
 */
import type { Lang } from '../../scrapers/types.js';
import { DEDUP } from '../../settings.js';
import { stemWord } from '../stem.js';
import { hashString } from './hash.js';
import { letterWords } from './words.js';

const RU_STOPWORDS =
  'и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также который которые которых которая которой которого котором которым свои своих своей своего является являются году года год млн млрд тыс г т.е ранее словам отметил отметила заявил заявила сообщает сообщил сообщила передает пишет';
const KK_STOPWORDS =
  'және мен бен пен да де та те ма ме ба бе па пе ғана қана тек бұл осы сол ол олар біз біздің сіз сіздер мен менің оның олардың бір екі үш үшін арқылы бойынша туралы жөнінде сияқты секілді дейін кейін соң бері қарай дейді деді деп деген болып болды болса болады бар жоқ еді емес әр барлық кез керек мүмкін тағы және де яғни немесе не әрі сондай сондықтан себебі өйткені бірақ алайда жылы жыл жылдың айтты атап өтті хабарлайды';
const EN_STOPWORDS =
  'the a an and or of to in on at for with by from as is are was were be been it its this that these those not but his her their our we you he she they them';

const STOPWORDS: ReadonlySet<string> = new Set(`${RU_STOPWORDS} ${KK_STOPWORDS} ${EN_STOPWORDS}`.split(/\s+/));

/**
 * The integer a stem is counted, stored and compared under: its 32-bit hash (signed, as SQLite stores it
 * in 4 bytes). A number is cheaper than the text to count, index and compare; two stems sharing a key
 * (about one pair in 4 billion) only blur their weights a little.
 */
export const termKey = (stem: string): number => hashString(stem) | 0;

/** A word's term key, or null when the word is no term (a function word, or a stem too short). */
function wordKey(word: string, lang: Lang | null): number | null {
  if (STOPWORDS.has(word)) return null;
  const stem = stemWord(word, lang);
  return stem.length < DEDUP.storyMinTermChars ? null : termKey(stem);
}

const EMPTY = 0;
const TERM = 1;
const NO_TERM = 2;

/**
 * Term keys of words already met, by language: stemming is the costly part of a story vector and a news
 * stream repeats its words. An open-addressing table: per slot the word's hash, its key and a state in one
 * Int32Array, the word itself beside for the exact comparison. A lookup reads a line or two where a Map of
 * strings read several (termCounts 195 -> 105 µs per bench stream article, ~210 distinct words). Holding
 * termCacheWords words it starts over. A cache of a pure function: results never depend on it.
 */
class WordKeys {
  private readonly mask: number;
  private slots: Int32Array;
  private words: (string | undefined)[];
  private size = 0;

  constructor(private readonly lang: Lang | null) {
    let capacity = 1;
    while (capacity < 2 * DEDUP.termCacheWords) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(3 * capacity);
    this.words = new Array<string | undefined>(capacity);
  }

  get(word: string): number | null {
    const hash = hashString(word) | 0;
    let slot = hash & this.mask;
    for (;;) {
      const at = 3 * slot;
      const state = this.slots[at + 2];
      if (state === EMPTY) break;
      if (this.slots[at] === hash && this.words[slot] === word) return state === NO_TERM ? null : (this.slots[at + 1] as number);
      slot = (slot + 1) & this.mask;
    }
    const key = wordKey(word, this.lang);
    if (this.size >= DEDUP.termCacheWords) {
      this.slots.fill(0);
      this.words.fill(undefined);
      this.size = 0;
      slot = hash & this.mask;
    }
    const at = 3 * slot;
    this.slots[at] = hash;
    this.slots[at + 1] = key ?? 0;
    this.slots[at + 2] = key === null ? NO_TERM : TERM;
    this.words[slot] = word;
    this.size++;
    return key;
  }
}

const caches = new Map<Lang | null, WordKeys>();

function wordKeys(lang: Lang | null): WordKeys {
  let cache = caches.get(lang);
  if (!cache) {
    cache = new WordKeys(lang);
    caches.set(lang, cache);
  }
  return cache;
}

/** Term key → number of occurrences in the texts. */
export function termCounts(texts: readonly string[], lang: Lang | null): Map<number, number> {
  // Every word straight from the shared table: cheaper than counting the article's distinct words in a
  // Map first (bench stream: 100 -> 77 µs warm), and the keys come in the same order.
  const found: string[] = [];
  for (const text of texts) letterWords(text, found);
  const keys = wordKeys(lang);
  const counts = new Map<number, number>();
  for (const word of found) {
    const key = keys.get(word);
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
