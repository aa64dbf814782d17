import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/scrapers/extract/index.js';
import { CASES, contextOf, expectedBody, pageOf } from '../../fixtures/extract/cases.js';

describe('extractArticle on fixture pages', () => {
  for (const c of CASES) {
    const expected = c.expected;
    if ('discard' in expected) {
      it(`discards ${c.name} with its reason`, () => {
        const result = extractArticle(pageOf(c), contextOf(c), c.selectors);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.reason).toMatch(expected.discard);
      });
      continue;
    }
    it(`extracts ${c.name}: exact paragraphs, title, dates, author, tags, language`, () => {
      const result = extractArticle(pageOf(c), contextOf(c), c.selectors);
      if (!result.ok) throw new Error(`discarded: ${result.reason}`);
      const d = result.draft;
      expect(d.paragraphs).toEqual(expectedBody(c.file));
      expect({
        url: d.url,
        title: d.title,
        lead: d.lead,
        publishedAt: d.publishedAt,
        updatedAt: d.updatedAt,
        author: d.author,
        language: d.language,
        tags: d.tags,
      }).toEqual(expected);
      expect(d.sourceId).toBe(c.file);
    });
  }
});

describe('extractArticle details', () => {
  const akorda = CASES.find((c) => c.file === 'akorda-ru')!;
  const zakon = CASES.find((c) => c.file === 'zakon')!;

  it('never takes the header clock or related-news dates for the publication date', () => {
    const result = extractArticle(pageOf(akorda), contextOf(akorda));
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft.publishedAt).toBe('2024-07-03T19:00:00.000Z');
    expect(result.draft.publishedAt).not.toBe('2026-02-27T19:00:00.000Z');
  });

  it('drops the title repeated as a lead, the repeated summit paragraphs, the emoji line and the credit', () => {
    const result = extractArticle(pageOf(akorda), contextOf(akorda));
    if (!result.ok) throw new Error(result.reason);
    const body = result.draft.paragraphs.join('\n');
    expect(body).not.toContain('✔️');
    expect(body).not.toContain('akorda.kz');
    expect(body).not.toContain(result.draft.title);
    expect(result.draft.paragraphs.filter((p) => p.startsWith('Подводя итоги заседания'))).toHaveLength(1);
  });

  it('reads hreflang alternates and absolute images', () => {
    const result = extractArticle(pageOf(akorda), contextOf(akorda));
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft.alternates).toEqual({
      kk: 'https://www.akorda.kz/kz/kasym-zhomart-tokaev-prinyal-uchastie-v-zasedanii-soveta-glav-gosudarstv-chlenov-shos-2835614',
      en: 'https://www.akorda.kz/en/kasym-zhomart-tokaev-prinyal-uchastie-v-zasedanii-soveta-glav-gosudarstv-chlenov-shos-2835614',
    });
    expect(result.draft.images).toEqual([
      'https://www.akorda.kz/public/assets/media/uploadMedia/1720084361_shos-1.jpg',
      'https://www.akorda.kz/public/assets/media/uploadMedia/1720084361_shos-2.jpg',
    ]);
  });

  it('cuts a selector body at its bodyEnd element', () => {
    const result = extractArticle(pageOf(zakon), contextOf(zakon), { title: 'h1', body: 'div.content', bodyEnd: ['#adfox_170000111'] });
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft.paragraphs).toEqual(expectedBody('zakon').slice(0, 4));
  });

  it('cuts a selector body at an end marker text and drops paragraphs by pattern and length', () => {
    const html = `<html><head><title>Заголовок новости о бюджете</title></head><body><h1>Заголовок новости о бюджете</h1><div class="text">
      <p>Первый абзац новости о бюджете страны на следующий год, принятом парламентом в среду после долгих обсуждений.</p>
      <p>Фото автора</p><p>Коротко.</p>
      <p>Второй абзац: расходы на образование вырастут на 12%, а на здравоохранение — на 9%, сообщили в министерстве финансов.</p>
      <p>Источник: пресс-служба</p>
      <p>Смотрите наши видео про бюджет и многое другое.</p><p>Этот абзац уже после конца статьи.</p></div></body></html>`;
    const page = { ...pageOf(zakon, html), url: 'https://example.kz/a/1' };
    const result = extractArticle(page, contextOf(zakon), {
      body: '.text',
      endMarkers: ['Смотрите наши видео'],
      dropPatterns: [/^Источник:/],
      minParagraphLength: 20,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft.paragraphs).toEqual([
      'Первый абзац новости о бюджете страны на следующий год, принятом парламентом в среду после долгих обсуждений.',
      'Второй абзац: расходы на образование вырастут на 12%, а на здравоохранение — на 9%, сообщили в министерстве финансов.',
    ]);
  });

  it('falls back to the generic extractor when the body selector matches nothing', () => {
    const result = extractArticle(pageOf(zakon), contextOf(zakon), { body: '.no-such-body' });
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft.paragraphs).toEqual(expectedBody('zakon'));
  });

  it('keeps a canonical URL on another site out and uses the page URL instead', () => {
    const html = pageOf(zakon).html.replace(
      '<link rel="canonical" href="https://www.zakon.kz/politika/6490166-tokaev-nazval-prioritety-razvitiya-shos.html">',
      '<link rel="canonical" href="https://mirror.example.com/copy.html">',
    ).replace(/<meta property="og:url"[^>]*>/, '');
    const result = extractArticle(pageOf(zakon, html), contextOf(zakon));
    if (!result.ok) throw new Error(result.reason);
    expect(result.draft.url).toBe('https://www.zakon.kz/politika/6490166-tokaev-nazval-prioritety-razvitiya-shos.html');
  });

  it('discards a page without any title', () => {
    const html = '<html><body><div><p>' + 'Текст без заголовка, но достаточно длинный для статьи. '.repeat(10) + '</p></div></body></html>';
    const result = extractArticle({ ...pageOf(zakon, html), url: 'https://example.kz/x' }, contextOf(zakon));
    expect(result).toEqual({ ok: false, reason: 'no title' });
  });
  it('takes no lead that a generically read body already says after its dateline ("АСТАНА, 28 авг – Sputnik. …")', () => {
    const first = 'В столице открылась многопрофильная детская больница на 300 коек, сообщили в управлении здравоохранения.';
    const rest = 'В здании площадью 42 тысячи квадратных метров разместились хирургическое, травматологическое и неврологическое отделения.';
    const html = `<html><head><title>Больница на 300 коек</title><meta name="description" content="${first}"></head><body><article><h1>В Астане открыли детскую больницу на 300 коек</h1><div class="article__body"><p><strong>АСТАНА, 28 авг – Sputnik.</strong> ${first}</p><p>${rest}</p></div></article></body></html>`;
    const url = 'https://news.example.kz/20250828/bolnitsa.html';
    const r = extractArticle({ ...pageOf(zakon, html), url, requestedUrl: url }, contextOf(zakon));
    if (!r.ok) throw new Error(r.reason);
    expect(r.draft.lead).toBeNull();
    expect(r.draft.paragraphs).toEqual([`АСТАНА, 28 авг – Sputnik. ${first}`, rest]);
  });
});
