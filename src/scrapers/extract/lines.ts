/**
 * Lines that are furniture by their text wherever they stand (share prompts, counters, credits, "read
 * also", lone emoji), headings that end an article, and lines made of links.
 */
import { EXTRACT } from '../../settings.js';
import type { Block } from './dom.js';

/** Paragraph texts that are never body: prompts, widgets, credits, counters. */
const DROP_TEXT: readonly RegExp[] = [
  /^(читайте|смотрите|читать)\s+(также|ещё|еще|далее|нас|наш|по теме)|^(также читайте|см\. также|read also|read more|see also|also read|тағы оқыңыз|оқи отырыңыз)|^(читайте|оқыңыз)\s*:/iu,
  /^(подписывайтесь|подпишитесь|присоединяйтесь|следите за|читайте нас|subscribe|sign up|follow us|join us|жазылыңыз)/iu,
  // A channel plug anywhere in a short line: Kazakh puts the verb last ("NUR.KZ Telegram-арнасына жазылыңыз"),
  // and both languages often open with a purpose clause ("Чтобы первыми узнавать новости, подписывайтесь…").
  /(арна|канал|парақша|аккаунт)\p{L}*\s.{0,120}?(жазылыңыз|қосылыңыз)|(подписывайтесь|подпишитесь|присоединяйтесь)\s+(к\s+)?(на\s+)?(наш\p{L}*\s+|нам\s+)?(в\s+)?(telegram|телеграм|instagram|инстаграм|youtube|whatsapp|tiktok|канал|страниц|аккаунт|сообществ)/iu,
  /^(нашли ошибку|если вы (нашли|заметили) ошибку|заметили ошибку|found (a|an) (typo|error|mistake))/iu,
  /ctrl\s*\+\s*enter/iu,
  /^комментари\p{L}*\s*\(?\d*\)?\s*(\d+\s*)?(комментари\p{L}*(\(\p{L}+\))?)?$/iu,
  /^(comments?|пікірлер)\s*\(?\d*\)?$/iu,
  /^(поделиться|share|tweet|бөлісу)(\s+(в|in|on)\s+\S+)?:?$/iu,
  /^((facebook|twitter|x|vk|вконтакте|telegram|whatsapp|instagram|youtube|tiktok|одноклассники|ok|linkedin|email|e-mail|copy link|скопировать ссылку)[\s,|•·]*)+$/iu,
  /^(назад|вернуться назад|go back|back|артқа|← назад|на главную)$/iu,
  /^(реклама|advertisement|sponsored|жарнама|партнерский материал)\s*[:.]?$/iu,
  // A chart's or photo's credit line ("(Credit: Clayton Aldern / Grist)", "Photo credit: AP", "Фото предоставлено пресс-службой").
  /^\(?((photo|image|picture|chart) )?credits?\s*:.{0,80}$/iu,
  /^(фото|видео|иллюстрация|фотографии)\s+(предоставлен\p{L}*|пресс-служб\p{L}*|из (открытых источников|соцсетей|социальных сетей)|автора|с сайта)(\s.{0,50})?$/iu,
  /^(loading|загрузка)\.*$/iu,
  /^(теги|tags|тегтер|метки)\s*:/iu,
  /^(источник|source|дереккөз)\s*:\s*.{0,60}$/iu,
  /^((additional )?reporting by|writing by|editing by|compiled by)\s/iu,
  /^(our standards:|sign up here\.?$|reuse this content$|explore more on these topics$)/iu,
  /(^|\s)erid[:\s]/iu,
  /^(мнение автора|позиция автора).{0,80}(не совпада|может не)/iu,
  /^(при (цитировании|использовании|перепечатке)|использование материалов|перепечатка материалов)/iu,
  /^(любое )?(копирование|перепечатка|воспроизведение|использование)\s(.{0,60}(материал|публикаци|текст|контент).{0,80}(разрешени|запрещ|гиперссылк|ссылк)|.{0,100}(разрешени|согласи)\p{L}* редакци)|^автором материала является/iu,
  /^(фото|иллюстрация|изображение|видео)\s+(иллюстративное|носит иллюстративный характер|из (архива|открытых источников|соцсетей))\.?$/iu,
  /^(image|picture|media) (source|caption)\b|^(this|the) video can ?not be played|^(getty images|shutterstock|reuters|ap|afp|epa)(\s*\/\s*[\p{L} ]{0,30})?$/iu,
  /^(толығырақ|подробнее)\s*:/iu,
  /^(эту (новость|статью)|этот материал)\s+(можно\s+)?(прочитать|читать|прочесть)\s+на\s+(других|другом|казахском|английском|русском)|^(бұл|осы) (жаңалықты|материалды|мақаланы)\s.{0,40}(тілде|тілдерде)|^(read|this (news|story|article) is (also )?available) in (other languages|kazakh|russian|english)/iu,
  /^(фото|photo|фотография|видео|video|иллюстративное фото|коллаж|скриншот|источник фото|кадр)\s*[:©]/iu,
  /^(создано на платформе|разработка сайта|дизайн и разработка|все права защищены|all rights reserved|copyright)/iu,
  /^(автор|author|by)\s*:?\s*[\p{L}.\-]+(\s+[\p{L}.\-]+){0,3}$/iu,
  /^(просмотр\p{L}*|views?|оценить|rate this)\s*:?\s*\d*$/iu,
  /^(другие новости|похожие новости|related (news|stories|articles)|more (news|stories)|последние новости|популярное|самое читаемое|most read)$/iu,
];
/**
 * DROP_TEXT as one regex (none refers back to a group): one test of the alternation costs under half of
 * testing them one by one (0.4 against 0.9 µs per short line), most of which fail at the first letter.
 */
const ANY_DROP_TEXT = new RegExp(DROP_TEXT.map((re) => `(?:${re.source})`).join('|'), 'iu');
// The alternation takes its flags from here: a DROP_TEXT pattern with other flags would quietly change meaning.
if (DROP_TEXT.some((re) => re.flags !== 'iu')) throw new Error('every DROP_TEXT pattern must be /iu');
/** A credit line that is only a domain ("akorda.kz", "Фото: tengrinews.kz"). */
const DOMAIN_ONLY = /^([\p{L} ]{0,20}:\s*)?(https?:\/\/)?(www\.)?[\p{L}\d-]+(\.[\p{L}\d-]+)*\.(kz|ru|com|org|net|info|uz|kg|қаз)\/?$/iu;
/** No letter at all: lone emoji, dashes, bullets, counters, bare dates and times. */
const NO_LETTERS = /^[^\p{L}]*$/u;
/** Bare dates with counters: "27.02.2026 110", "13:51 | 5 588". */
const DATE_WORDS = /^((понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|monday|tuesday|wednesday|thursday|friday|saturday|sunday|дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі)[,\s]*)?[\d\s.,:/|•·-]*(янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|қаң|ақп|нау|сәу|мам|мау|шіл|там|қыр|қаз|қар|жел|сегодня|вчера|today|yesterday)\p{L}*\.?[\d\s.,:/|•·-]*(г\.|года?|жыл\p{L}*)?[\d\s.,:/|•·-]*$/iu;
/** A paragraph made of a © notice is a footer. */
const COPYRIGHT = /©|\(c\)\s*\d{4}/iu;
/** "Date created : 2015-05-12", "Опубликовано: 12 мая 2024, 14:05": a label of a few words, then the date. */
const LABELLED = /^(?:[\p{L}][\p{L} ]{0,30}\s*:|(?:last updated|updated|published|posted|опубликовано|обновлено|жарияланды)(?: on| в)?)\s*(.+)$/iu;
const NUMERIC_DATE = /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}/;
/** "Updated 3 hours ago", "5 минут назад", "2 сағат бұрын". */
const RELATIVE_TIME = /^((last )?updated|published|posted|обновлено|опубликовано)?\s*\d{1,3}\s*(min|mins|minutes?|hours?|hrs?|days?|weeks?|мин\p{L}*|час\p{L}*|дн\p{L}*|день|недел\p{L}*|минут|сағат|күн)\.?\s*(ago|назад|бұрын)$/iu;
/**
 * A byline of names: "By Anna Lee, Reuters", "By John Smith and Jane Doe", "Авторы: Иван Петров и Анна Ли".
 * Every name starts with a capital, so "By the end of the day…" stays; case-sensitive on purpose.
 */
const BYLINE = /^(By|BY|Автор|Авторы|Author|Authors|Text by|Текст|Фото и текст)\s*:?\s+\p{Lu}[\p{L}.'’-]*((\s*[,&]\s*|\s+(and|и|және)\s+|\s+)\p{Lu}[\p{L}.'’-]*){0,7}$/u;

function isDateLine(text: string): boolean {
  if (DATE_WORDS.test(text) || RELATIVE_TIME.test(text)) return true;
  const labelled = LABELLED.exec(text);
  if (!labelled) return false;
  const rest = labelled[1] as string;
  return DATE_WORDS.test(rest) || RELATIVE_TIME.test(rest) || (NO_LETTERS.test(rest) && NUMERIC_DATE.test(rest));
}

/** True when the text of a paragraph is furniture wherever it stands. */
export function isFurnitureText(text: string): boolean {
  if (NO_LETTERS.test(text)) return true;
  if (text.length <= EXTRACT.shortLineChars && (DOMAIN_ONLY.test(text) || isDateLine(text))) return true;
  if (text.length <= EXTRACT.bylineMaxChars && BYLINE.test(text)) return true;
  if (text.length <= EXTRACT.copyrightLineChars && COPYRIGHT.test(text)) return true;
  if (text.length > EXTRACT.furnitureTextMaxChars) return false;
  return ANY_DROP_TEXT.test(text);
}

/**
 * The label of a machine-made summary box ("Краткий пересказ от РИА ИИ", "Пересказ YandexGPT", "AI summary",
 * "ИИ-пересказ"): the points under it restate the article, they are not part of it. Human "Главное" boxes stay.
 */
const AI_SUMMARY_LABEL =
  /^(?:краткий\s+|короткий\s+)?(?:пересказ|резюме|кратко|коротко|summary|key points|takeaways)(?:\s+[\p{L}\d.-]+){0,3}?\s+(?:ии|ai|gpt|yandexgpt|gigachat|нейросети)$|^(?:ии|ai|gpt)[\s-]+(?:пересказ|резюме|summary)$/iu;

export function isAiSummaryLabel(text: string): boolean {
  return text.length <= EXTRACT.endHeadingMaxChars && AI_SUMMARY_LABEL.test(text.replace(/[:.]+$/, ''));
}

/** Headings after which a page holds no more of the article ("Другие новости", "Related"). */
const END_HEADINGS =
  /^(другие|похожие|последние|актуальные|главные|популярные|рекомендуемые|читаемые|свежие|ещё|еще)\s+(новости|материалы|статьи|публикации)|^(новости|материалы) (по теме|партнеров|партнёров)|^(читайте|смотрите) (также|еще|ещё)$|^(самое|самые) (читаемое|популярное|читаемые|популярные|обсуждаемое)|^(популярное|по теме|лента новостей|комментарии|обсуждение|related|see also|more stories)$|^(related|more|other|latest|recommended|popular|top|trending)\b.{0,30}(news|stories|articles|posts|reads|from)\b|^(most (read|popular|viewed)|comments|you (may|might) (also )?like|read next|more on this (story|topic))|^(басқа|соңғы|ұқсас) (жаңалықтар|материалдар)|^(тағы|тақырып бойынша) оқыңыз/iu;

/** True when a block is a heading that ends the article. */
export function isEndHeading(block: Block): boolean {
  if (block.text.length > EXTRACT.endHeadingMaxChars) return false;
  return END_HEADINGS.test(block.text.replace(/[:.!]+$/, ''));
}

/** Share of a block's text inside links. */
export function linkDensity(block: Block): number {
  return block.text.length === 0 ? 0 : block.linkChars / block.text.length;
}

/** A line made mostly of links (menus, "read also" titles, tag lines) is not body. */
export function isLinkLine(block: Block): boolean {
  const d = linkDensity(block);
  if (d >= EXTRACT.linkOnlyDensity) return true;
  // A sentence that links a name or two ("<a>Tokayev</a> said.") still ends like a sentence; link titles do not.
  if (/[.!?…»"”]$/.test(block.text)) return false;
  if (d >= EXTRACT.linkLineDensity) return true;
  return d >= EXTRACT.linkShortLineDensity && block.text.length < EXTRACT.linkShortLineChars;
}
