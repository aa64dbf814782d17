import { describe, expect, it } from 'vitest';
import { cleanDraft, contentHash, isDecoration, normalizeParagraph, paragraphHash, paragraphHashes } from '../../src/pipeline/normalize.js';
import type { ArticleDraft } from '../../src/scrapers/types.js';
import { SEED_IDS, seedDraft, seedLines } from './seed-drafts.js';

const draft = (paragraphs: string[], over: Partial<ArticleDraft> = {}): ArticleDraft => ({
  url: 'https://example.kz/a',
  sourceId: 'example',
  title: 'Заголовок статьи',
  lead: null,
  paragraphs,
  publishedAt: '2025-09-01T06:00:00.000Z',
  updatedAt: null,
  author: null,
  language: 'ru',
  tags: [],
  images: [],
  ...over,
});

/** Lines of a seed file by 1-based line number, trimmed (what the clean draft keeps of them). */
const lines = (file: string, numbers: number[]): string[] => {
  const all = seedLines(file);
  return numbers.map((n) => (all[n - 1] as string).trim());
};

describe('normalizeParagraph', () => {
  it('gives a paragraph and its copy without the final full stop one key', () => {
    const a = 'Подводя итоги заседания, Касым-Жомарт Токаев отметил, что … определен вектор дальнейшего развития нашей Организации. ';
    const b = 'Подводя итоги заседания, Касым-Жомарт Токаев отметил, что … определен вектор дальнейшего развития нашей Организации';
    expect(normalizeParagraph(a)).toBe(normalizeParagraph(b));
    // NFKC spells the ellipsis as three full stops.
    expect(normalizeParagraph(a)).toBe('подводя итоги заседания, касым-жомарт токаев отметил, что... определен вектор дальнейшего развития нашей организации');
  });

  it('folds case, ё, quotes, dashes, spaces and compatibility forms', () => {
    expect(normalizeParagraph('«Ёлка» — ЗЕЛЁНАЯ\u00a0\u00a0и  «пушистая»!')).toBe('"елка" - зеленая и "пушистая"');
    expect(normalizeParagraph('“Ёлка” – зеленая и "пушистая"')).toBe('"елка" - зеленая и "пушистая"');
    // NFKC: the ligature and the full-width digit become plain letters and digits.
    expect(normalizeParagraph('ﬁnal １')).toBe('final 1');
  });

  it('ignores invisible characters and space before punctuation', () => {
    expect(normalizeParagraph('Слово\u00ad\u200bслово , другое ;')).toBe('словослово, другое');
  });
});

describe('paragraphHash and contentHash', () => {
  it('hash the comparison key, so near-repeats share a hash and other text does not', () => {
    expect(paragraphHash('Текст абзаца.')).toBe(paragraphHash('  текст   абзаца '));
    expect(paragraphHash('Текст абзаца.')).not.toBe(paragraphHash('Текст другого абзаца.'));
    expect(paragraphHash('x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives one content hash to the same paragraphs in the same order only', () => {
    expect(contentHash(['Первый.', 'Второй.'])).toBe(contentHash(['первый', 'второй']));
    expect(contentHash(['Первый.', 'Второй.'])).not.toBe(contentHash(['Второй.', 'Первый.']));
  });
});

describe('paragraphHashes', () => {
  const computedNow = (paragraphs: readonly string[]) => ({ paragraphHashes: paragraphs.map(paragraphHash), contentHash: contentHash([...paragraphs]) });

  it('gives a cleaned draft the hashes of its paragraphs as they read (the keys cleanDraft kept are theirs)', () => {
    for (const id of SEED_IDS) {
      const cleaned = cleanDraft(seedDraft(id));
      expect(cleaned.paragraphs.length).toBeGreaterThan(0);
      expect(paragraphHashes(cleaned.paragraphs)).toEqual(computedNow(cleaned.paragraphs));
    }
    const cleaned = cleanDraft(draft(['Текст абзаца', 'Другой абзац.', 'Текст абзаца.']));
    expect(cleaned.paragraphs).toEqual(['Текст абзаца.', 'Другой абзац.']);
    expect(paragraphHashes(cleaned.paragraphs)).toEqual(computedNow(['Текст абзаца.', 'Другой абзац.']));
  });

  it('follows a cleaned draft whose paragraphs were changed in place afterwards', () => {
    const cleaned = cleanDraft(draft(['Первый абзац.', 'Второй абзац.']));
    const before = paragraphHashes(cleaned.paragraphs);
    cleaned.paragraphs[1] = 'Совсем другой абзац.';
    const after = paragraphHashes(cleaned.paragraphs);
    expect(after).toEqual(computedNow(['Первый абзац.', 'Совсем другой абзац.']));
    expect(after.contentHash).not.toBe(before.contentHash);
    cleaned.paragraphs.push('Третий абзац.');
    expect(paragraphHashes(cleaned.paragraphs)).toEqual(computedNow(['Первый абзац.', 'Совсем другой абзац.', 'Третий абзац.']));
  });
});

describe('isDecoration', () => {
  it('recognizes lone emoji, dashes, bare numbers and counter rows', () => {
    for (const line of ['✔️', '-', '- 5588', '  27.02.2026   110', '2024', '👨⚖️👨⚖️🟢', '']) expect(isDecoration(line)).toBe(true);
  });

  it('keeps lines with words, and long lines of figures', () => {
    expect(isDecoration('1🎉 Группа Orda')).toBe(false);
    expect(isDecoration('V$XV')).toBe(false);
    expect(isDecoration('1 234 567 | 2 345 678 | 3 456 789 | 4 567 890 | 5 678 901')).toBe(false);
  });
});

describe('cleanDraft on the seed pages', () => {
  it('000 (akorda): keeps the summit paragraphs once, the fuller copy, and the title only as title', () => {
    const clean = cleanDraft(seedDraft('000'));
    expect(clean.paragraphs).toEqual(lines('000_843dcef159b6604a.txt', [6, 10, 11, 12, 15, 16]));
    expect(clean.paragraphs.filter((p) => p.startsWith('Подводя итоги заседания'))).toEqual([
      'Подводя итоги заседания, Касым-Жомарт Токаев отметил, что был обсужден широкий спектр вопросов по дальнейшему продвижению многопланового сотрудничества, определен вектор дальнейшего развития нашей Организации.',
    ]);
    expect(clean.title).toBe('Отдельно Глава государства остановился на необходимости реформирования и модернизации ШОС');
    expect(clean.lead).toBeNull();
  });

  it('001 (zakon): a clean page keeps every paragraph as it is', () => {
    expect(cleanDraft(seedDraft('001')).paragraphs).toEqual(lines('001_0d30d35b810bd699.txt', [1, 3, 5, 7, 9, 11]));
  });

  it('002 (dknews): the title and the tag line are not body text', () => {
    const expected = lines('002_0ffbf3b4473e75c9.txt', [3, 4, 5, 6, 7, 8, 9]);
    expect(cleanDraft(seedDraft('002')).paragraphs).toEqual(expected);
    // The tag row goes even when the extractor found no tags: it reads as a row of labels.
    expect(cleanDraft(seedDraft('002', { tags: [] })).paragraphs).toEqual(expected);
  });

  it('003 (lada): ends with its last sentence, without the comments counter', () => {
    const clean = cleanDraft(seedDraft('003'));
    expect(clean.paragraphs).toHaveLength(41);
    expect(clean.paragraphs.at(-1)).toBe(
      'Президент также пожелал успехов Кыргызской Республике и ее президенту Садыру Жапарову в осуществлении следующего председательства в организации.',
    );
    expect(clean.paragraphs.join('\n')).not.toMatch(/Комментари/);
  });

  it('004: the "most read" list with its counters is cut after the last body paragraph', () => {
    expect(cleanDraft(seedDraft('004')).paragraphs).toEqual(lines('004_39e5358c49e29764.txt', [1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });
});

describe('cleanDraft', () => {
  it('keeps the first position of a repeat with the fuller text', () => {
    const clean = cleanDraft(draft(['Первый абзац без точки', 'Второй абзац.', 'Первый абзац без точки.']));
    expect(clean.paragraphs).toEqual(['Первый абзац без точки.', 'Второй абзац.']);
  });

  it('drops a paragraph equal to the lead, and a lead equal to the title', () => {
    expect(cleanDraft(draft(['Вводка статьи.', 'Текст.'], { lead: 'Вводка статьи' })).paragraphs).toEqual(['Текст.']);
    expect(cleanDraft(draft(['Текст.'], { lead: 'Заголовок статьи.' })).lead).toBeNull();
  });

  it('cuts comment-widget text glued to the last paragraph', () => {
    expect(cleanDraft(draft(['Текст.', 'Последний абзац.Комментарии0 комментарий(ев)'])).paragraphs).toEqual(['Текст.', 'Последний абзац.']);
    expect(cleanDraft(draft(['Текст.', 'Комментарии (12)'])).paragraphs).toEqual(['Текст.']);
  });

  it('drops header dates, view counters and bare credit lines', () => {
    const clean = cleanDraft(
      draft(['Суббота, 28 Февраля 2026', 'Текст статьи.', 'Просмотров: 110', '27 ақпан 2026 ж.', 'Фото: akorda.kz', 'akorda.kz', 'Сегодня, 13:51']),
    );
    expect(clean.paragraphs).toEqual(['Текст статьи.']);
  });

  it('cuts the body at an end-of-article block heading, never at the first line', () => {
    expect(cleanDraft(draft(['Текст.', 'Ещё текст.', 'Другие новости', 'Заголовок другой новости'])).paragraphs).toEqual(['Текст.', 'Ещё текст.']);
    expect(cleanDraft(draft(['Другие новости', 'Текст.'])).paragraphs).toEqual(['Другие новости', 'Текст.']);
  });

  it('drops a teaser cut with "..." when the paragraph it was cut from is there', () => {
    const full = 'В Акорде состоялись переговоры Президента Республики Казахстан с Президентом Сербии.';
    expect(cleanDraft(draft(['В Акорде состоялись переговоры Президента Республи...', full])).paragraphs).toEqual([full]);
    expect(cleanDraft(draft(['Текст.', 'В Акорде состоялись переговоры Президента Республи...'])).paragraphs).toHaveLength(2);
  });

  it('keeps a closing sentence that lacks its full stop, and a lone counter that is not a list', () => {
    const closing = 'Ранее глава государства выдвинул идею создать Центр изучения водных проблем ШОС в Казахстане';
    expect(cleanDraft(draft(['Текст.', closing])).paragraphs).toEqual(['Текст.', closing]);
    expect(cleanDraft(draft(['Текст.', '- 15', 'Последний абзац.'])).paragraphs).toEqual(['Текст.', 'Последний абзац.']);
  });

  it('drops a line made of the page tags, and keeps the tags out of the body', () => {
    const clean = cleanDraft(draft(['Текст.', 'Экономика, Нацбанк'], { tags: ['Экономика', 'Нацбанк', 'Экономика'] }));
    expect(clean.paragraphs).toEqual(['Текст.']);
    expect(clean.tags).toEqual(['Экономика', 'Нацбанк']);
  });

  it('is pure: the same draft gives the same result and is not changed', () => {
    const input = seedDraft('000');
    const copy = structuredClone(input);
    expect(cleanDraft(input)).toEqual(cleanDraft(input));
    expect(input).toEqual(copy);
  });
});
