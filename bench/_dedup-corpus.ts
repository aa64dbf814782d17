/**
 * A deterministic news stream for the dedup benchmark, with its truth: originals from ten sites (Zipf
 * word choice over a large made-up vocabulary, each site's footer under every article, ~300 articles a
 * day in publication order), and planted among them: exact mirrors (the same page on a second URL),
 * syndicated near copies (another site's attribution and footer, a paragraph dropped or added, a few
 * words changed, a few hours later), and a templated series (a daily currency report whose numbers
 * change): the series must not be taken for copies. (Files starting with "_" are not benchmarks.)
 */
import type { ArticleDraft } from '../src/scrapers/types.js';

export type Kind = 'original' | 'mirror' | 'near' | 'template';

export interface Planted {
  draft: ArticleDraft;
  kind: Kind;
  /** For a copy: the URL of the original it was made from. */
  copyOf: string | null;
}

export const SITES = ['tengri', 'zakon', 'inform', 'nur', 'kursiv', 'vlast', 'orda', 'lada', 'dknews', 'sputnik'];
export const TEMPLATE_SITE = 'nbk';

export interface Mix {
  mirror: number;
  near: number;
  template: number;
}

/** Shares of the stream (the rest are originals). */
export const MIX: Mix = { mirror: 0.02, near: 0.03, template: 0.01 };
const PER_DAY = 300;
const DAY_MS = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00.000Z');
const VOCABULARY = 30_000;
const ZIPF_S = 1.05;
const SYLLABLES = 'ка ра ту ба ше ли мо ни жа ке сы да ре бе гу ла но ви та ст ор ен ми ло ве зо по ру хи це'.split(' ');
const ENDINGS = ['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ами', 'ой', 'ий', 'ия', 'ей'];
/** Copies appear this many hours after their original at most. */
const COPY_DELAY_HOURS = 48;
/** Share of words a syndicated copy changes. */
const NEAR_EDITS = 0.02;

type Rng = () => number;

function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vocabulary(next: Rng): string[] {
  const words = new Set<string>();
  while (words.size < VOCABULARY) {
    const n = 2 + Math.floor(next() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

function zipfTable(): Float64Array {
  const cdf = new Float64Array(VOCABULARY);
  let sum = 0;
  for (let i = 0; i < VOCABULARY; i++) {
    sum += 1 / Math.pow(i + 1, ZIPF_S);
    cdf[i] = sum;
  }
  for (let i = 0; i < VOCABULARY; i++) cdf[i] = (cdf[i] as number) / sum;
  return cdf;
}

export function* stream(total: number, seed = 1): Generator<Planted> {
  const next = rng(seed);
  const words = vocabulary(next);
  const cdf = zipfTable();
  const word = (): string => {
    const r = next();
    let lo = 0;
    let hi = VOCABULARY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return (words[lo] as string) + (ENDINGS[Math.floor(next() * ENDINGS.length)] as string);
  };
  const sentence = (n: number): string => {
    const w = Array.from({ length: n }, word).join(' ');
    return `${w[0]?.toUpperCase() ?? ''}${w.slice(1)}.`;
  };
  const paragraph = (): string => Array.from({ length: 2 + Math.floor(next() * 3) }, () => sentence(8 + Math.floor(next() * 10))).join(' ');
  const footer = (site: string): string => `Подписывайтесь на ${site}.kz в Telegram и читайте главные новости дня первыми`;
  const attribution = (site: string): string => `сообщает ${site[0]?.toUpperCase()}${site.slice(1)}.kz`;
  const originals: ArticleDraft[] = [];
  const at = (i: number): string => new Date(START + Math.floor((i / PER_DAY) * DAY_MS)).toISOString();
  const later = (iso: string): string => new Date(Date.parse(iso) + Math.floor(next() * COPY_DELAY_HOURS * 3_600_000) + 60_000).toISOString();
  let templateDay = -1;

  for (let i = 0; i < total; i++) {
    const r = next();
    const day = Math.floor(i / PER_DAY);
    const source = originals.length > 0 ? originals[originals.length - 1 - Math.floor(next() * Math.min(originals.length, PER_DAY))] : undefined;
    if (r < MIX.mirror && source) {
      yield { kind: 'mirror', copyOf: source.url, draft: { ...source, url: `${source.url}?utm_source=telegram&n=${i}`, publishedAt: later(source.publishedAt as string) } };
      continue;
    }
    if (r < MIX.mirror + MIX.near && source) {
      const site = SITES.find((s) => s !== source.sourceId && next() < 0.3) ?? (SITES[0] === source.sourceId ? SITES[1] : SITES[0]) as string;
      const body = source.paragraphs.slice(0, -1).map((p) => p.split(' ').map((w) => (next() < NEAR_EDITS ? word() : w)).join(' '));
      body[0] = (body[0] as string).replace(attribution(source.sourceId), `передает ${site}.kz`);
      if (next() < 0.5 && body.length > 3) body.pop();
      else body.push(sentence(15));
      yield {
        kind: 'near',
        copyOf: source.url,
        draft: { ...source, url: `https://${site}.kz/news/${i}`, sourceId: site, paragraphs: [...body, footer(site)], publishedAt: later(source.publishedAt as string) },
      };
      continue;
    }
    if (r < MIX.mirror + MIX.near + MIX.template && day > templateDay) {
      templateDay = day;
      const d = new Date(START + day * DAY_MS);
      const date = `${d.getUTCDate()}.${d.getUTCMonth() + 1}.${d.getUTCFullYear()}`;
      const rate = (base: number): string => (base + next() * 20).toFixed(2).replace('.', ',');
      yield {
        kind: 'template',
        copyOf: null,
        draft: draftOf(TEMPLATE_SITE, `kurs-${day}`, `Курсы валют на ${date}`, at(i), [
          `Национальный банк Республики Казахстан установил официальные курсы иностранных валют на ${date}: доллар США стоит ${rate(470)} тенге, евро ${rate(510)} тенге, российский рубль ${rate(5)} тенге.`,
          `На утренней сессии Казахстанской фондовой биржи ${date} средневзвешенный курс доллара составил ${rate(470)} тенге при объеме торгов ${Math.floor(next() * 200)} миллионов долларов.`,
          'Официальный курс применяется для бухгалтерского учета, расчета налогов и таможенных платежей и не обязателен для обменных пунктов.',
        ]),
      };
      continue;
    }
    const site = SITES[Math.floor(next() * SITES.length)] as string;
    const n = 4 + Math.floor(next() * 5);
    const body = Array.from({ length: n }, paragraph);
    body[0] = `${(body[0] as string).slice(0, -1)}, ${attribution(site)}.`;
    const draft = draftOf(site, `${i}`, sentence(8).slice(0, -1), at(i), [...body, footer(site)]);
    originals.push(draft);
    if (originals.length > PER_DAY * 2) originals.shift();
    yield { kind: 'original', copyOf: null, draft };
  }
}

function draftOf(site: string, slug: string, title: string, publishedAt: string, paragraphs: string[]): ArticleDraft {
  return {
    url: `https://${site}.kz/news/${slug}`,
    sourceId: site,
    title,
    lead: null,
    paragraphs,
    publishedAt,
    updatedAt: null,
    author: null,
    language: 'ru',
    tags: [],
    images: [],
  };
}
