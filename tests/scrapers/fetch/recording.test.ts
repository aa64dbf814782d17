import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT } from '../../../src/config.js';
import { KznewsError, UsageError } from '../../../src/errors.js';
import { createHttpFetcher, type HttpFetcherOptions } from '../../../src/scrapers/fetch/http.js';
import { createLocalHostGate } from '../../../src/scrapers/fetch/politeness.js';
import {
  bodyFileName,
  createRecorder,
  openRecording,
  recordingTransport,
  replayTransport,
} from '../../../src/scrapers/fetch/recording.js';
import type { Page } from '../../../src/scrapers/types.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { serveRecording } from '../../helpers/recording-server.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/fetch/${name}`, import.meta.url));

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kznews-recording-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const NOW = new Date('2024-07-04T10:00:00.000Z');
function fetcher(extra: Partial<HttpFetcherOptions>) {
  return createHttpFetcher({
    userAgent: DEFAULT_USER_AGENT,
    timeoutMs: 5_000,
    maxBodyBytes: 1024 * 1024,
    maxRedirects: 5,
    retries: 0,
    gate: createLocalHostGate({ concurrency: 2, delayMs: 0 }),
    robots: false,
    now: () => NOW,
    ...extra,
  });
}

async function site(): Promise<FixtureServer> {
  const server = await startFixtureServer({
    '/ru/events?page=1': { body: '<ul><li><a href="/ru/glava-483750">Глава</a></li></ul>' },
    '/ru/glava-483750': {
      headers: { 'content-type': 'text/html; charset=windows-1251', etag: '"a1"', 'set-cookie': 'sid=1' },
      body: fixture('cp1251-plain.html'),
    },
    '/old-link': { status: 301, headers: { location: '/ru/glava-483750' } },
    '/ru/rss': { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: '<rss><channel/></rss>' },
    '/': { body: '<p>home</p>' },
  });
  cleanup.push(() => server.close());
  return server;
}

const URLS = [
  'https://www.akorda.kz/ru/events?page=1',
  'https://www.akorda.kz/old-link',
  'https://www.akorda.kz/ru/rss',
  'https://www.akorda.kz/',
];

const withoutDuration = ({ durationMs: _, ...rest }: Page): Omit<Page, 'durationMs'> => rest;

describe('record, then replay', () => {
  it('replays exactly the pages fetched live, and reports what it lacks', async () => {
    const server = await site();
    const dir = tempDir();
    const recorder = createRecorder(dir);
    const live = fetcher({ connectTo: { 'akorda.kz': server.origin }, transport: recordingTransport(undefined, recorder) });
    const livePages = [];
    for (const url of URLS) livePages.push(await live.fetch(url));
    await recorder.flush();

    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as unknown;
    expect(index).toEqual({
      version: 1,
      entries: [
        { url: 'https://www.akorda.kz/', status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, file: 'www.akorda.kz/index.html' },
        { url: 'https://www.akorda.kz/old-link', status: 301, headers: { 'content-type': 'text/html; charset=utf-8', location: '/ru/glava-483750' } },
        {
          url: 'https://www.akorda.kz/ru/events?page=1',
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          file: 'www.akorda.kz/ru/events__page=1.html',
        },
        {
          url: 'https://www.akorda.kz/ru/glava-483750',
          status: 200,
          headers: { 'content-type': 'text/html; charset=windows-1251', etag: '"a1"' },
          file: 'www.akorda.kz/ru/glava-483750.html',
        },
        {
          url: 'https://www.akorda.kz/ru/rss',
          status: 200,
          headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
          file: 'www.akorda.kz/ru/rss.xml',
        },
      ],
    });
    expect(readFileSync(join(dir, 'www.akorda.kz/ru/glava-483750.html')).equals(fixture('cp1251-plain.html'))).toBe(true);

    const recording = openRecording(dir);
    const replayed = fetcher({ transport: replayTransport(recording) });
    const replayedPages = [];
    for (const url of URLS) replayedPages.push(await replayed.fetch(url));
    // A recording keeps the headers that describe the resource, not those of one transfer (date, cookies).
    const resourceHeaders = (p: Page): Page => ({
      ...p,
      headers: Object.fromEntries(Object.entries(p.headers).filter(([name]) => ['content-type', 'etag'].includes(name))),
    });
    expect(replayedPages.map(withoutDuration)).toEqual(livePages.map(resourceHeaders).map(withoutDuration));
    expect(livePages[1]?.headers['set-cookie']).toBe('sid=1');
    expect(replayedPages[1]).toMatchObject({ url: 'https://www.akorda.kz/ru/glava-483750', charset: 'windows-1251' });
    const tracked = await replayed.fetch('https://www.akorda.kz/ru/events?page=1&utm_source=tg');
    expect(tracked.html).toBe(livePages[0]?.html);

    const error = await replayed.fetch('https://www.akorda.kz/ru/never-recorded').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KznewsError);
    expect(error).toMatchObject({ kind: 'permanent', status: 404, message: 'not in the recording: https://www.akorda.kz/ru/never-recorded' });
    expect(recording.missing()).toEqual(['https://www.akorda.kz/ru/never-recorded']);
  });

  it('writes a recording the team test server can serve', async () => {
    const server = await site();
    const dir = tempDir();
    const recorder = createRecorder(dir);
    const live = fetcher({ connectTo: { 'akorda.kz': server.origin }, transport: recordingTransport(undefined, recorder) });
    for (const url of URLS) await live.fetch(url);
    await recorder.flush();

    const served = await serveRecording(dir);
    cleanup.push(() => served.close());
    const page = await fetcher({ connectTo: served.connectTo }).fetch('https://akorda.kz/old-link');
    expect(page.url).toBe('https://akorda.kz/ru/glava-483750');
    expect(page.html).toContain('Глава государства принял министра экологии.');
  });

  it('does not record a body it gave up on for its size', async () => {
    const server = await site();
    const dir = tempDir();
    const recorder = createRecorder(dir);
    const small = fetcher({ connectTo: { 'akorda.kz': server.origin }, transport: recordingTransport(undefined, recorder), maxBodyBytes: 100 });
    await expect(small.fetch('https://www.akorda.kz/ru/glava-483750')).rejects.toThrow('page larger than 100 bytes');
    await recorder.flush();
    expect(openRecording(dir).entries()).toEqual([]);
  });

  it('keeps what an earlier session recorded, replacing only what is recorded again', async () => {
    const dir = tempDir();
    const first = createRecorder(dir);
    first.record({ url: 'https://a.kz/1', status: 200, headers: { 'Content-Type': 'text/html' }, body: Buffer.from('one') });
    first.record({ url: 'https://a.kz/2', status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from('two') });
    await first.flush();
    const second = createRecorder(dir);
    second.record({ url: 'https://a.kz/2', status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from('TWO') });
    second.record({ url: 'https://a.kz/3', status: 304, headers: {}, body: new Uint8Array(0) });
    await second.flush();
    const recording = openRecording(dir);
    expect(recording.entries().map((e) => e.url)).toEqual(['https://a.kz/1', 'https://a.kz/2']);
    expect(recording.lookup('https://a.kz/1')?.body.toString()).toBe('one');
    expect(recording.lookup('https://a.kz/2')?.body.toString()).toBe('TWO');
  });
});

describe('openRecording', () => {
  function writeSite(dir: string, host: string, entries: Array<{ url: string; status: number; body?: string }>): void {
    mkdirSync(join(dir, host), { recursive: true });
    const index = {
      version: 1,
      entries: entries.map((e, i) => {
        if (e.body !== undefined) writeFileSync(join(dir, host, `${i}.html`), e.body);
        return { url: e.url, status: e.status, headers: { 'content-type': 'text/html' }, ...(e.body === undefined ? {} : { file: `${i}.html` }) };
      }),
    };
    writeFileSync(join(dir, host, 'index.json'), JSON.stringify(index));
  }

  it('reads one index.json per site folder, files relative to each', () => {
    const dir = tempDir();
    writeSite(dir, 'akorda', [{ url: 'https://www.akorda.kz/ru/a', status: 200, body: 'akorda a' }]);
    writeSite(dir, 'zakon', [{ url: 'https://www.zakon.kz/1-x.html', status: 200, body: 'zakon 1' }]);
    const recording = openRecording(dir);
    expect(recording.lookup('https://www.akorda.kz/ru/a')?.body.toString()).toBe('akorda a');
    expect(recording.lookup('https://www.zakon.kz/1-x.html')?.body.toString()).toBe('zakon 1');
    expect(recording.entries().map((e) => e.file)).toEqual([join(dir, 'akorda', '0.html'), join(dir, 'zakon', '0.html')]);
  });

  it('matches by canonical URL, then ignoring www., the scheme, tracking parameters and a trailing slash', () => {
    const dir = tempDir();
    writeSite(dir, 'tengri', [
      { url: 'https://tengrinews.kz/news/a-1/', status: 200, body: 'a' },
      { url: 'https://www.tengrinews.kz/news/b-2', status: 200, body: 'b' },
    ]);
    const recording = openRecording(dir);
    const body = (url: string): string | undefined => recording.lookup(url)?.body.toString();
    expect(body('https://tengrinews.kz/news/a-1/#comments')).toBe('a');
    expect(body('https://tengrinews.kz/news/a-1/?utm_source=tg&fbclid=x')).toBe('a');
    expect(body('https://www.tengrinews.kz/news/a-1')).toBe('a');
    expect(body('http://tengrinews.kz/news/b-2/')).toBe('b');
    expect(body('https://tengrinews.kz/news/a-1/?page=2')).toBeUndefined();
    expect(body('not a url')).toBeUndefined();
    expect(recording.missing()).toEqual(['https://tengrinews.kz/news/a-1/?page=2', 'not a url']);
  });

  it('says plainly when a folder is not a recording', () => {
    const dir = tempDir();
    expect(() => openRecording(dir)).toThrow(new UsageError(`recording ${dir} has no index.json, at its top or one level down`));
    writeFileSync(join(dir, 'index.json'), '{"entries": []}');
    expect(() => openRecording(dir)).toThrow(`${join(dir, 'index.json')} is not a kznews recording`);
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ version: 1, entries: [{ url: 'https://a.kz/', status: 200, headers: {}, file: 'gone.html' }] }));
    expect(() => openRecording(dir)).toThrow(`${join(dir, 'index.json')}: https://a.kz/ names a missing file gone.html`);
    expect(() => openRecording(join(dir, 'nope'))).toThrow(`recording ${join(dir, 'nope')} is not a directory`);
  });
});

describe('bodyFileName', () => {
  const free = (): boolean => false;

  it.each([
    ['https://www.akorda.kz/ru/events?page=1', 'text/html; charset=utf-8', 'www.akorda.kz/ru/events__page=1.html'],
    ['https://www.akorda.kz/', 'text/html', 'www.akorda.kz/index.html'],
    ['https://tengrinews.kz/news/a-1/', 'text/html', 'tengrinews.kz/news/a-1/index.html'],
    ['https://tengrinews.kz/news.rss', 'application/rss+xml', 'tengrinews.kz/news.rss.xml'],
    ['https://zakon.kz/sitemap/index.xml', 'text/xml', 'zakon.kz/sitemap/index.xml'],
    ['https://zakon.kz/news/?handler=LoadMoreNews&p=2', 'application/json', 'zakon.kz/news/index__handler=LoadMoreNews_p=2.json'],
    ['https://dknews.kz/img/a.jpg', 'image/jpeg', 'dknews.kz/img/a.jpg'],
    ['https://dknews.kz/blob', null, 'dknews.kz/blob.bin'],
    ['http://127.0.0.1:4000/%D0%B0/../x', 'text/html', '127.0.0.1_4000/x.html'],
  ])('%s is stored as %s', (url, type, expected) => {
    expect(bodyFileName(url, type ?? undefined, free)).toBe(expected);
  });

  it('cuts a long name and adds a hash of the URL', () => {
    const url = `https://zakon.kz/search?q=${'a'.repeat(300)}`;
    const name = bodyFileName(url, 'text/html', free);
    expect(name).toMatch(/^zakon\.kz\/search__q=a{90}-[0-9a-f]{8}\.html$/);
  });

  it('adds a hash when another URL already holds the name', () => {
    const taken = (name: string): boolean => name === 'a.kz/x_20y.html';
    expect(bodyFileName('https://a.kz/x_20y', 'text/html', free)).toBe('a.kz/x_20y.html');
    expect(bodyFileName('https://a.kz/x y', 'text/html', taken)).toMatch(/^a\.kz\/x_20y-[0-9a-f]{8}\.html$/);
  });
});
