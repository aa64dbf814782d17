/**
 * The CLI as a user runs it: a real process, a real SQLite file, the fixture sites replayed from their
 * recording or served from 127.0.0.1. Nothing here reaches the internet.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from './helpers/fixture-server.js';
import { FIXTURE_SITES } from './helpers/pipeline.js';

const ROOT = join(import.meta.dirname, '..');
// The compiled bin, as users run it: `npm test` builds dist/ before the tests run.
const CLI = join(ROOT, 'dist', 'cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kznews(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', HOST_DELAY_MS: '0', FETCH_RETRIES: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ARTICLE = `<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>Аким Алматы открыл новую школу — Example News</title>
<meta property="og:title" content="Аким Алматы открыл новую школу">
<meta property="article:published_time" content="2025-09-15T10:30:00+05:00">
<link rel="canonical" href="https://news.example.kz/2025/09/15/school-1001.html">
</head><body>
<header><nav><a href="/">Главная</a> <a href="/politics">Политика</a></nav><div class="clock">Понедельник, 23 ноября 2026</div></header>
<main><article>
<h1>Аким Алматы открыл новую школу</h1>
<time datetime="2025-09-15T10:30:00+05:00">15 сентября 2025, 10:30</time>
<p>В Алматы в микрорайоне Шугыла открылась новая школа на 1200 мест, сообщает пресс-служба акимата города.</p>
<p>Здание построено за полтора года, в нём оборудованы кабинеты робототехники, химии и физики, а также спортивный зал и бассейн.</p>
<p>По словам акима, до конца года в городе откроют ещё три школы, что позволит снизить нагрузку на переполненные учебные заведения.</p>
</article>
<aside class="related"><h3>Читайте также</h3><ul><li><a href="/a">В Астане открыли парк</a></li><li><a href="/b">Цены на бензин выросли</a></li></ul></aside>
</main><footer>© 2025 Example News. Все права защищены.</footer></body></html>`;

describe('the kznews CLI', { timeout: 120_000 }, () => {
  let dir: string;
  let server: FixtureServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kznews-cli-'));
    server = await startFixtureServer({
      '/2025/09/15/school-1001.html': { body: ARTICLE, headers: { etag: '"v1"' } },
      '/missing.html': { status: 404, body: 'gone' },
      '/about': { body: '<html><head><title>О нас</title></head><body><nav><a href="/">Главная</a></nav></body></html>' },
    });
    env = { DATABASE_PATH: join(dir, 'db', 'kznews.db'), KZNEWS_CONNECT_TO: `news.example.kz=${server.origin}` };
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('crawls every source offline from the fixture recording and prints a summary', async () => {
    const r = await kznews(['crawl', '--all', '--replay', FIXTURE_SITES], env);
    expect(r.code).toBe(0);
    const summary = r.stderr.split('\n').find((l) => l.startsWith('new '));
    expect(summary).toMatch(/^new (\d+), updated 0, unchanged 0, failed 0/);
    expect(Number(/^new (\d+)/.exec(summary ?? '')?.[1])).toBeGreaterThanOrEqual(30);
  }, 300_000);

  it('finds Russian words regardless of case and prints JSON records with every documented key', async () => {
    const upper = await kznews(['query', 'ШОС', '--format', 'json', '--limit', '50'], env);
    const lower = await kznews(['query', 'шос', '--format', 'json', '--limit', '50'], env);
    expect(upper.code).toBe(0);
    const rows = JSON.parse(upper.stdout) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect((JSON.parse(lower.stdout) as unknown[]).length).toBe(rows.length);
    for (const key of ['id', 'url', 'source', 'title', 'published', 'lang', 'author', 'tags', 'text', 'duplicateOf', 'storyId']) {
      expect(rows[0]).toHaveProperty(key);
    }
    expect(rows.map((r) => r.source)).toEqual(expect.arrayContaining(['akorda', 'zakon', 'lada', 'dknews']));
  });

  it('filters by source and language, and writes CSV with a header row', async () => {
    const r = await kznews(['query', '--source', 'zakon', '--lang', 'ru', '--format', 'csv'], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]?.startsWith('id,url,source,title')).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    // Bodies hold newlines inside quoted cells, so only record lines start with "<id>,https://".
    const records = lines.filter((l) => /^\d+,https:\/\//.test(l));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((l) => l.includes(',zakon,'))).toBe(true);
  });

  it('shows one article in full, by id and by URL', async () => {
    const list = JSON.parse((await kznews(['query', '--source', 'lada', '--format', 'json'], env)).stdout) as Array<{ id: number; url: string; title: string }>;
    const first = list[0];
    expect(first).toBeDefined();
    const byId = await kznews(['show', String(first?.id)], env);
    expect(byId.code).toBe(0);
    expect(byId.stdout.split('\n')[0]).toBe(first?.title);
    const byUrl = await kznews(['show', first?.url ?? '', '--json'], env);
    expect((JSON.parse(byUrl.stdout) as { id: number }).id).toBe(first?.id);
  });

  it('counts by source in stats and lists the sources with their schedules', async () => {
    const stats = JSON.parse((await kznews(['stats', '--json'], env)).stdout) as { totals: { articles: number } };
    expect(stats.totals.articles).toBeGreaterThanOrEqual(30);
    const sources = JSON.parse((await kznews(['sources', '--json'], env)).stdout) as Array<{ id: string; cron: string; renderer: string }>;
    expect(sources.find((s) => s.id === 'akorda')).toMatchObject({ cron: '*/30 * * * *', renderer: 'browser' });
  });

  it('crawls a URL of an unknown site through the generic extractor, then finds it unchanged', async () => {
    const first = await kznews(['crawl', 'https://news.example.kz/2025/09/15/school-1001.html?utm_source=tg'], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/new 1, updated 0, unchanged 0, failed 0/);
    const again = await kznews(['crawl', 'https://news.example.kz/2025/09/15/school-1001.html', '--force'], env);
    expect(again.stderr).toMatch(/new 0, updated 0, unchanged 1, failed 0/);
    const shown = JSON.parse((await kznews(['show', 'https://news.example.kz/2025/09/15/school-1001.html', '--json'], env)).stdout) as {
      title: string;
      published: string;
      text: string;
    };
    expect(shown.title).toBe('Аким Алматы открыл новую школу');
    expect(shown.published).toBe('2025-09-15T05:30:00.000Z');
    expect(shown.text.split('\n')).toHaveLength(3);
    expect(shown.text).not.toMatch(/Читайте также|Все права|Главная/);
  });

  it('exits non-zero only when every URL failed', async () => {
    const mixed = await kznews(['crawl', 'https://news.example.kz/missing.html', 'https://news.example.kz/2025/09/15/school-1001.html'], env);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toMatch(/failed\s+https:\/\/news\.example\.kz\/missing\.html \(permanent/);
    const allBad = await kznews(['crawl', 'https://news.example.kz/missing.html', 'ftp://news.example.kz/file'], env);
    expect(allBad.code).toBe(1);
    expect(allBad.stderr).toMatch(/failed 2/);
    expect(allBad.stderr).toMatch(/only http and https/);
  });

  it('reports a usage error in one line without a stack trace', async () => {
    const r = await kznews(['crawl', '--source', 'no-such-site'], env);
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kznews: .*no-such-site/);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('prints records with --dry-run and stores nothing', async () => {
    const dryEnv = { ...env, DATABASE_PATH: join(dir, 'dry', 'kznews.db') };
    const r = await kznews(['crawl', '--dry-run', 'https://news.example.kz/2025/09/15/school-1001.html'], dryEnv);
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout.trim()) as { title: string; paragraphs: string[] };
    expect(record.title).toBe('Аким Алматы открыл новую школу');
    expect(record.paragraphs).toHaveLength(3);
    const q = await kznews(['query', '--format', 'json'], dryEnv);
    expect(JSON.parse(q.stdout)).toEqual([]);
  });

  it('extracts a saved HTML file as one JSON object with the documented keys', async () => {
    const file = join(dir, 'page.html');
    writeFileSync(file, ARTICLE);
    const r = await kznews(['extract', file, '--url', 'https://news.example.kz/2025/09/15/school-1001.html', '--json'], env);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(rec)).toEqual(expect.arrayContaining(['url', 'title', 'published', 'modified', 'author', 'lang', 'tags', 'lead', 'paragraphs', 'text']));
    expect(rec.published).toBe('2025-09-15T05:30:00.000Z');
    expect(rec.lang).toBe('ru');
    expect(rec.text).toBe((rec.paragraphs as string[]).join('\n'));
  });

  it('says a page is not an article', async () => {
    const r = await kznews(['extract', 'https://news.example.kz/about'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not an article/);
  });

  it('records what it fetches and replays it offline into another database', async () => {
    const rec = join(dir, 'recording');
    const live = await kznews(['crawl', '--record', rec, 'https://news.example.kz/2025/09/15/school-1001.html'], { ...env, DATABASE_PATH: join(dir, 'rec', 'a.db') });
    expect(live.code).toBe(0);
    expect(existsSync(join(rec, 'index.json'))).toBe(true);
    expect(readFileSync(join(rec, 'index.json'), 'utf8')).toContain('https://news.example.kz/2025/09/15/school-1001.html');
    const before = server.requests.length;
    const replayed = await kznews(['crawl', '--replay', rec, 'https://news.example.kz/2025/09/15/school-1001.html'], {
      DATABASE_PATH: join(dir, 'rec', 'b.db'),
    });
    expect(replayed.code).toBe(0);
    expect(replayed.stderr).toMatch(/new 1, updated 0, unchanged 0, failed 0/);
    expect(server.requests.length).toBe(before);
    const missing = await kznews(['crawl', '--replay', rec, 'https://news.example.kz/other.html'], { DATABASE_PATH: join(dir, 'rec', 'b.db') });
    expect(missing.stderr).toContain('not in the recording: https://news.example.kz/other.html');
  });

  it('re-extracts stored pages without fetching and rebuilds dedup', async () => {
    const before = server.requests.length;
    const r = await kznews(['reextract'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/re-extracted: updated 0, unchanged \d+/);
    expect(server.requests.length).toBe(before);
    const d = await kznews(['dedup', '--rebuild'], env);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/^dedup rebuilt: \d+ articles, \d+ duplicates, \d+ stories/);
  });

  it('migrates explicitly and says when the database is up to date', async () => {
    const r = await kznews(['migrate'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/up to date/);
  });
});
