/**
 * The pipeline's browser fetcher is given each source's body selector: a page whose body a script draws
 * late (long after the load event and a quiet network) is stored complete, read in real Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { getArticle } from '../../src/db/queries.js';
import type { KzDb } from '../../src/db/types.js';
import { createPipeline, type Pipeline } from '../../src/pipeline/ingest.js';
import { defineSource } from '../../src/scrapers/sites/define.js';
import { createRegistry } from '../../src/scrapers/sites/index.js';
import type { FixtureServer } from '../helpers/fixture-server.js';
import { ARTICLE_TITLE, DELAYED_PARAGRAPHS, startBrowserFixtureServer } from '../scrapers/fetch/browser-helpers.js';

const chromiumOverride = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ? { PLAYWRIGHT_CHROMIUM_EXECUTABLE: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE } : {};
const URL_DELAYED = 'https://delayed.example.kz/ru/delayed';

const delayedNews = defineSource({
  id: 'delayed-news',
  name: 'Delayed News',
  baseUrl: 'https://delayed.example.kz',
  renderer: 'browser',
  discovery: { feeds: ['https://delayed.example.kz/rss.xml'] },
  selectors: { title: 'h1', body: '.story-body', date: 'time' },
});

describe("the pipeline's browser fetcher", () => {
  let dir: string;
  let server: FixtureServer;
  let kz: KzDb;
  let pipeline: Pipeline;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kznews-fetchers-'));
    server = await startBrowserFixtureServer();
    const config = loadConfig({ DATABASE_PATH: join(dir, 'kznews.db'), HOST_DELAY_MS: '0', FETCH_RETRIES: '0', LOG_LEVEL: 'silent', ...chromiumOverride });
    kz = openDatabase(config.databasePath);
    pipeline = createPipeline({ config, registry: createRegistry([delayedNews]), kz, connectTo: { 'delayed.example.kz': server.origin } });
  });

  afterAll(async () => {
    await pipeline?.close();
    kz?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("waits for the source's body selector: a body drawn late and filled from a slow request is stored whole", async () => {
    const outcome = await pipeline.ingestUrl(URL_DELAYED);
    expect(outcome).toMatchObject({ status: 'new', renderer: 'browser', error: null });
    const article = getArticle(kz, URL_DELAYED);
    expect(article?.title).toBe(ARTICLE_TITLE);
    expect(article?.published).toBe('2026-03-02T06:00:00.000Z');
    expect(article?.text.split('\n')).toEqual(DELAYED_PARAGRAPHS);
  });
});
