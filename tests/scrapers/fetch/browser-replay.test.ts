import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KznewsError } from '../../../src/errors.js';
import { createBrowserFetcher } from '../../../src/scrapers/fetch/browser.js';
import { createRecorder, openRecording, type RecordedEntry } from '../../../src/scrapers/fetch/recording.js';
import type { FixtureServer } from '../../helpers/fixture-server.js';
import { ARTICLE_PARAGRAPH, ARTICLE_TITLE, chromiumPath, startBrowserFixtureServer } from './browser-helpers.js';

let dir: string;
let server: FixtureServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kznews-browser-recording-'));
  server = await startBrowserFixtureServer();
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const common = () => ({ executablePath: chromiumPath(), userAgent: 'kznews-test/1.0', timeoutMs: 5_000, concurrency: 2 });

describe('browser record and replay', () => {
  it('records the document, its scripts, styles and XHR, with redirects, but no images or fonts', async () => {
    const recorder = createRecorder(dir);
    const fetcher = createBrowserFetcher({ ...common(), recorder, connectTo: { 'www.akorda.kz': server.origin } });
    try {
      const page = await fetcher.fetch('https://www.akorda.kz/ru/old');
      expect(page.url).toBe('https://www.akorda.kz/ru/x');
      expect(page.html).toContain(`<p>${ARTICLE_PARAGRAPH}</p>`);
    } finally {
      await fetcher.close();
    }
    await recorder.flush();
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { version: number; entries: RecordedEntry[] };
    expect(index.version).toBe(1);
    expect(index.entries.map((e) => `${e.status} ${e.url}`)).toEqual([
      '200 https://www.akorda.kz/api/article.json',
      '301 https://www.akorda.kz/ru/old',
      '200 https://www.akorda.kz/ru/x',
      '200 https://www.akorda.kz/static/app.js',
      '200 https://www.akorda.kz/static/site.css',
    ]);
    expect(index.entries.find((e) => e.status === 301)?.headers.location).toBe('https://www.akorda.kz/ru/x');
  });

  it('replays the page with the server stopped: same body drawn by the same scripts, missing URLs reported', async () => {
    await server.close();
    const replay = openRecording(dir);
    const fetcher = createBrowserFetcher({ ...common(), replay });
    try {
      const page = await fetcher.fetch('https://www.akorda.kz/ru/old');
      expect(page.url).toBe('https://www.akorda.kz/ru/x');
      expect(page.status).toBe(200);
      expect(page.html).toContain(`<h1>${ARTICLE_TITLE}</h1>`);
      expect(page.html).toContain(`<p>${ARTICLE_PARAGRAPH}</p>`);
      expect(page.html).toContain('<p class="host">host: www.akorda.kz</p>');
      expect(replay.missing()).toEqual([]);

      const error = await fetcher.fetch('https://www.akorda.kz/ru/never-recorded').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KznewsError);
      expect((error as KznewsError).kind).toBe('permanent');
      expect((error as KznewsError).status).toBe(404);
      expect(replay.missing()).toEqual(['https://www.akorda.kz/ru/never-recorded']);
    } finally {
      await fetcher.close();
    }
  });
});
