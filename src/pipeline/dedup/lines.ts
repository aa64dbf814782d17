/**
 * Recognizers of page furniture that arrives as lines of text (level 1 cleaning): counters, header dates,
 * credit lines, comment-widget text glued to the last paragraph, tag lines, end-of-article headings and
 * "most read" lists with their counters. Each is a pure test of one line (or of the tail of a list).
 */
import { DEDUP } from '../../settings.js';

/** "Комментарии0 комментарий(ев)", glued to the end of the last paragraph or standing alone. */
const GLUED_WIDGET =
  /(?:комментари[йиев]{1,2}|пікірлер|пікір|comments?)\s*:?\s*\(?\d+\)?(?:\s*(?:комментари\p{L}*(?:\(\p{L}+\))?|пікір\p{L}*|comments?))?\s*$/iu;

const COUNTER_WORDS = 'просмотр\\p{L}*|прочитано|комментари\\p{L}*|views?|comments?|likes?|shares?|нравится|пікір\\p{L}*|қаралым\\p{L}*|көрілім\\p{L}*|оқылды';
const COUNT = '\\d[\\d\\s.,]*[kк]?';
const COUNTER_LINE = new RegExp(`^(?:(?:${COUNTER_WORDS})\\s*[:\\-]?\\s*${COUNT}|${COUNT}\\s*(?:${COUNTER_WORDS}|рет қаралды))$`, 'iu');

const WEEKDAYS =
  'понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі|monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const MONTHS =
  'январ\\p{L}*|феврал\\p{L}*|март\\p{L}*|апрел\\p{L}*|ма[йя]|июн\\p{L}*|июл\\p{L}*|август\\p{L}*|сентябр\\p{L}*|октябр\\p{L}*|ноябр\\p{L}*|декабр\\p{L}*|' +
  'қаңтар\\p{L}*|ақпан\\p{L}*|наурыз\\p{L}*|сәуір\\p{L}*|мамыр\\p{L}*|маусым\\p{L}*|шілде\\p{L}*|тамыз\\p{L}*|қыркүйек\\p{L}*|қазан\\p{L}*|қараша\\p{L}*|желтоқсан\\p{L}*|' +
  'january|february|march|april|may|june|july|august|september|october|november|december';
const TIME = '(?:,?\\s*(?:в\\s*)?\\d{1,2}:\\d{2})?';
const YEAR_WORD = '(?:\\s*(?:г\\.?|года|год|ж\\.?|жыл\\p{L}*))?';
const DATE_LINE = new RegExp(
  `^(?:(?:${WEEKDAYS}),?\\s*)?(?:\\d{1,2}\\s+(?:${MONTHS}),?\\s+\\d{4}${YEAR_WORD}|\\d{4}\\s+(?:жыл\\p{L}*\\s+)?\\d{1,2}\\s+(?:${MONTHS})|(?:${MONTHS})\\s+\\d{1,2},?\\s+\\d{4})${TIME}$` +
    `|^(?:сегодня|вчера|бүгін|кеше|today|yesterday),?\\s*(?:в\\s*)?\\d{1,2}:\\d{2}$`,
  'iu',
);

const BARE_DOMAIN = /^(?:(?:источник|фото|дереккөз|сурет|source|photo)\s*:\s*)?(?:https?:\/\/)?(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}\/?$/i;

/** Headings of the blocks that follow an article on its page; keys as normalizeParagraph gives them. */
const END_HEADINGS: ReadonlySet<string> = new Set([
  'другие новости', 'похожие новости', 'новости по теме', 'материалы по теме', 'самое читаемое', 'самое популярное',
  'популярное', 'популярные новости', 'последние новости', 'лента новостей', 'рекомендуем', 'вам может быть интересно',
  'басқа жаңалықтар', 'ұқсас жаңалықтар', 'тақырып бойынша', 'соңғы жаңалықтар', 'көп оқылғандар', 'танымал',
  'related news', 'more news', 'most read', 'latest news',
]);

const SENTENCE_PUNCT = /[.,;:!?…«»"“”„()[\]]/;
const LETTERS = /\p{L}/u;
const DIGIT = /\d/;
const CAPITAL = /^\p{Lu}/u;

/** Comment-widget text cut from the end of a line ("…организации.Комментарии0 комментарий(ев)"). */
export function cutGluedWidget(line: string): string {
  return line.replace(GLUED_WIDGET, '').trim();
}

/** A view, comment or like counter on its own ("Просмотров: 110", "5588 просмотров"). */
export function isCounterLine(line: string): boolean {
  return COUNTER_LINE.test(line.trim());
}

/** A date (with weekday or time) on its own line: a page header's clock, not article text. */
export function isDateLine(line: string): boolean {
  return DATE_LINE.test(line.trim());
}

/** A credit line that is only a site's address ("akorda.kz", "Фото: zakon.kz"). */
export function isBareDomain(line: string): boolean {
  return BARE_DOMAIN.test(line.trim());
}

/** The heading of an end-of-article block ("Другие новости"), given the line's comparison key. */
export function isEndHeading(key: string): boolean {
  return END_HEADINGS.has(key);
}

/** Whether the key is made of tag keys only, separated by spaces ("шос мид рк мид шанхайская организация"). */
function madeOfTags(key: string, tagKeys: readonly string[]): boolean {
  const text = key.replace(/[#,|/•·]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '' || tagKeys.length === 0) return false;
  const reachable = new Array<boolean>(text.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < text.length; i++) {
    if (!reachable[i]) continue;
    for (const tag of tagKeys) {
      if (tag === '' || !text.startsWith(tag, i)) continue;
      const end = i + tag.length;
      if (end === text.length) return true;
      if (text[end] === ' ') reachable[end + 1] = true;
    }
  }
  return false;
}

/**
 * A line of tag links flattened into text. With the page's tags known: a line made only of them. Without:
 * the last line, when it reads like a row of labels (a few words, no punctuation, most of them capitalized).
 */
export function isTagLine(line: string, key: string, tagKeys: readonly string[], isLast: boolean): boolean {
  if (madeOfTags(key, tagKeys)) return true;
  if (!isLast || SENTENCE_PUNCT.test(line)) return false;
  const words = line.split(' ').filter((w) => LETTERS.test(w));
  if (words.length < DEDUP.tagLineMinWords || words.length > DEDUP.tagLineMaxWords) return false;
  const capitals = words.filter((w) => CAPITAL.test(w)).length;
  return capitals / words.length >= DEDUP.tagLineMinCapitalShare;
}

type LineKind = 'text' | 'counter' | 'decoration';

/**
 * The lines without a trailing "most read" list: headlines, each followed by counter lines ("- 5588",
 * "- 1"), down to the end of the page. The list is recognized by its counters: at least
 * listingMinCounters of them, each headline group short and followed by a counter; the first line stays.
 */
export function cutTrailingListing(lines: readonly string[], isDecoration: (line: string) => boolean): string[] {
  const kind = (line: string): LineKind => (!isDecoration(line) ? 'text' : DIGIT.test(line) ? 'counter' : 'decoration');
  const isItem = (from: number, to: number): boolean =>
    to - from <= DEDUP.listingMaxItemLines && lines.slice(from, to).every((l) => l.length <= DEDUP.listingItemMaxChars);
  let end = lines.length;
  let start = end;
  let counters = 0;
  let counterBelow = false;
  let first = true;
  while (end > 0) {
    const isText = kind(lines[end - 1] as string) === 'text';
    let top = end;
    while (top > 0 && (kind(lines[top - 1] as string) === 'text') === isText) top--;
    if (isText) {
      // The last group may be a footer line or two without counters; every other one is a headline.
      if (!isItem(top, end) || (!counterBelow && !first) || top === 0) break;
    } else {
      const found = lines.slice(top, end).filter((l) => kind(l) === 'counter').length;
      counters += found;
      counterBelow = found > 0;
    }
    start = top;
    end = top;
    first = false;
  }
  return counters >= DEDUP.listingMinCounters ? lines.slice(0, start) : [...lines];
}
