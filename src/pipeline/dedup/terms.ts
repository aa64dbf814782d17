/**
 * The terms of an article for story similarity: words (letters only, lower case, ё as е), without the
 * function words of Russian, Kazakh and English, reduced to their stems.
 */
import type { Lang } from '../../scrapers/types.js';
import { DEDUP } from '../../settings.js';
import { stemWord } from '../stem.js';

const RU_STOPWORDS =
  'и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также который которые которых которая которой которого котором которым свои своих своей своего является являются году года год млн млрд тыс г т.е ранее словам отметил отметила заявил заявила сообщает сообщил сообщила передает пишет';
const KK_STOPWORDS =
  'және мен бен пен да де та те ма ме ба бе па пе ғана қана тек бұл осы сол ол олар біз біздің сіз сіздер мен менің оның олардың бір екі үш үшін арқылы бойынша туралы жөнінде сияқты секілді дейін кейін соң бері қарай дейді деді деп деген болып болды болса болады бар жоқ еді емес әр барлық кез керек мүмкін тағы және де яғни немесе не әрі сондай сондықтан себебі өйткені бірақ алайда жылы жыл жылдың айтты атап өтті хабарлайды';
const EN_STOPWORDS =
  'the a an and or of to in on at for with by from as is are was were be been it its this that these those not but his her their our we you he she they them';

const STOPWORDS: ReadonlySet<string> = new Set(`${RU_STOPWORDS} ${KK_STOPWORDS} ${EN_STOPWORDS}`.split(/\s+/));
const WORD = /\p{L}+/gu;

/** The words of a text that carry meaning: lower case, ё as е, no function words. */
export function contentWords(text: string): string[] {
  const words = text.toLowerCase().replace(/ё/g, 'е').match(WORD) ?? [];
  return words.filter((w) => !STOPWORDS.has(w));
}

/** Stem → number of occurrences in the texts. */
export function termCounts(texts: readonly string[], lang: Lang | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of contentWords(text)) {
      const stem = stemWord(word, lang);
      if (stem.length < DEDUP.storyMinTermChars) continue;
      counts.set(stem, (counts.get(stem) ?? 0) + 1);
    }
  }
  return counts;
}
