import { describe, expect, it } from 'vitest';
import { KznewsError } from '../../../src/errors.js';
import {
  applyConnectTo,
  assertFetchableUrl,
  canonicalizeUrl,
  hostKey,
  isFetchableUrl,
  isSamePage,
  pickCanonical,
  registrableDomain,
  repairUrl,
} from '../../../src/scrapers/fetch/url.js';

describe('canonicalizeUrl', () => {
  it.each([
    ['HTTPS://WWW.Akorda.KZ:443/ru/events?page=1#top', 'https://www.akorda.kz/ru/events?page=1'],
    ['http://zakon.kz:80/news/', 'http://zakon.kz/news/'],
    ['http://zakon.kz:8080/news/', 'http://zakon.kz:8080/news/'],
    ['https://tengrinews.kz/news/?utm_source=tg&utm_medium=social&id=5', 'https://tengrinews.kz/news/?id=5'],
    ['https://tengrinews.kz/a?z=1&fbclid=AbC&a=2&gclid=x&yclid=7&_openstat=q', 'https://tengrinews.kz/a?z=1&a=2'],
    ['https://orda.kz/a/?ref=main&from=rss', 'https://orda.kz/a/'],
    ['https://orda.kz/a/?from=yandex_news&b=1', 'https://orda.kz/a/?b=1'],
    ['https://vlast.kz/novosti/?from=20&to=40', 'https://vlast.kz/novosti/?from=20&to=40'],
    ['https://inform.kz/ru/lenta?', 'https://inform.kz/ru/lenta'],
    ['https://inform.kz/ru/lenta?utm_campaign=x', 'https://inform.kz/ru/lenta'],
    ['https://inform.kz/ru/lenta?&&b=2&', 'https://inform.kz/ru/lenta?b=2'],
    ['https://inform.kz/search?q=%D0%B0%D1%81%D1%82%D0%B0%D0%BD%D0%B0&UTM_Source=x', 'https://inform.kz/search?q=%D0%B0%D1%81%D1%82%D0%B0%D0%BD%D0%B0'],
    ['https://dknews.kz/ru/новости', 'https://dknews.kz/ru/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8'],
    ['  https://lada.kz/x  ', 'https://lada.kz/x'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('resolves a relative URL against its base', () => {
    expect(canonicalizeUrl('../kz/events?page=2#x', 'https://www.akorda.kz/ru/events')).toBe('https://www.akorda.kz/kz/events?page=2');
    expect(canonicalizeUrl('/ru/rss', 'https://www.akorda.kz/ru/events')).toBe('https://www.akorda.kz/ru/rss');
  });

  it('throws a permanent error for text that is not a URL', () => {
    expect(() => canonicalizeUrl('not a url')).toThrowError(/not a valid URL: not a url/);
    try {
      canonicalizeUrl('/relative/without/base');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KznewsError);
      expect((e as KznewsError).kind).toBe('permanent');
    }
  });
});

describe('fetchable URLs', () => {
  it.each([
    ['https://akorda.kz/', true],
    ['http://127.0.0.1:8080/a', true],
    ['ftp://akorda.kz/file.txt', false],
    ['mailto:press@akorda.kz', false],
    ['javascript:void(0)', false],
    ['/relative', false],
    ['', false],
  ])('isFetchableUrl(%j) is %s', (url, expected) => {
    expect(isFetchableUrl(url)).toBe(expected);
  });

  it('refuses anything that is not http or https with a permanent error naming it', () => {
    expect(() => assertFetchableUrl('ftp://akorda.kz/file.txt')).toThrowError(
      'only http and https URLs are fetched: got ftp://akorda.kz/file.txt',
    );
    try {
      assertFetchableUrl('file:///etc/passwd');
      expect.unreachable();
    } catch (e) {
      expect((e as KznewsError).kind).toBe('permanent');
      expect((e as KznewsError).url).toBe('file:///etc/passwd');
    }
    expect(() => assertFetchableUrl('https://www.akorda.kz/ru')).not.toThrow();
  });
});

describe('repairUrl', () => {
  it.each([
    ['https://tengrinews.kzhttps://tengrisport.kz/news/futbol-123/', undefined, 'https://tengrisport.kz/news/futbol-123/'],
    ['https://tengrinews.kz/https://tengrisport.kz/news/a-1/', undefined, 'https://tengrisport.kz/news/a-1/'],
    ['http://https://zakon.kz/a.html', undefined, 'https://zakon.kz/a.html'],
    ['//www.inform.kz/ru/a?utm_source=rss', undefined, 'https://www.inform.kz/ru/a'],
    ['//www.inform.kz/ru/a', 'http://www.inform.kz/ru/', 'http://www.inform.kz/ru/a'],
    ['/ru/glava-483750', 'https://www.akorda.kz/ru/rss', 'https://www.akorda.kz/ru/glava-483750'],
    ['lada.kz/aktau_news/12345-x.html', undefined, 'https://lada.kz/aktau_news/12345-x.html'],
    ['"https://orda.kz/a/?x=1&amp;y=2"', undefined, 'https://orda.kz/a/?x=1&y=2'],
    ['https://web.archive.org/web/2020/https://akorda.kz/ru', undefined, 'https://web.archive.org/web/2020/https://akorda.kz/ru'],
    ['https://t.me/share/url?url=https://akorda.kz/ru/a', undefined, 'https://t.me/share/url?url=https://akorda.kz/ru/a'],
  ])('%s (base %s) → %s', (raw, base, expected) => {
    expect(repairUrl(raw, base)).toBe(expected);
  });

  it.each([[''], ['   '], ['#comments'], ['javascript:void(0)'], ['mailto:a@b.kz'], ['ftp://a.kz/x'], ['/relative/no-base'], ['http://']])(
    'gives up on %j',
    (raw) => {
      expect(repairUrl(raw)).toBeNull();
    },
  );
});

describe('pickCanonical', () => {
  const page = 'https://www.zakon.kz/6450123-glava.html?utm_source=tg#comments';

  it('takes rel=canonical when it is on the same site', () => {
    expect(pickCanonical(page, { relCanonical: 'https://zakon.kz/6450123-glava.html', ogUrl: 'https://zakon.kz/og' })).toBe(
      'https://zakon.kz/6450123-glava.html',
    );
  });

  it('resolves a relative rel=canonical against the page', () => {
    expect(pickCanonical(page, { relCanonical: '/6450123-glava.html' })).toBe('https://www.zakon.kz/6450123-glava.html');
  });

  it('accepts another subdomain of the same registrable domain', () => {
    expect(pickCanonical('https://m.tengrinews.kz/news/a-1/', { relCanonical: 'https://tengrinews.kz/news/a-1/' })).toBe(
      'https://tengrinews.kz/news/a-1/',
    );
  });

  it('falls back to og:url when rel=canonical is missing, foreign or not http(s)', () => {
    const og = 'https://www.zakon.kz/6450123-glava.html';
    expect(pickCanonical(page, { relCanonical: null, ogUrl: og })).toBe(og);
    expect(pickCanonical(page, { relCanonical: 'https://aggregator.ru/copy/1', ogUrl: og })).toBe(og);
    expect(pickCanonical(page, { relCanonical: 'ftp://zakon.kz/x', ogUrl: og })).toBe(og);
  });

  it('keeps the canonicalized page URL when no candidate is believable', () => {
    expect(pickCanonical(page, { relCanonical: 'https://other.kz/a', ogUrl: '   ' })).toBe('https://www.zakon.kz/6450123-glava.html');
    expect(pickCanonical(page, {})).toBe('https://www.zakon.kz/6450123-glava.html');
  });

  it('ignores a canonical that sends an inner page to the home page', () => {
    expect(pickCanonical(page, { relCanonical: 'https://www.zakon.kz/' })).toBe('https://www.zakon.kz/6450123-glava.html');
    expect(pickCanonical('https://www.zakon.kz/?utm_source=x', { relCanonical: 'https://zakon.kz/' })).toBe('https://zakon.kz/');
  });
});

describe('hosts', () => {
  it.each([
    ['https://WWW.Akorda.kz/ru', 'akorda.kz'],
    ['https://kaz.orda.kz/a', 'kaz.orda.kz'],
    ['www.lada.kz', 'lada.kz'],
    ['http://127.0.0.1:4000/x', '127.0.0.1'],
  ])('hostKey(%s) is %s', (url, expected) => {
    expect(hostKey(url)).toBe(expected);
  });

  it.each([
    ['www.akorda.kz', 'akorda.kz'],
    ['kaz.orda.kz', 'orda.kz'],
    ['egov.gov.kz', 'egov.gov.kz'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['127.0.0.1', '127.0.0.1'],
  ])('registrableDomain(%s) is %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });
});

describe('applyConnectTo', () => {
  const connectTo = { 'www.akorda.kz': 'http://127.0.0.1:41234', 'zakon.kz': 'http://127.0.0.1:5000/' };

  it('sends a mapped host to its origin, matching with and without www.', () => {
    expect(applyConnectTo('https://www.akorda.kz/ru/events?page=1', connectTo)).toBe('http://127.0.0.1:41234/ru/events?page=1');
    expect(applyConnectTo('https://akorda.kz/ru', connectTo)).toBe('http://127.0.0.1:41234/ru');
    expect(applyConnectTo('https://www.zakon.kz/a.html', connectTo)).toBe('http://127.0.0.1:5000/a.html');
  });

  it('leaves other hosts alone', () => {
    expect(applyConnectTo('https://tengrinews.kz/', connectTo)).toBe('https://tengrinews.kz/');
    expect(applyConnectTo('https://tengrinews.kz/', undefined)).toBe('https://tengrinews.kz/');
  });
});

describe('isSamePage', () => {
  it('compares host without www. and path without trailing slashes, a relative URL read against the page', () => {
    const page = 'https://www.lada.kz/aktau_news/city/131238-remont.html';
    expect(isSamePage('https://lada.kz/aktau_news/city/131238-remont.html/?utm=x#c', page)).toBe(true);
    expect(isSamePage('/aktau_news/city/131238-remont.html', page)).toBe(true);
    expect(isSamePage('/kazakhstan-news/131245-tokaev.html', page)).toBe(false);
    expect(isSamePage('https://m.lada.kz/aktau_news/city/131238-remont.html', page)).toBe(false);
    expect(isSamePage('http://[bad', page)).toBe(false);
  });
});
