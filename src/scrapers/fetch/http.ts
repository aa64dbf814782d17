/**
 * The HTTP fetcher: one GET per hop through the host gate, redirects followed here (counted, checked
 * against robots.txt and connectTo at each hop), a timeout over the whole exchange including the body, a
 * body size cap, conditional GET, retries with backoff for transient failures and Retry-After honoured.
 * Every failure is a KznewsError whose kind says what the caller does next.
 */
import type { Config } from '../../config.js';
import { KznewsError, UsageError, toKznewsError } from '../../errors.js';
import { FETCH } from '../../settings.js';
import type { FailureKind, FetchOptions, Fetcher, Page } from '../types.js';
import { decodeBody } from './charset.js';
import { errorForStatus, exchange, REDIRECT_STATUSES, type Exchange, type ExchangeRequest } from './exchange.js';
import { createLocalHostGate, type HostGate } from './politeness.js';
import { createRobotsCache, type RobotsCache, type RobotsFetchResult } from './robots.js';
import { fetchTransport, type Transport } from './transport.js';
import { assertFetchableUrl, hostKey, isFetchableUrl } from './url.js';

export { errorForStatus } from './exchange.js';

export interface HttpFetcherOptions {
  /** Sent as User-Agent; its product token is the one robots.txt groups are matched against. */
  userAgent: string;
  /** Bound on one request, from sending it to the last byte of the body (waiting in the gate excluded). */
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Further attempts after a transient failure (network error, timeout, 5xx, 429). */
  retries: number;
  gate: HostGate;
  /** Obey robots.txt. */
  robots: boolean;
  /** host → origin: requests for that host connect there, URLs reported keep the host (like curl --connect-to). */
  connectTo?: Readonly<Record<string, string>>;
  /** Default: Node's fetch. Record and replay transports come from recording.ts. */
  transport?: Transport;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** First backoff delay, doubled per attempt (default FETCH.retryBaseMs). */
  retryBaseMs?: number;
}

export interface HttpFetcherStats {
  /** HTTP requests sent: every hop and retry, robots.txt included. */
  requests: number;
  robotsRequests: number;
  /** Pages returned (304s included). */
  pages: number;
  notModified: number;
  redirects: number;
  retries: number;
  /** Body bytes of the pages returned. */
  bytes: number;
  /** Fetches that ended in an error, by kind. */
  failures: Record<FailureKind, number>;
}

export type HttpFetcher = Fetcher & { stats(): HttpFetcherStats };

const ROBOTS_ACCEPT = 'text/plain,*/*;q=0.5';

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function validate(options: HttpFetcherOptions): void {
  const wholeAtLeast = (name: string, value: number, min: number): void => {
    if (!Number.isInteger(value) || value < min) {
      throw new UsageError(`http fetcher: ${name} must be a whole number of at least ${min}: got ${value}`);
    }
  };
  if (options.userAgent.trim() === '') throw new UsageError('http fetcher: userAgent must name kznews, not be empty');
  wholeAtLeast('timeoutMs', options.timeoutMs, 1);
  wholeAtLeast('maxBodyBytes', options.maxBodyBytes, 1);
  wholeAtLeast('maxRedirects', options.maxRedirects, 0);
  wholeAtLeast('retries', options.retries, 0);
  for (const [host, origin] of Object.entries(options.connectTo ?? {})) {
    if (!isFetchableUrl(origin)) {
      throw new UsageError(`http fetcher: connectTo["${host}"] must be an http(s) origin like http://127.0.0.1:8080: got ${origin}`);
    }
  }
}

export function createHttpFetcher(options: HttpFetcherOptions): HttpFetcher {
  validate(options);
  const settings = {
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs,
    transport: options.transport ?? fetchTransport,
    ...(options.connectTo === undefined ? {} : { connectTo: options.connectTo }),
  };
  const now = options.now ?? ((): Date => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const retryBaseMs = options.retryBaseMs ?? FETCH.retryBaseMs;
  const { gate } = options;
  const stats: HttpFetcherStats = {
    requests: 0,
    robotsRequests: 0,
    pages: 0,
    notModified: 0,
    redirects: 0,
    retries: 0,
    bytes: 0,
    failures: { transient: 0, permanent: 0, 'not-article': 0, robots: 0 },
  };

  /**
   * One GET through the gate (the gate's wait is not part of the timeout). A robots.txt Crawl-delay longer
   * than the gate's own delay holds the host's next start back from the moment this one starts.
   */
  function send(req: ExchangeRequest, crawlDelayMs: number | null = null): Promise<Exchange> {
    return gate.run(req.url, () => {
      stats.requests += 1;
      if (crawlDelayMs !== null && crawlDelayMs > 0) gate.pause(hostKey(req.url), crawlDelayMs);
      return exchange(settings, req);
    });
  }

  function backoffMs(attempt: number): number {
    const full = Math.min(FETCH.retryMaxMs, retryBaseMs * 2 ** attempt);
    return Math.round(full * (1 - FETCH.retryJitter * Math.random()));
  }

  async function pauseFor(ms: number, signal: AbortSignal | undefined, url: string): Promise<void> {
    if (signal === undefined) return sleep(ms);
    if (signal.aborted) throw new KznewsError('transient', `fetch aborted: ${url}`, { url });
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new KznewsError('transient', `fetch aborted: ${url}`, { url }));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([sleep(ms), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** One hop: an exchange that answered, or the last transient error once the retries are spent. */
  async function request(url: string, ex: Omit<ExchangeRequest, 'url'>, crawlDelayMs: number | null): Promise<Exchange> {
    for (let attempt = 0; ; attempt += 1) {
      let error: KznewsError;
      try {
        const answer = await send({ ...ex, url }, crawlDelayMs);
        if (answer.status < 300 || answer.status === 304 || REDIRECT_STATUSES.has(answer.status)) return answer;
        error = errorForStatus(answer.status, url, answer.headers, now());
      } catch (e) {
        error = toKznewsError(e, url);
      }
      if (error.kind !== 'transient' || ex.signal?.aborted) throw error;
      if (error.retryAfterMs !== undefined) gate.pause(hostKey(url), error.retryAfterMs);
      if (attempt >= options.retries) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > FETCH.retryAfterInlineMaxMs) throw error;
      stats.retries += 1;
      await pauseFor(error.retryAfterMs ?? backoffMs(attempt), ex.signal, url);
    }
  }

  /** robots.txt as the cache wants it: redirects followed (Google: five), a missing recording entry = 404. */
  async function fetchRobotsTxt(robotsUrl: string): Promise<RobotsFetchResult> {
    let current = robotsUrl;
    for (let hop = 0; hop <= FETCH.robotsMaxRedirects; hop += 1) {
      stats.robotsRequests += 1;
      let answer: Exchange;
      try {
        answer = await send({ url: current, accept: ROBOTS_ACCEPT, maxBytes: FETCH.robotsMaxBytes, overflow: 'truncate' });
      } catch (e) {
        if (e instanceof KznewsError && e.kind === 'permanent') return { status: 404, text: '' };
        throw e;
      }
      const location = answer.headers.location;
      if (!REDIRECT_STATUSES.has(answer.status) || location === undefined) {
        return { status: answer.status, text: answer.body === null ? '' : new TextDecoder().decode(answer.body) };
      }
      if (!isFetchableUrl(location)) return { status: 404, text: '' };
      current = location;
    }
    return { status: 404, text: '' };
  }

  const robots: RobotsCache | null = options.robots
    ? createRobotsCache({ fetch: fetchRobotsTxt, userAgent: options.userAgent, ttlMs: FETCH.robotsTtlMs })
    : null;

  async function follow(requestedUrl: string, fetchOptions: FetchOptions): Promise<Page> {
    assertFetchableUrl(requestedUrl);
    const started = performance.now();
    const first = new URL(requestedUrl.trim());
    first.hash = '';
    let url = first.href;
    const chain = [url];
    const ex: Omit<ExchangeRequest, 'url'> = {
      accept: fetchOptions.accept ?? FETCH.accept,
      ...(fetchOptions.validators === undefined ? {} : { validators: fetchOptions.validators }),
      ...(fetchOptions.signal === undefined ? {} : { signal: fetchOptions.signal }),
      maxBytes: options.maxBodyBytes,
      overflow: 'throw',
    };
    for (;;) {
      if (robots !== null && !(await robots.allowed(url))) {
        throw new KznewsError('robots', `robots.txt disallows ${url}`, { url });
      }
      const answer = await request(url, ex, robots === null ? null : await robots.crawlDelayMs(url));
      const location = answer.headers.location;
      if (REDIRECT_STATUSES.has(answer.status) && location !== undefined) {
        stats.redirects += 1;
        if (chain.length > options.maxRedirects) {
          throw new KznewsError('permanent', `too many redirects (more than ${options.maxRedirects}) from ${requestedUrl}`, {
            url: requestedUrl,
            status: answer.status,
          });
        }
        if (!isFetchableUrl(location)) {
          throw new KznewsError('permanent', `only http and https URLs are fetched: got ${location} (redirect from ${url})`, {
            url,
            status: answer.status,
          });
        }
        if (chain.includes(location)) {
          throw new KznewsError('permanent', `redirect loop: ${[...chain, location].join(' → ')}`, { url, status: answer.status });
        }
        chain.push(location);
        url = location;
        continue;
      }
      if (REDIRECT_STATUSES.has(answer.status)) {
        throw new KznewsError('permanent', `${url} answered ${answer.status} without a Location`, { url, status: answer.status });
      }
      const notModified = answer.status === 304;
      const decoded = answer.body === null ? { text: '', charset: '' } : decodeBody(answer.body, answer.headers['content-type'] ?? null);
      const bytes = answer.body?.byteLength ?? 0;
      stats.pages += 1;
      stats.bytes += bytes;
      if (notModified) stats.notModified += 1;
      return {
        requestedUrl,
        url,
        status: answer.status,
        headers: answer.headers,
        html: decoded.text,
        charset: decoded.charset,
        fetchedAt: now().toISOString(),
        renderer: 'http',
        bytes,
        durationMs: Math.round(performance.now() - started),
        notModified,
      };
    }
  }

  return {
    async fetch(url: string, fetchOptions: FetchOptions = {}): Promise<Page> {
      try {
        return await follow(url, fetchOptions);
      } catch (e) {
        const error = toKznewsError(e, url);
        stats.failures[error.kind] += 1;
        throw error;
      }
    },
    async close(): Promise<void> {},
    stats: () => ({ ...stats, failures: { ...stats.failures } }),
  };
}

/**
 * The HTTP fetcher the config describes. Without `extra.gate` it makes an in-process gate from
 * HOST_CONCURRENCY and HOST_DELAY_MS, and closes it on close().
 */
export function httpFetcherFromConfig(config: Config, extra: Partial<HttpFetcherOptions> = {}): HttpFetcher {
  const ownsGate = extra.gate === undefined;
  const gate = extra.gate ?? createLocalHostGate({ concurrency: config.hostConcurrency, delayMs: config.hostDelayMs });
  const connectTo = extra.connectTo ?? (Object.keys(config.connectTo).length > 0 ? config.connectTo : undefined);
  const fetcher = createHttpFetcher({
    userAgent: config.userAgent,
    timeoutMs: config.fetchTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    maxRedirects: config.maxRedirects,
    retries: config.fetchRetries,
    robots: config.respectRobots,
    ...extra,
    ...(connectTo === undefined ? {} : { connectTo }),
    gate,
  });
  return {
    ...fetcher,
    async close() {
      await fetcher.close();
      if (ownsGate) await gate.close?.();
    },
  };
}
