/**
 * The five seed texts (tests/pipeline/seeds/, copies of /work/shared/seeds/) as the drafts a naive
 * extractor would hand over: every line of the page text is a paragraph, noise included. Title, lead,
 * date, tags and source are what the page's own metadata says (the seeds' README); the extraction helper
 * reads those from HTML, so here they are given.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleDraft } from '../../src/scrapers/types.js';

const SEEDS = fileURLToPath(new URL('./seeds/', import.meta.url));

export const seedLines = (file: string): string[] => readFileSync(`${SEEDS}${file}`, 'utf8').split('\n');

export type SeedId = '000' | '001' | '002' | '003' | '004';

interface SeedMeta {
  file: string;
  sourceId: string;
  url: string;
  title: string;
  lead: string | null;
  publishedAt: string;
  tags: string[];
}

const META: Record<SeedId, SeedMeta> = {
  '000': {
    file: '000_843dcef159b6604a.txt',
    sourceId: 'akorda',
    url: 'https://www.akorda.kz/ru/glava-gosudarstva-prinyal-uchastie-v-zasedanii-soveta-glav-gosudarstv-chlenov-shos-442856',
    title: 'Отдельно Глава государства остановился на необходимости реформирования и модернизации ШОС',
    // The page shows the heading twice: once as h1, once as the lead.
    lead: 'Отдельно Глава государства остановился на необходимости реформирования и модернизации ШОС',
    publishedAt: '2024-07-04T07:30:00.000Z',
    tags: [],
  },
  '001': {
    file: '001_0d30d35b810bd699.txt',
    sourceId: 'zakon',
    url: 'https://www.zakon.kz/politika/6488467-tokaev-nazval-prioritety-razvitiya-shos.html',
    title: 'Токаев назвал приоритеты развития ШОС',
    lead: null,
    publishedAt: '2025-09-01T06:12:00.000Z',
    tags: [],
  },
  '002': {
    file: '002_0ffbf3b4473e75c9.txt',
    sourceId: 'dknews',
    url: 'https://dknews.kz/ru/v-mire/352870-vazhnost-shos-v-ukreplenii-regionalnoy-stabilnosti',
    title: 'Важность ШОС в укреплении региональной стабильности',
    lead: null,
    publishedAt: '2025-03-12T08:00:00.000Z',
    tags: ['ШОС', 'МИД РК', 'МИД', 'Шанхайская организация', 'Международное сотрудничество'],
  },
  '003': {
    file: '003_772369b6def8ce5e.txt',
    sourceId: 'lada',
    url: 'https://www.lada.kz/kazakhstan-news/133575-tokaev-vystupil-na-sammite-shos-v-tyanczine.html',
    title: 'Токаев выступил на саммите ШОС в Тяньцзине: главные инициативы',
    lead: null,
    publishedAt: '2025-09-01T11:40:00.000Z',
    tags: [],
  },
  '004': {
    file: '004_39e5358c49e29764.txt',
    sourceId: 'orda',
    url: 'https://orda.kz/tokaev-vstretilsja-s-gensekom-obse-hel-goj-shmid-397118/',
    title: 'Токаев встретился с генсеком ОБСЕ Хельгой Шмид',
    lead: null,
    publishedAt: '2024-11-22T09:15:00.000Z',
    tags: [],
  },
};

export const SEED_IDS = Object.keys(META) as SeedId[];
export const SEED_SOURCES = [...new Set(SEED_IDS.map((id) => META[id].sourceId))];

/** The naive draft of a seed page: all its lines as paragraphs. */
export function seedDraft(id: SeedId, over: Partial<ArticleDraft> = {}): ArticleDraft {
  const meta = META[id];
  return {
    url: meta.url,
    sourceId: meta.sourceId,
    title: meta.title,
    lead: meta.lead,
    paragraphs: seedLines(meta.file),
    publishedAt: meta.publishedAt,
    updatedAt: null,
    author: null,
    language: 'ru',
    tags: meta.tags,
    images: [],
    ...over,
  };
}
