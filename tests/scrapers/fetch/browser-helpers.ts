/**
 * What the browser tests share: the fixture site served locally, and the Chromium processes this test
 * process started (read from /proc, so a test can kill the browser the way a crash would).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';
import { findChromium } from '../../../src/scrapers/fetch/chromium.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/browser/', import.meta.url));
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

export const chromiumPath = (): string => findChromium({ envPath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? null });

export const ARTICLE_TITLE = 'Глава государства провёл совещание по развитию регионов';
export const ARTICLE_PARAGRAPH = 'Обсуждены меры по модернизации инфраструктуры и поддержке малого бизнеса.';

/** How long /api/slow-article.json takes to answer. */
const SLOW_API_MS = 300;

/** The paragraphs delayed.html's script draws, in order. */
export const DELAYED_PARAGRAPHS = ['Совещание прошло в Акорде.', ...(JSON.parse(fixture('article.json')) as { paragraphs: string[] }).paragraphs];

/** Responses that never end, so tests can end them (or not) themselves. */
export const hanging: ServerResponse[] = [];

/** The fixture site: a page drawn by its scripts from the site's own API, and pages that misbehave. */
export function startBrowserFixtureServer(): Promise<FixtureServer> {
  return startFixtureServer({
    '/ru/x': { body: fixture('article.html') },
    '/ru/late': { body: fixture('late.html') },
    '/ru/delayed': { body: fixture('delayed.html') },
    // Slower than the quiet spell that ends a body wait: a wait that ignored loads in flight would miss it.
    '/api/slow-article.json': (_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(fixture('article.json'));
      }, SLOW_API_MS);
    },
    // The body selector matches every paragraph of the story, and the first one is empty.
    '/ru/first-empty': {
      body: `<!doctype html><html><head><meta charset="utf-8"></head><body><div class="story"><p></p><p>${ARTICLE_PARAGRAPH}</p></div></body></html>`,
    },
    // The body is in the HTML, but an iframe that never finishes keeps the load event from firing.
    '/ru/unfinished': {
      body: `<!doctype html><html><head><meta charset="utf-8"></head><body><article><p>${ARTICLE_PARAGRAPH}</p></article><iframe src="/ru/hanging"></iframe></body></html>`,
    },
    '/static/app.js': { headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: fixture('app.js') },
    '/static/site.css': { headers: { 'content-type': 'text/css; charset=utf-8' }, body: fixture('site.css') },
    '/api/article.json': { headers: { 'content-type': 'application/json; charset=utf-8' }, body: fixture('article.json') },
    '/ru/old': { status: 301, headers: { location: '/ru/x' }, body: '' },
    '/ru/down': { status: 503, body: '<html><body>Сервис временно недоступен</body></html>' },
    '/ru/hanging': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><html><head><title>…</title></head><body><p>Начало');
      hanging.push(res);
    },
  });
}

function parentOf(pid: string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null; // the process ended while being read
  }
}

const commandOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

/** Live processes below `pid` (a zombie has no command line, so it does not count). */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentOf(name);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    if (commandOf(next) !== '') found.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

/** Pids of the Chromium main processes this process started. */
export function chromiumChildren(): number[] {
  return descendantsOf(process.pid).filter((pid) => parentOf(String(pid)) === process.pid && /chrom/i.test(commandOf(pid)));
}
