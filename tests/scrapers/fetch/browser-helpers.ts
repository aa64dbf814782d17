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

/** Responses that never end, so tests can end them (or not) themselves. */
export const hanging: ServerResponse[] = [];

/** The fixture site: a page drawn by its scripts from the site's own API, and pages that misbehave. */
export function startBrowserFixtureServer(): Promise<FixtureServer> {
  return startFixtureServer({
    '/ru/x': { body: fixture('article.html') },
    '/ru/late': { body: fixture('late.html') },
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

/** Pids of the Chromium main processes whose parent is this process. */
export function chromiumChildren(): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (/chrom/i.test(cmdline)) found.push(Number(name));
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}
