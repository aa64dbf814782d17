import { describe, expect, it } from 'vitest';
import { articleFromJsonLd, parseJsonLoose } from '../../../src/scrapers/extract/jsonld.js';

describe('parseJsonLoose', () => {
  it('reads JSON with trailing commas and raw newlines inside strings', () => {
    expect(parseJsonLoose('{"a": "line one\nline two", "b": [1, 2,],}')).toEqual({ a: 'line one\nline two', b: [1, 2] });
  });
  it('reads JSON wrapped in an HTML comment', () => {
    expect(parseJsonLoose('<!-- {"@type": "NewsArticle"} -->')).toEqual({ '@type': 'NewsArticle' });
  });
  it('gives undefined for text that is no JSON', () => {
    expect(parseJsonLoose('var x = {')).toBeUndefined();
  });
});

describe('articleFromJsonLd', () => {
  const url = 'https://example.kz/news/1';
  it('finds the article in a @graph and fills its gaps from the WebPage node', () => {
    const script = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', '@id': url, datePublished: '2025-01-02T03:04:05Z', inLanguage: 'kk-KZ' },
        { '@type': ['NewsArticle'], headline: 'Тақырып', author: [{ '@type': 'Person', name: 'А. Сейтқали' }, 'Б. Нұрлан'], keywords: 'a, b' },
      ],
    });
    const a = articleFromJsonLd([script], url);
    expect(a).toMatchObject({
      type: 'newsarticle',
      headline: 'Тақырып',
      datePublished: '2025-01-02T03:04:05Z',
      authors: ['А. Сейтқали', 'Б. Нұрлан'],
      keywords: ['a', 'b'],
      inLanguage: 'kk-KZ',
    });
  });
  it('takes the article whose URL is the page among several', () => {
    const other = JSON.stringify({ '@type': 'NewsArticle', url: 'https://example.kz/news/2', headline: 'Другая' });
    const own = JSON.stringify({ '@type': 'BlogPosting', url: 'https://www.example.kz/news/1/', headline: 'Своя' });
    expect(articleFromJsonLd([other, own], url)?.headline).toBe('Своя');
  });
  it('gives null for a listing whose ItemList holds several articles of other pages', () => {
    const list = JSON.stringify({
      '@type': 'ItemList',
      itemListElement: [
        { '@type': 'ListItem', item: { '@type': 'NewsArticle', url: 'https://example.kz/a', headline: 'A' } },
        { '@type': 'ListItem', item: { '@type': 'NewsArticle', url: 'https://example.kz/b', headline: 'B' } },
      ],
    });
    expect(articleFromJsonLd([list], 'https://example.kz/news/')).toBeNull();
  });
});
