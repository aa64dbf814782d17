/**
 * One HTTP exchange: a GET with kznews's headers and validators, bounded by a timeout from the first byte
 * sent to the last one read, a body size cap, and every failure turned into a KznewsError. No redirects,
 * retries or politeness here: the HTTP fetcher adds those around it.
 */
import { STATUS_CODES } from 'node:http';
import { KznewsError } from '../../errors.js';
import { FETCH } from '../../settings.js';
import type { Validators } from '../types.js';
import { parseRetryAfter } from './politeness.js';
import { BodyTooLargeError, discardBody, readBody, type Transport } from './transport.js';
import { applyConnectTo } from './url.js';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

export interface ExchangeSettings {
  userAgent: string;
  timeoutMs: number;
  connectTo?: Readonly<Record<string, string>>;
  transport: Transport;
}

export interface ExchangeRequest {
  url: string;
  accept: string;
  validators?: Validators;
  signal?: AbortSignal;
  maxBytes: number;
  /** Past maxBytes: 'throw' refuses the page, 'truncate' keeps its start (robots.txt). */
  overflow: 'throw' | 'truncate';
}

export interface Exchange {
  status: number;
  /** Lower-case names; a redirect's location made absolute (and mapped back from a connectTo origin). */
  headers: Record<string, string>;
  /** The body of a 2xx answer; null for anything else (never read). */
  body: Uint8Array | null;
}

/**
 * The error an HTTP status means: transient for 5xx, 408, 425 and 429 (with retryAfterMs when the server
 * sent Retry-After), permanent for every other status that is not a page. Shared with the browser fetcher.
 */
export function errorForStatus(status: number, url: string, headers: Record<string, string>, now: Date = new Date()): KznewsError {
  const message = `${url} answered ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd();
  if (status >= 500 || TRANSIENT_STATUSES.has(status)) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], now) ?? undefined;
    return new KznewsError('transient', message, { url, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  return new KznewsError('permanent', message, { url, status });
}

/** A Location that names the connectTo origin itself (built from the Host header) names the real host. */
function realLocation(location: URL, url: string, connectUrl: string): URL {
  if (connectUrl === url || location.origin !== new URL(connectUrl).origin) return location;
  return new URL(`${location.pathname}${location.search}`, new URL(url).origin);
}

function absoluteLocation(location: string, url: string, connectUrl: string): string {
  try {
    const target = realLocation(new URL(location, url), url, connectUrl);
    target.hash = '';
    return target.href;
  } catch (cause) {
    throw new KznewsError('permanent', `redirect to a malformed URL refused: ${location} (from ${url})`, { url, cause });
  }
}

function networkError(e: unknown, url: string): KznewsError {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const detail = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
  return new KznewsError('transient', `network error (${detail}): ${url}`, { url, cause: e });
}

export async function exchange(settings: ExchangeSettings, req: ExchangeRequest): Promise<Exchange> {
  const { url } = req;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), settings.timeoutMs);
  const signal = req.signal === undefined ? timeout.signal : AbortSignal.any([timeout.signal, req.signal]);
  const headers: Record<string, string> = {
    'user-agent': settings.userAgent,
    accept: req.accept,
    'accept-language': FETCH.acceptLanguage,
  };
  if (req.validators?.etag) headers['if-none-match'] = req.validators.etag;
  if (req.validators?.lastModified) headers['if-modified-since'] = req.validators.lastModified;
  const connectUrl = applyConnectTo(url, settings.connectTo);
  try {
    const response = await settings.transport({ url, ...(connectUrl === url ? {} : { connectUrl }), headers, signal });
    if (response.status < 200 || response.status >= 300) {
      await discardBody(response.body);
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(response.status) && location !== undefined) {
        return { status: response.status, headers: { ...response.headers, location: absoluteLocation(location, url, connectUrl) }, body: null };
      }
      return { status: response.status, headers: response.headers, body: null };
    }
    const declared = Number(response.headers['content-length']);
    if (req.overflow === 'throw' && Number.isFinite(declared) && declared > req.maxBytes) {
      await discardBody(response.body);
      throw new BodyTooLargeError(req.maxBytes);
    }
    return { status: response.status, headers: response.headers, body: await readBody(response.body, req.maxBytes, req.overflow) };
  } catch (e) {
    if (e instanceof KznewsError) throw e;
    if (e instanceof BodyTooLargeError) throw new KznewsError('permanent', `${e.message}: ${url}`, { url, cause: e });
    if (timeout.signal.aborted) throw new KznewsError('transient', `timed out after ${settings.timeoutMs} ms: ${url}`, { url, cause: e });
    if (req.signal?.aborted) throw new KznewsError('transient', `fetch aborted: ${url}`, { url, cause: e });
    throw networkError(e, url);
  } finally {
    clearTimeout(timer);
  }
}
