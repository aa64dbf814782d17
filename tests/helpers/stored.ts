/**
 * The one shape every site test asserts: an article of the fixture crawl stored under its URL, with the exact
 * title, UTC publication instant, author, tags, language and body paragraphs (lead and modified when given).
 */
import { expect } from 'vitest';
import { searchArticles } from '../../src/db/queries.js';
import type { ArticleView } from '../../src/db/types.js';
import type { FixtureCrawl } from './pipeline.js';

export interface ExpectedArticle {
  title: string;
  /** UTC ISO-8601, or null when the page gives no date. */
  published: string | null;
  author: string | null;
  tags: string[];
  lang: string | null;
  paragraphs: string[];
  lead?: string | null;
  modified?: string | null;
}

/** The article stored under this URL, read from the database now (a later crawl's too); fails naming the URLs stored instead. */
export function storedArticle(crawl: FixtureCrawl, url: string): ArticleView {
  const all = searchArticles(crawl.kz, { limit: 10_000 });
  const article = all.find((a) => a.url === url);
  if (!article) throw new Error(`${url} was not stored; stored: ${all.map((a) => a.url).join(', ')}`);
  return article;
}

export const storedParagraphs = (article: ArticleView): string[] => (article.text === '' ? [] : article.text.split('\n'));

export function expectStored(crawl: FixtureCrawl, url: string, expected: ExpectedArticle): void {
  const article = storedArticle(crawl, url);
  const { paragraphs, ...fields } = expected;
  const actual = Object.fromEntries(Object.keys(fields).map((key) => [key, article[key as keyof ArticleView]]));
  expect({ url, ...actual }).toEqual({ url, ...fields });
  expect(storedParagraphs(article)).toEqual(paragraphs);
}
