/**
 * A deterministic corpus of Russian-like news for the storage benchmarks: Zipf-distributed word forms
 * (real stems with case endings, Kazakh names, a long tail of rare names), ~8 paragraphs per article,
 * and per-source plus cross-site boilerplate paragraphs, so paragraph sharing looks like the real sites.
 * (Files starting with "_" are helpers, not benchmarks: bench/run.ts skips them.)
 */
import { createHash } from 'node:crypto';
import type { StoreInput } from '../src/db/types.js';
import type { Source } from '../src/scrapers/types.js';

const STEMS = [
  'президент', 'государств', 'казахстан', 'республик', 'министр', 'правительств', 'развити', 'экономик',
  'сотрудничеств', 'вопрос', 'проект', 'программ', 'совещани', 'заседани', 'регион', 'област', 'город',
  'район', 'жител', 'граждан', 'закон', 'реформ', 'бюджет', 'инвестици', 'предприяти', 'компани', 'банк',
  'рынк', 'цен', 'тариф', 'налог', 'строительств', 'дорог', 'школ', 'больниц', 'врач', 'учител', 'студент',
  'университет', 'наук', 'культур', 'спорт', 'чемпионат', 'команд', 'матч', 'победител', 'турнир',
  'погод', 'снег', 'дожд', 'температур', 'полици', 'суд', 'прокуратур', 'дел', 'преступлени', 'авари',
  'пожар', 'спасател', 'энергетик', 'газ', 'нефт', 'угл', 'электроэнерги', 'транспорт', 'авиакомпани',
  'рейс', 'аэропорт', 'поезд', 'границ', 'таможн', 'экспорт', 'импорт', 'зерн', 'урожа', 'фермер',
  'сельск', 'хозяйств', 'воды', 'экологи', 'парламент', 'мажилис', 'сенат', 'депутат', 'акимат', 'аким',
  'визит', 'переговор', 'делегаци', 'соглашени', 'договор', 'саммит', 'организаци', 'международн',
  'партнерств', 'отношени', 'стран', 'посл', 'министерств', 'ведомств', 'служб', 'пресс-служб', 'заявлени',
  'мер', 'поддержк', 'семь', 'дет', 'пенси', 'зарплат', 'работ', 'безработиц', 'занятост', 'цифровизаци',
  'технологи', 'интернет', 'связ', 'платформ', 'систем', 'сервис', 'услуг', 'качеств', 'безопасност',
  'обществ', 'молодеж', 'праздник', 'юбиле', 'выставк', 'фестивал', 'театр', 'музе', 'истори', 'памят',
];
const ENDINGS = ['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ам', 'ами', 'ах', 'ой', 'ий', 'ие', 'ия', 'ию', 'ей'];
const FUNCTION_WORDS = [
  'в', 'и', 'на', 'с', 'по', 'о', 'для', 'что', 'не', 'из', 'от', 'к', 'за', 'а', 'как', 'это', 'также',
  'его', 'их', 'при', 'до', 'после', 'более', 'года', 'году', 'тысяч', 'миллиардов', 'тенге', 'было', 'будет',
];
const NAMES = [
  'Токаев', 'Астана', 'Алматы', 'Шымкент', 'Караганда', 'Актобе', 'Атырау', 'Павлодар', 'Костанай',
  'Туркестан', 'Жетысу', 'Абай', 'Улытау', 'Мангистау', 'Кызылорда', 'ШОС', 'ЕАЭС', 'ООН', 'Китай', 'Россия',
  'Ёлкин', 'Әлеуметтік', 'Қазақстан', 'Ұлттық', 'Өскемен', 'Үкімет',
];
const SYLLABLES = ['ка', 'ра', 'ту', 'ба', 'ше', 'ли', 'мо', 'ни', 'жа', 'ке', 'сы', 'да', 'ре', 'бе', 'гу', 'ла', 'ён', 'қа', 'ғы', 'ұл'];

type Rng = () => number;

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

/** Word forms ranked by frequency: function words, then stems×endings, names, and a rare tail. */
function vocabulary(): string[] {
  const r = rng(7);
  const forms = STEMS.flatMap((s) => ENDINGS.map((e) => s + e));
  for (let i = forms.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [forms[i], forms[j]] = [forms[j] as string, forms[i] as string];
  }
  const tail = Array.from({ length: 20_000 }, () => {
    const n = 2 + Math.floor(r() * 3);
    return Array.from({ length: n }, () => pick(r, SYLLABLES)).join('') + pick(r, ENDINGS);
  });
  return [...FUNCTION_WORDS, ...forms.slice(0, 400), ...NAMES, ...forms.slice(400), ...tail];
}

export const VOCABULARY = vocabulary();

const CUMULATIVE = (() => {
  let sum = 0;
  return VOCABULARY.map((_, i) => (sum += 1 / (i + 1) ** 1.05));
})();
const TOTAL = CUMULATIVE.at(-1) as number;

function word(r: Rng): string {
  const x = r() * TOTAL;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((CUMULATIVE[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo] as string;
}

function sentence(r: Rng, words: number): string {
  const ws = Array.from({ length: words }, () => word(r));
  const first = ws[0] as string;
  ws[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${ws.join(' ')}.`;
}

function paragraph(r: Rng): string {
  const sentences = 2 + Math.floor(r() * 3);
  return Array.from({ length: sentences }, () => sentence(r, 8 + Math.floor(r() * 12))).join(' ');
}

export const SOURCE_IDS = ['akorda.kz', 'zakon.kz', 'tengrinews.kz', 'inform.kz', 'dknews.kz', 'lada.kz', 'sputnik.kz', 'orda.kz', 'kazinform.kz', 'kt.kz'];

export function sources(): Source[] {
  return SOURCE_IDS.map((id) => ({
    id,
    name: id,
    baseUrl: `https://www.${id}`,
    hosts: [id],
    languages: ['ru', 'kk'],
    renderer: 'http',
    cron: '*/15 * * * *',
    timezone: 'Asia/Almaty',
    enabled: true,
    discovery: { feeds: [], sitemaps: [], listings: [] },
    selectors: {},
    extract: () => ({ ok: false, reason: 'benchmark source' }),
  }));
}

/** Site boilerplate: five lines per source, and a few that every site prints. */
const boilerplate = (() => {
  const r = rng(11);
  const shared = ['Фото: пресс-служба Акорды', 'Подписывайтесь на наш Telegram-канал и будьте в курсе главных новостей.', 'Читайте также:'];
  return new Map(SOURCE_IDS.map((id) => [id, [...shared, ...Array.from({ length: 5 }, () => `${id}: ${sentence(r, 10)}`)]]));
})();

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The site chrome around an article: navigation, inline scripts, footer (~30 KB, one per source). */
const chrome = (() => {
  const r = rng(13);
  return new Map(
    SOURCE_IDS.map((id) => {
      const nav = Array.from({ length: 150 }, (_, i) => `<li class="nav__item"><a href="https://www.${id}/ru/rubric/${i}" title="${sentence(r, 3)}">${sentence(r, 2)}</a></li>`).join('\n');
      const script = `<script>window.__STATE__=${JSON.stringify(Array.from({ length: 60 }, (_, i) => ({ id: i, slug: sentence(r, 4), views: Math.floor(r() * 1e6) })))}</script>`;
      const footer = `<footer>${Array.from({ length: 40 }, () => `<p class="footer__text">${sentence(r, 8)}</p>`).join('')}</footer>`;
      return [id, { head: `<!doctype html><html lang="ru"><head><meta charset="utf-8">${script}</head><body><nav><ul>${nav}</ul></nav>`, foot: `${footer}</body></html>` }];
    }),
  );
})();

export interface CorpusOptions {
  seed?: number;
  /** Build page HTML (the ingest benchmark stores it; the query benchmark does not need it). */
  html?: boolean;
}

/** Article number `i` of the corpus as a StoreInput (hashes computed as a caller would). */
export function article(i: number, options: CorpusOptions = {}): StoreInput {
  const r = rng((options.seed ?? 1) * 1_000_003 + i);
  const sourceId = SOURCE_IDS[i % SOURCE_IDS.length] as string;
  const own = Array.from({ length: 6 + Math.floor(r() * 5) }, () => paragraph(r));
  const extra = boilerplate.get(sourceId) as string[];
  const paragraphs = [...own];
  paragraphs.splice(1, 0, pick(r, extra));
  paragraphs.push(pick(r, extra));
  const url = `https://www.${sourceId}/ru/news/${i}`;
  const title = sentence(r, 6 + Math.floor(r() * 5)).slice(0, -1);
  const published = new Date(Date.UTC(2023, 0, 1) + Math.floor(r() * 730 * 86_400_000)).toISOString();
  const page = chrome.get(sourceId) as { head: string; foot: string };
  const html = options.html === false ? '' : `${page.head}<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>${page.foot}`;
  return {
    draft: {
      url,
      sourceId,
      title,
      lead: null,
      paragraphs,
      publishedAt: published,
      updatedAt: null,
      author: null,
      language: r() < 0.8 ? 'ru' : 'kk',
      tags: [pick(r, NAMES), pick(r, STEMS)],
      images: [`https://www.${sourceId}/img/${i}.jpg`],
    },
    paragraphHashes: paragraphs.map(sha),
    contentHash: sha(paragraphs.join('\n')),
    page: {
      url,
      html,
      status: 200,
      bytes: Buffer.byteLength(html),
      durationMs: 100,
      renderer: 'http',
      fetchedAt: new Date(Date.parse(published) + 600_000).toISOString(),
      etag: null,
      lastModified: null,
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
