import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getValidators, knownUrls, logFetch, storeArticle } from '../../../src/db/queries.js';
import { count, draft, input, tempDb, withSources, type TempDb } from '../helpers.js';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  withSources(t.kz, 'zakon.kz');
});
afterEach(() => t.cleanup());

const at = (minute: number): string => `2024-07-04T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('logFetch', () => {
  it('writes one row with what it was given and nulls for the rest', () => {
    const id = logFetch(t.kz, {
      url: 'https://www.zakon.kz/x',
      sourceId: 'zakon.kz',
      status: 503,
      outcome: 'failed',
      errorKind: 'transient',
      error: 'HTTP 503',
      fetchedAt: at(1),
    });
    expect(t.kz.sqlite.prepare('SELECT * FROM fetches WHERE id = ?').get(id)).toEqual({
      id,
      url: 'https://www.zakon.kz/x',
      final_url: null,
      source_id: 'zakon.kz',
      status: 503,
      bytes: null,
      duration_ms: null,
      renderer: null,
      outcome: 'failed',
      error_kind: 'transient',
      error: 'HTTP 503',
      etag: null,
      last_modified: null,
      article_id: null,
      crawl_run_id: null,
      fetched_at: at(1),
    });
  });
});

describe('getValidators', () => {
  it('gives the latest ETag/Last-Modified of an answered fetch, skipping failures and rows without any', () => {
    const url = 'https://www.zakon.kz/1';
    expect(getValidators(t.kz, url)).toBeNull();
    storeArticle(t.kz, input(draft({ url, sourceId: 'zakon.kz' }), { etag: '"a"', fetchedAt: at(1) }));
    logFetch(t.kz, { url, outcome: 'not-modified', status: 304, etag: '"b"', lastModified: 'Thu, 04 Jul 2024 10:00:00 GMT', fetchedAt: at(2) });
    logFetch(t.kz, { url, outcome: 'failed', status: 500, etag: '"broken"', fetchedAt: at(3) });
    logFetch(t.kz, { url, outcome: 'not-modified', status: 304, fetchedAt: at(4) });
    expect(getValidators(t.kz, url)).toEqual({ etag: '"b"', lastModified: 'Thu, 04 Jul 2024 10:00:00 GMT' });
  });
});

describe('knownUrls', () => {
  it('knows stored articles, settled fetches and redirect targets, but not failures', () => {
    storeArticle(t.kz, input(draft({ url: 'https://www.zakon.kz/stored', sourceId: 'zakon.kz' })));
    logFetch(t.kz, { url: 'https://www.zakon.kz/discarded', outcome: 'discarded', errorKind: 'not-article' });
    logFetch(t.kz, { url: 'https://www.zakon.kz/old', finalUrl: 'https://www.zakon.kz/new', outcome: 'discarded' });
    logFetch(t.kz, { url: 'https://www.zakon.kz/failed', outcome: 'failed', errorKind: 'transient' });
    const asked = ['stored', 'discarded', 'old', 'new', 'failed', 'unseen'].map((p) => `https://www.zakon.kz/${p}`);
    expect([...knownUrls(t.kz, asked)].sort()).toEqual(
      ['discarded', 'new', 'old', 'stored'].map((p) => `https://www.zakon.kz/${p}`),
    );
    expect(knownUrls(t.kz, [])).toEqual(new Set());
  });

  it('answers lists longer than one IN chunk, in a few statements', () => {
    const insert = t.kz.sqlite.prepare("INSERT INTO fetches (url, outcome, fetched_at) VALUES (?, 'discarded', 'x')");
    t.kz.sqlite.transaction(() => {
      for (let i = 0; i < 1500; i += 2) insert.run(`https://www.zakon.kz/n/${i}`);
    })();
    const asked = Array.from({ length: 1500 }, (_, i) => `https://www.zakon.kz/n/${i}`);
    const known = knownUrls(t.kz, [...asked, ...asked]);
    expect(known.size).toBe(750);
    expect(known.has('https://www.zakon.kz/n/1498')).toBe(true);
    expect(known.has('https://www.zakon.kz/n/1499')).toBe(false);
    expect(count(t.kz, 'fetches')).toBe(750);
  });
});
