import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, loadConfig } from '../../../src/config.js';
import { KznewsError } from '../../../src/errors.js';
import { FETCH } from '../../../src/settings.js';
import { createHttpFetcher, httpFetcherFromConfig, type HttpFetcherOptions } from '../../../src/scrapers/fetch/http.js';
import { createLocalHostGate } from '../../../src/scrapers/fetch/politeness.js';
import { fetchTransport } from '../../../src/scrapers/fetch/transport.js';
import { startFixtureServer, type FixtureServer } from '../../helpers/fixture-server.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/fetch/${name}`, import.meta.url));
const RU = 'Глава государства принял министра экологии. «Ёлки» — 2024 год.';
const KK = 'Қазақстан Республикасының Президенті Астанада кездесу өткізді.';

const servers: FixtureServer[] = [];
async function serve(...args: Parameters<typeof startFixtureServer>): Promise<FixtureServer> {
  const server = await startFixtureServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function fetcher(extra: Partial<HttpFetcherOptions> = {}) {
  return createHttpFetcher({
    userAgent: DEFAULT_USER_AGENT,
    timeoutMs: 5_000,
    maxBodyBytes: 1024 * 1024,
    maxRedirects: 5,
    retries: 2,
    gate: createLocalHostGate({ concurrency: 4, delayMs: 0 }),
    robots: false,
    retryBaseMs: 20,
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<KznewsError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the fetch to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KznewsError);
  return error as KznewsError;
}

const count = (server: FixtureServer, path: string): number => server.requests.filter((r) => r.path === path).length;

describe('decoding', () => {
  it.each([
    ['windows-1251 declared in the header', 'cp1251-plain.html', 'text/html; charset=windows-1251', 'windows-1251', RU],
    ['windows-1251 declared only in <meta>', 'cp1251-meta.html', 'text/html', 'windows-1251', RU],
    ['KOI8-R', 'koi8r.html', 'text/html', 'koi8-r', 'Глава государства принял министра экологии, Ёлки 2024 год.'],
    ['UTF-8 with a byte order mark', 'utf8-bom.html', 'text/html', 'utf-8', KK],
    ['UTF-8 declared nowhere', 'utf8-plain.html', 'text/html', 'utf-8', KK],
  ])('reads a %s page', async (_, file, contentType, charset, text) => {
    const body = fixture(file);
    const server = await serve({ '/page': { headers: { 'content-type': contentType }, body } });
    const page = await fetcher().fetch(`${server.origin}/page`);
    expect(page.charset).toBe(charset);
    expect(page.html).toContain(`<p>${text}</p>`);
    expect(page.bytes).toBe(body.byteLength);
    expect(page).toMatchObject({
      requestedUrl: `${server.origin}/page`,
      url: `${server.origin}/page`,
      status: 200,
      renderer: 'http',
      notModified: false,
    });
    expect(page.headers['content-type']).toBe(contentType);
  });

  it('introduces itself as kznews and asks for Russian, Kazakh, then English', async () => {
    const server = await serve({ '/': { body: '<p>ok</p>' } });
    await fetcher().fetch(`${server.origin}/`);
    await fetcher().fetch(`${server.origin}/`, { accept: 'application/rss+xml' });
    expect(server.requests[0]?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(server.requests[0]?.headers['accept']).toBe('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(server.requests[0]?.headers['accept-language']).toBe('ru,kk;q=0.9,en;q=0.8');
    expect(server.requests[1]?.headers['accept']).toBe('application/rss+xml');
  });

  it('stamps the page with the clock it is given', async () => {
    const server = await serve({ '/': { body: 'x' } });
    const page = await fetcher({ now: () => new Date('2024-07-04T10:00:00.000Z') }).fetch(`${server.origin}/`);
    expect(page.fetchedAt).toBe('2024-07-04T10:00:00.000Z');
  });
});

describe('redirects', () => {
  it('follows 301 → 302 → 200 and reports the last URL', async () => {
    const server = await serve({
      '/old': { status: 301, headers: { location: '/moved?x=1' } },
      '/moved?x=1': { status: 302, headers: { location: 'final#section' } },
      '/final': { body: '<p>here</p>' },
    });
    const http = fetcher();
    const page = await http.fetch(`${server.origin}/old`);
    expect(page.requestedUrl).toBe(`${server.origin}/old`);
    expect(page.url).toBe(`${server.origin}/final`);
    expect(page.html).toBe('<p>here</p>');
    expect(server.requests.map((r) => r.path)).toEqual(['/old', '/moved?x=1', '/final']);
    expect(http.stats().redirects).toBe(2);
  });

  it('refuses a redirect loop, naming the loop', async () => {
    const server = await serve({
      '/a': { status: 302, headers: { location: '/b' } },
      '/b': { status: 302, headers: { location: '/a' } },
    });
    const error = await failure(fetcher().fetch(`${server.origin}/a`));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(`redirect loop: ${server.origin}/a → ${server.origin}/b → ${server.origin}/a`);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRedirects hops', async () => {
    const routes = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`/r${i}`, { status: 301, headers: { location: `/r${i + 1}` } }]),
    );
    const server = await serve(routes);
    const error = await failure(fetcher({ maxRedirects: 3 }).fetch(`${server.origin}/r0`));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(`too many redirects (more than 3) from ${server.origin}/r0`);
    expect(server.requests.map((r) => r.path)).toEqual(['/r0', '/r1', '/r2', '/r3']);
  });

  it('refuses a redirect to ftp://', async () => {
    const server = await serve({ '/file': { status: 302, headers: { location: 'ftp://files.example.kz/report.pdf' } } });
    const error = await failure(fetcher().fetch(`${server.origin}/file`));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(
      `only http and https URLs are fetched: got ftp://files.example.kz/report.pdf (redirect from ${server.origin}/file)`,
    );
  });

  it('refuses to fetch a URL that is not http(s) at all, without a request', async () => {
    const error = await failure(fetcher().fetch('ftp://files.example.kz/report.pdf'));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe('only http and https URLs are fetched: got ftp://files.example.kz/report.pdf');
  });
});

describe('failures and retries', () => {
  it('does not retry a 404: permanent, one request', async () => {
    const server = await serve({});
    const http = fetcher({ retries: 3 });
    const error = await failure(http.fetch(`${server.origin}/missing`));
    expect(error).toMatchObject({ kind: 'permanent', status: 404, url: `${server.origin}/missing` });
    expect(error.message).toBe(`${server.origin}/missing answered 404 Not Found`);
    expect(count(server, '/missing')).toBe(1);
    expect(http.stats().failures.permanent).toBe(1);
  });

  it('does not retry a 410 or a 403 either', async () => {
    const server = await serve({ '/gone': { status: 410 }, '/forbidden': { status: 403 } });
    expect((await failure(fetcher().fetch(`${server.origin}/gone`))).kind).toBe('permanent');
    expect((await failure(fetcher().fetch(`${server.origin}/forbidden`))).kind).toBe('permanent');
    expect(server.requests).toHaveLength(2);
  });

  it('retries a 500 and returns the page that follows', async () => {
    let calls = 0;
    const server = await serve({
      '/flaky': (_req, res) => {
        calls += 1;
        res.writeHead(calls === 1 ? 500 : 200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(calls === 1 ? 'oops' : '<p>second time</p>');
      },
    });
    const http = fetcher({ retries: 3 });
    const page = await http.fetch(`${server.origin}/flaky`);
    expect(page.html).toBe('<p>second time</p>');
    expect(count(server, '/flaky')).toBe(2);
    expect(http.stats()).toMatchObject({ requests: 2, retries: 1, pages: 1 });
  });

  it('gives up on a lasting 503 after the retries, as a transient error', async () => {
    const server = await serve({ '/down': { status: 503 } });
    const error = await failure(fetcher({ retries: 2 }).fetch(`${server.origin}/down`));
    expect(error).toMatchObject({ kind: 'transient', status: 503 });
    expect(count(server, '/down')).toBe(3);
  });

  it('waits out Retry-After on a 429, then succeeds', async () => {
    let calls = 0;
    const server = await serve({
      '/busy': (_req, res) => {
        calls += 1;
        if (calls === 1) {
          res.writeHead(429, { 'retry-after': '1' });
          res.end();
        } else {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<p>ok</p>');
        }
      },
    });
    const page = await fetcher({ retries: 1 }).fetch(`${server.origin}/busy`);
    expect(page.html).toBe('<p>ok</p>');
    const [first, second] = server.requests;
    const waited = second!.at - first!.at;
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(1_800);
  });

  it('hands Retry-After back to the caller when the retries are spent', async () => {
    const server = await serve({ '/busy': { status: 429, headers: { 'retry-after': '7' } } });
    const error = await failure(fetcher({ retries: 0 }).fetch(`${server.origin}/busy`));
    expect(error).toMatchObject({ kind: 'transient', status: 429, retryAfterMs: 7_000 });
  });

  it('hands back at once a Retry-After too long to wait inside one fetch', async () => {
    const server = await serve({ '/busy': { status: 503, headers: { 'retry-after': '3600' } } });
    const started = Date.now();
    const error = await failure(fetcher({ retries: 5 }).fetch(`${server.origin}/busy`));
    expect(error).toMatchObject({ kind: 'transient', status: 503, retryAfterMs: 3_600_000 });
    expect(count(server, '/busy')).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('times out a page that does not answer in time', async () => {
    const server = await serve({
      '/slow': (_req, res) => {
        setTimeout(() => res.end('late'), 3_000).unref();
      },
    });
    const started = Date.now();
    const error = await failure(fetcher({ timeoutMs: 150, retries: 0 }).fetch(`${server.origin}/slow`));
    expect(error.kind).toBe('transient');
    expect(error.message).toBe(`timed out after 150 ms: ${server.origin}/slow`);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('times out a body that trickles in after quick headers', async () => {
    const server = await serve({
      '/trickle': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<p>start');
        setTimeout(() => res.end('</p>'), 3_000).unref();
      },
    });
    const error = await failure(fetcher({ timeoutMs: 200, retries: 0 }).fetch(`${server.origin}/trickle`));
    expect(error.message).toBe(`timed out after 200 ms: ${server.origin}/trickle`);
  });

  it('counts a refused connection as a transient network error', async () => {
    const server = await serve({});
    const origin = server.origin;
    await server.close();
    const error = await failure(fetcher({ retries: 0 }).fetch(`${origin}/`));
    expect(error.kind).toBe('transient');
    expect(error.message).toBe(`network error (ECONNREFUSED): ${origin}/`);
  });

  it('stops when the caller aborts', async () => {
    const server = await serve({ '/slow': (_req, res) => void setTimeout(() => res.end('late'), 3_000).unref() });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(fetcher({ retries: 3 }).fetch(`${server.origin}/slow`, { signal: controller.signal }));
    expect(error.message).toBe(`fetch aborted: ${server.origin}/slow`);
    expect(count(server, '/slow')).toBe(1);
  });
});

describe('size cap', () => {
  it('refuses a page whose Content-Length passes the cap', async () => {
    const server = await serve({ '/big': { headers: { 'content-length': '4096' }, body: 'x'.repeat(4096) } });
    const error = await failure(fetcher({ maxBodyBytes: 1024 }).fetch(`${server.origin}/big`));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(`page larger than 1024 bytes: ${server.origin}/big`);
  });

  it('cuts off a chunked page without Content-Length once it passes the cap', async () => {
    let written = 0;
    let closed = false;
    const server = await serve({
      '/endless': (_req, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.on('close', () => {
          closed = true;
        });
        const chunk = 'y'.repeat(16 * 1024);
        const tick = (): void => {
          if (closed || written >= 64 * 1024 * 1024) return void res.end();
          written += chunk.length;
          res.write(chunk);
          setTimeout(tick, 2);
        };
        tick();
      },
    });
    const error = await failure(fetcher({ maxBodyBytes: 100_000 }).fetch(`${server.origin}/endless`));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe(`page larger than 100000 bytes: ${server.origin}/endless`);
    expect(server.requests[0]?.headers['content-length']).toBeUndefined();
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(true);
    expect(written).toBeLessThan(4 * 1024 * 1024);
  });

  it('accepts a page of exactly the cap', async () => {
    const server = await serve({ '/exact': { body: 'z'.repeat(1024) } });
    expect((await fetcher({ maxBodyBytes: 1024 }).fetch(`${server.origin}/exact`)).bytes).toBe(1024);
  });
});

describe('robots.txt', () => {
  const ROBOTS = 'User-agent: *\nDisallow: /private\n\nUser-agent: kznews\nDisallow: /private\nDisallow: /drafts/\n';

  it('refuses a disallowed URL with a robots error, asking robots.txt once per host', async () => {
    const server = await serve({ '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: ROBOTS } });
    for (const path of ['/a', '/b', '/c']) server.route(path, { body: `<p>${path}</p>` });
    const http = fetcher({ robots: true });
    const error = await failure(http.fetch(`${server.origin}/drafts/1`));
    expect(error).toMatchObject({ kind: 'robots', url: `${server.origin}/drafts/1` });
    expect(error.message).toBe(`robots.txt disallows ${server.origin}/drafts/1`);
    const pages = await Promise.all(['/a', '/b', '/c'].map((p) => http.fetch(`${server.origin}${p}`)));
    expect(pages.map((p) => p.html)).toEqual(['<p>/a</p>', '<p>/b</p>', '<p>/c</p>']);
    expect((await failure(http.fetch(`${server.origin}/private?x=1`))).kind).toBe('robots');
    expect(count(server, '/robots.txt')).toBe(1);
    expect(server.requests.filter((r) => r.path.startsWith('/drafts') || r.path.startsWith('/private'))).toEqual([]);
    expect(http.stats()).toMatchObject({ robotsRequests: 1, failures: { robots: 2 } });
  });

  it('checks robots.txt at every redirect hop', async () => {
    const server = await serve({
      '/robots.txt': { body: ROBOTS },
      '/short': { status: 301, headers: { location: '/drafts/2' } },
    });
    const error = await failure(fetcher({ robots: true }).fetch(`${server.origin}/short`));
    expect(error.kind).toBe('robots');
    expect(count(server, '/drafts/2')).toBe(0);
  });

  it('allows everything when robots.txt is missing', async () => {
    const server = await serve({ '/drafts/1': { body: 'ok' } });
    expect((await fetcher({ robots: true }).fetch(`${server.origin}/drafts/1`)).html).toBe('ok');
  });

  it('spaces requests to a host by its Crawl-delay, even when the gate itself has none', async () => {
    const server = await serve({ '/robots.txt': { body: 'User-agent: kznews\nCrawl-delay: 0.25\n\nUser-agent: *\nCrawl-delay: 0\n' } });
    for (const path of ['/a', '/b', '/c']) server.route(path, { body: path });
    const http = fetcher({ robots: true });
    await Promise.all(['/a', '/b', '/c'].map((p) => http.fetch(`${server.origin}${p}`)));
    const starts = server.requests.filter((r) => r.path !== '/robots.txt').map((r) => r.at);
    expect(starts).toHaveLength(3);
    for (let i = 1; i < starts.length; i += 1) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(240);
  });

  it('reads an absurd Crawl-delay as the longest it obeys', async () => {
    const server = await serve({ '/robots.txt': { body: 'User-agent: *\nCrawl-delay: 86400\n' }, '/a': { body: 'a' } });
    const paused: number[] = [];
    const gate = createLocalHostGate({ concurrency: 1, delayMs: 0 });
    const http = fetcher({ robots: true, gate: { run: (url, task) => gate.run(url, task), pause: (_, ms) => paused.push(ms) } });
    expect((await http.fetch(`${server.origin}/a`)).html).toBe('a');
    expect(paused).toEqual([FETCH.crawlDelayMaxMs]);
  });

  it('asks nothing of robots.txt when robots is off', async () => {
    const server = await serve({ '/robots.txt': { body: ROBOTS }, '/drafts/1': { body: 'ok' } });
    expect((await fetcher({ robots: false }).fetch(`${server.origin}/drafts/1`)).html).toBe('ok');
    expect(count(server, '/robots.txt')).toBe(0);
  });
});

describe('conditional GET', () => {
  it('sends the validators it is given and reports a 304 as not modified', async () => {
    const server = await serve({
      '/article': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"', 'last-modified': 'Thu, 04 Jul 2024 10:00:00 GMT' });
        res.end('<p>article</p>');
      },
    });
    const http = fetcher();
    const first = await http.fetch(`${server.origin}/article`);
    expect(first.notModified).toBe(false);
    const validators = { etag: first.headers.etag ?? null, lastModified: first.headers['last-modified'] ?? null };
    const second = await http.fetch(`${server.origin}/article`, { validators });
    expect(second).toMatchObject({ status: 304, notModified: true, html: '', bytes: 0, url: `${server.origin}/article` });
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[1]?.headers['if-modified-since']).toBe('Thu, 04 Jul 2024 10:00:00 GMT');
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(http.stats()).toMatchObject({ pages: 2, notModified: 1 });
  });
});

describe('connectTo', () => {
  it('sends a request for https://www.example.kz/a to the local server and reports the real URL', async () => {
    const server = await serve({
      '/a': { body: '<p>from the fixture</p>' },
      '/old': { status: 301, headers: { location: '/a' } },
    });
    const http = fetcher({ connectTo: { 'example.kz': server.origin } });
    const page = await http.fetch('https://www.example.kz/a');
    expect(page.url).toBe('https://www.example.kz/a');
    expect(page.html).toBe('<p>from the fixture</p>');
    const redirected = await http.fetch('https://example.kz/old');
    expect(redirected.url).toBe('https://example.kz/a');
    expect(server.requests.map((r) => r.path)).toEqual(['/a', '/old', '/a']);
  });

  it('maps a Location naming the local origin back to the real host', async () => {
    const server = await serve({});
    server.route('/old', { status: 302, headers: { location: `${server.origin}/new` } });
    server.route('/new', { body: 'new' });
    const page = await fetcher({ connectTo: { 'www.example.kz': server.origin } }).fetch('https://www.example.kz/old');
    expect(page.url).toBe('https://www.example.kz/new');
  });

  it('reads robots.txt through the mapping too', async () => {
    const server = await serve({ '/robots.txt': { body: 'User-agent: *\nDisallow: /x' } });
    const error = await failure(fetcher({ robots: true, connectTo: { 'example.kz': server.origin } }).fetch('https://example.kz/x'));
    expect(error.kind).toBe('robots');
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it('rejects a connectTo target that is not an http(s) origin at construction', () => {
    expect(() => fetcher({ connectTo: { 'example.kz': 'localhost:80' } })).toThrow(
      'http fetcher: connectTo["example.kz"] must be an http(s) origin like http://127.0.0.1:8080: got localhost:80',
    );
  });
});

describe('politeness', () => {
  it('starts two fetches to one host at least the delay apart, and lets two hosts run together', async () => {
    const server = await serve({ '/1': { body: '1' }, '/2': { body: '2' } });
    const handedOver: Array<{ url: string; at: number }> = [];
    const hosts = ['one', 'two', 'three', 'warm'].map((h) => [`${h}.example.kz`, server.origin]);
    const http = fetcher({
      gate: createLocalHostGate({ concurrency: 1, delayMs: 200 }),
      connectTo: Object.fromEntries(hosts),
      transport: (req) => {
        handedOver.push({ url: req.url, at: Date.now() });
        return fetchTransport(req);
      },
    });
    // A first connection costs a handshake the later ones reuse: open it first so arrivals track starts.
    await http.fetch('https://warm.example.kz/1');
    server.requests.length = 0;
    handedOver.length = 0;
    await Promise.all([http.fetch('https://one.example.kz/1'), http.fetch('https://one.example.kz/2')]);
    expect(handedOver[1]!.at - handedOver[0]!.at).toBeGreaterThanOrEqual(199);
    // What the server sees carries a few ms of dispatch jitter on a busy machine (without the gate: ~0 ms).
    const [a, b] = server.requests;
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(160);

    server.requests.length = 0;
    await Promise.all([http.fetch('https://two.example.kz/1'), http.fetch('https://three.example.kz/1')]);
    const [c, d] = server.requests;
    expect(Math.abs(d!.at - c!.at)).toBeLessThan(150);
  });
});

describe('httpFetcherFromConfig', () => {
  it('takes its limits and connectTo from the config', async () => {
    const server = await serve({ '/big': { body: 'x'.repeat(2048) }, '/ok': { body: 'fine' } });
    const config = loadConfig({
      MAX_BODY_BYTES: '1024',
      HOST_DELAY_MS: '0',
      RESPECT_ROBOTS: 'false',
      KZNEWS_CONNECT_TO: `example.kz=${server.origin}`,
    });
    const http = httpFetcherFromConfig(config);
    expect((await http.fetch('https://example.kz/ok')).html).toBe('fine');
    expect((await failure(http.fetch('https://example.kz/big'))).message).toBe('page larger than 1024 bytes: https://example.kz/big');
    await http.close();
  });
});
