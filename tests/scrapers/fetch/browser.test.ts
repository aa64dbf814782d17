import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KznewsError, UsageError } from '../../../src/errors.js';
import { createBrowserFetcher, type BrowserFetcher } from '../../../src/scrapers/fetch/browser.js';
import { createLocalHostGate, type HostGate } from '../../../src/scrapers/fetch/politeness.js';
import { looksLikeJsShell } from '../../../src/scrapers/fetch/shell.js';
import { BROWSER } from '../../../src/settings.js';
import type { FixtureServer } from '../../helpers/fixture-server.js';
import {
  ARTICLE_PARAGRAPH,
  ARTICLE_TITLE,
  chromiumChildren,
  chromiumPath,
  DELAYED_PARAGRAPHS,
  descendantsOf,
  hanging,
  startBrowserFixtureServer,
} from './browser-helpers.js';

const TIMEOUT_MS = 4_000;
/** The body selectors an adapter would give, per path; /ru/delayed?selector=none is read without one. */
const BODY_SELECTORS: Record<string, string> = {
  '/ru/late': '#late',
  '/ru/delayed': '.story-body',
  '/ru/unfinished': 'article',
  '/ru/first-empty': '.story p',
};

let server: FixtureServer;
let fetcher: BrowserFetcher;
/** URLs the fetcher asked the host gate for, in order. */
const gated: string[] = [];

beforeAll(async () => {
  server = await startBrowserFixtureServer();
  const gate = createLocalHostGate({ concurrency: 2, delayMs: 0 });
  const watchedGate: HostGate = {
    run: (url, task) => {
      gated.push(url);
      return gate.run(url, task);
    },
    pause: (host, ms) => gate.pause(host, ms),
  };
  fetcher = createBrowserFetcher({
    gate: watchedGate,
    executablePath: chromiumPath(),
    userAgent: 'kznews-test/1.0',
    timeoutMs: TIMEOUT_MS,
    concurrency: 2,
    connectTo: { 'www.akorda.kz': server.origin },
    waitForSelector: (url) => BODY_SELECTORS[new URL(url).pathname + new URL(url).search],
  });
});

afterAll(async () => {
  await fetcher.close();
  for (const res of hanging.splice(0)) res.destroy();
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<KznewsError> {
  const outcome = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof KznewsError)) throw new Error(`expected a KznewsError, got ${String(outcome)}`);
  return outcome;
}

/** Polls a condition the browser brings about, for at most the fetcher's own timeout. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

const documentRequests = (path: string): number => server.requests.filter((r) => r.path === path).length;

describe('createBrowserFetcher', () => {
  it('refuses options that cannot work at construction, saying what to fix, before any browser starts', () => {
    const base = { executablePath: '/usr/bin/chromium', userAgent: 'kznews-test/1.0', timeoutMs: 1_000, concurrency: 1 };
    expect(() => createBrowserFetcher({ ...base, concurrency: 0 })).toThrow(
      new UsageError('browser fetcher: concurrency must be a whole number of at least 1: got 0'),
    );
    expect(() => createBrowserFetcher({ ...base, connectTo: { 'www.akorda.kz': '127.0.0.1:8080' } })).toThrow(
      new UsageError(
        'browser fetcher: connectTo["www.akorda.kz"] must be an http(s) origin like http://127.0.0.1:8080: got 127.0.0.1:8080',
      ),
    );
  });

  it('renders an article that only its scripts draw: the HTTP HTML lacks the text, the browser page has it', async () => {
    const raw = await (await fetch(`${server.origin}/ru/x`)).text();
    expect(raw).not.toContain(ARTICLE_PARAGRAPH);
    expect(looksLikeJsShell(raw)).toBe(true);

    const page = await fetcher.fetch(`${server.origin}/ru/x`);
    expect(page.html).toContain(`<h1>${ARTICLE_TITLE}</h1>`);
    expect(page.html).toContain(`<p>${ARTICLE_PARAGRAPH}</p>`);
    expect(looksLikeJsShell(page.html)).toBe(false);
    expect(page).toMatchObject({
      requestedUrl: `${server.origin}/ru/x`,
      url: `${server.origin}/ru/x`,
      status: 200,
      charset: 'utf-8',
      renderer: 'browser',
      notModified: false,
    });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.bytes).toBe(Buffer.byteLength(raw));
    expect(new Date(page.fetchedAt).toISOString()).toBe(page.fetchedAt);
    expect(server.requests.find((r) => r.path === '/ru/x' && r.headers['user-agent'] === 'kznews-test/1.0')).toBeDefined();
    // Politeness is per page: the page's own scripts and XHR do not queue at the host gate.
    expect(gated).toEqual([`${server.origin}/ru/x`]);
  });

  it('serves a connectTo host from its origin while the page, its URL and its XHR keep the real host', async () => {
    const apiBefore = documentRequests('/api/article.json');
    const page = await fetcher.fetch('https://www.akorda.kz/ru/x');
    expect(page.url).toBe('https://www.akorda.kz/ru/x');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<p>${ARTICLE_PARAGRAPH}</p>`);
    expect(page.html).toContain('<p class="host">host: www.akorda.kz</p>');
    expect(documentRequests('/api/article.json')).toBe(apiBefore + 1);
  });

  it('follows a redirect of a connectTo host and reports the final URL on the real host', async () => {
    const page = await fetcher.fetch('https://akorda.kz/ru/old');
    expect(page.requestedUrl).toBe('https://akorda.kz/ru/old');
    expect(page.url).toBe('https://akorda.kz/ru/x');
    expect(page.html).toContain(`<h1>${ARTICLE_TITLE}</h1>`);
  });

  it('never asks for images or fonts, but does load scripts and styles', async () => {
    const paths = new Set(server.requests.map((r) => r.path));
    expect(paths.has('/static/app.js')).toBe(true);
    expect(paths.has('/static/site.css')).toBe(true);
    expect(paths.has('/static/photo.jpg')).toBe(false);
    expect(paths.has('/static/bg.png')).toBe(false);
    expect(paths.has('/static/ptserif.woff2')).toBe(false);
  });

  it('waits for the selector given for a URL, past the moment the network went quiet', async () => {
    const page = await fetcher.fetch(`${server.origin}/ru/late`);
    expect(page.html).toContain('<article id="late"><p>Текст появился через секунду после загрузки страницы.</p></article>');
  });

  it('reads a body drawn late by a script and filled from a slow request only once all of it is there', async () => {
    const page = await fetcher.fetch(`${server.origin}/ru/delayed`);
    const body = /<div class="story-body">(.*?)<\/div>/s.exec(page.html)?.[1];
    expect(body).toBe(DELAYED_PARAGRAPHS.map((text) => `<p>${text}</p>`).join(''));
  });

  it('reads that page before its body is drawn when no body selector is given (why the pipeline passes one)', async () => {
    const page = await fetcher.fetch(`${server.origin}/ru/delayed?selector=none`);
    expect(page.html).toContain('<div class="story-body"></div>');
  });

  it('with a body selector, reads the drawn body without waiting for a load event that never comes', async () => {
    const page = await fetcher.fetch(`${server.origin}/ru/unfinished`);
    expect(page.html).toContain(`<article><p>${ARTICLE_PARAGRAPH}</p></article>`);
    // Waiting for the network instead would sit out the whole cap: the iframe never finishes.
    expect(page.durationMs).toBeLessThan(BROWSER.networkIdleCapMs);
  });

  it('reads a body whose selector matches several elements as drawn when any of them holds text, not only the first', async () => {
    const page = await fetcher.fetch(`${server.origin}/ru/first-empty`);
    expect(page.html).toContain(`<p>${ARTICLE_PARAGRAPH}</p>`);
    // Judging by the first (empty) match alone would sit out the whole wait for a body that is there.
    expect(page.durationMs).toBeLessThan(BROWSER.bodyWaitMs);
  });

  it('turns a 404 into a permanent error and a 503 into a transient one', async () => {
    const missing = await failure(fetcher.fetch('https://www.akorda.kz/ru/missing'));
    expect(missing.kind).toBe('permanent');
    expect(missing.status).toBe(404);
    expect(missing.url).toBe('https://www.akorda.kz/ru/missing');
    const down = await failure(fetcher.fetch(`${server.origin}/ru/down`));
    expect(down.kind).toBe('transient');
    expect(down.status).toBe(503);
  });

  it('gives up on a page that never finishes loading within timeoutMs, as a transient error', async () => {
    const started = Date.now();
    const error = await failure(fetcher.fetch(`${server.origin}/ru/hanging`));
    const elapsed = Date.now() - started;
    expect(error.kind).toBe('transient');
    expect(error.message).toBe(`browser gave up on ${server.origin}/ru/hanging after ${TIMEOUT_MS} ms`);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2_000);
  });

  it('stops a fetch whose signal is aborted, as a transient error, without waiting for the timeout', async () => {
    const controller = new AbortController();
    const hangingBefore = hanging.length;
    const started = Date.now();
    const pending = failure(fetcher.fetch(`${server.origin}/ru/hanging`, { signal: controller.signal }));
    await until(() => hanging.length > hangingBefore);
    controller.abort();
    const error = await pending;
    expect(error.kind).toBe('transient');
    expect(error.message).toBe(`browser fetch of ${server.origin}/ru/hanging was aborted`);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
  });

  it('renders at most `concurrency` pages at once', async () => {
    const held: ServerResponse[] = [];
    let holding = true;
    let active = 0;
    let peak = 0;
    const answer = (res: ServerResponse): void => {
      active -= 1;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><p>Медленная страница</p></body></html>');
    };
    server.route('/ru/slow', (_req, res) => {
      active += 1;
      peak = Math.max(peak, active);
      if (holding) held.push(res);
      else setTimeout(() => answer(res), 50);
    });
    const pages = Promise.all([1, 2, 3, 4, 5].map((n) => fetcher.fetch(`${server.origin}/ru/slow?n=${n}`)));
    await until(() => held.length === 2);
    // With two pages held open, a third must not start however long they take.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(held.length).toBe(2);
    holding = false;
    for (const res of held.splice(0)) answer(res);
    expect((await pages).map((p) => p.status)).toEqual([200, 200, 200, 200, 200]);
    expect(peak).toBe(2);
  });

  it("launches Chromium with Playwright's disabled features and its own in the one --disable-features Chromium honours", async () => {
    await fetcher.fetch(`${server.origin}/ru/x`);
    const [pid] = chromiumChildren();
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const lists = args.filter((a) => a.startsWith('--disable-features=')).map((a) => a.slice('--disable-features='.length).split(','));
    const [playwrights, honoured] = [lists[0] ?? [], lists[lists.length - 1] ?? []];
    expect(playwrights.filter((feature) => !honoured.includes(feature))).toEqual([]);
    expect(honoured).toContain('PreloadTopChromeWebUI');
    const webUiRenderers = descendantsOf(pid as number).filter((child) =>
      readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('--top-chrome-webui'),
    );
    expect(webUiRenderers).toEqual([]);
  });

  it('relaunches the browser after its process is killed: the fetch in flight fails transient, the next succeeds', async () => {
    expect(fetcher.restarts()).toBe(0);
    const hangingBefore = hanging.length;
    let settled = false;
    const inFlight = failure(fetcher.fetch(`${server.origin}/ru/hanging`)).finally(() => {
      settled = true;
    });
    await until(() => hanging.length > hangingBefore || settled);
    expect(settled).toBe(false);
    const pids = chromiumChildren();
    expect(pids).toHaveLength(1);
    process.kill(pids[0] as number, 'SIGKILL');
    expect((await inFlight).kind).toBe('transient');

    const page = await fetcher.fetch(`${server.origin}/ru/x`);
    expect(page.html).toContain(`<p>${ARTICLE_PARAGRAPH}</p>`);
    expect(fetcher.restarts()).toBe(1);
    expect(chromiumChildren()).toHaveLength(1);
  });

  it('closes its browser on close() and refuses fetches afterwards', async () => {
    await fetcher.close();
    expect(chromiumChildren()).toEqual([]);
    const error = await failure(fetcher.fetch(`${server.origin}/ru/x`));
    expect(error.message).toBe('browser fetcher is closed');
  });
});
