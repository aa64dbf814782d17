/**
 * What a rendered page may load, and from where. Every request of a browser context passes through one
 * route handler: images, fonts, media and trackers are aborted (they cost time and never hold text); with
 * a replay, everything is answered from the recording; with connectTo, requests for a mapped host are
 * fetched from its origin and fulfilled, so the page and its scripts still see the real host; with a
 * recorder, what the page loaded is written down for a later replay.
 *
 * Chromium does not route the request that follows a fulfilled redirect, so redirects of fulfilled
 * requests are followed here and the final response is fulfilled under the first URL; `redirectedTo`
 * tells the fetcher where the main document really ended up. watchNetwork tells when a page has settled;
 * bodyDrawn, when a page's article body is drawn.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import { BROWSER } from '../../settings.js';
import type { Recorder, Recording } from './recording.js';
import { applyConnectTo } from './url.js';

/** Resource types that never carry article text. */
export const BLOCKED_RESOURCE_TYPES: ReadonlySet<string> = new Set(['image', 'media', 'font']);

/** Analytics, ad and counter hosts seen on Kazakh news sites (matched with their subdomains). */
export const TRACKER_HOSTS: readonly string[] = [
  'google-analytics.com',
  'googletagmanager.com',
  'googlesyndication.com',
  'googleadservices.com',
  'doubleclick.net',
  'mc.yandex.ru',
  'mc.yandex.kz',
  'an.yandex.ru',
  'yandex.ru/ads',
  'top-fwz1.mail.ru',
  'counter.yadro.ru',
  'tns-counter.ru',
  'c.zero.kz',
  'gemius.pl',
  'hotjar.com',
  'facebook.net',
  'connect.facebook.net',
  'adfox.ru',
  'adriver.ru',
  'smi2.ru',
  'smi2.net',
  'relap.io',
  'mediametrics.ru',
  'criteo.com',
  'criteo.net',
];

export function isTrackerUrl(url: string): boolean {
  let host: string;
  let hostAndPath: string;
  try {
    const u = new URL(url);
    host = u.hostname.toLowerCase();
    hostAndPath = host + u.pathname;
  } catch {
    return false;
  }
  return TRACKER_HOSTS.some((t) =>
    t.includes('/') ? hostAndPath.startsWith(t) || hostAndPath.includes(`.${t}`) : host === t || host.endsWith(`.${t}`),
  );
}

export interface NetworkOptions {
  connectTo?: Readonly<Record<string, string>>;
  recorder?: Recorder;
  replay?: Recording;
  /** Bound on one fetch from an origin or the recording. */
  timeoutMs: number;
}

export interface RoutedNetwork {
  /** Where a request fulfilled here ended up after the redirects followed for it (absent: no redirect). */
  redirectedTo: Map<string, string>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const isRedirect = (status: number): boolean => status >= 300 && status < 400 && status !== 304;

/** Headers that describe the wire form of the body, not the body Playwright hands over. */
const WIRE_HEADERS = ['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'];

function withoutWireHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!WIRE_HEADERS.includes(name.toLowerCase())) out[name.toLowerCase()] = value;
  }
  return out;
}

/** A Location from `connected` (the origin actually reached), as a URL on the real host of `url`. */
function realLocation(location: string, url: string, connected: string): string {
  const target = new URL(location, connected);
  const origin = new URL(connected).origin;
  if (target.origin !== origin) return target.href;
  const real = new URL(url);
  return `${real.origin}${target.pathname}${target.search}`;
}

async function fromOrigin(route: Route, url: string, options: NetworkOptions): Promise<Answer> {
  const connected = applyConnectTo(url, options.connectTo);
  const response = await route.fetch({ url: connected, maxRedirects: 0, timeout: options.timeoutMs });
  const headers = withoutWireHeaders(response.headers());
  if (isRedirect(response.status()) && headers.location !== undefined) {
    headers.location = realLocation(headers.location, url, connected);
  }
  const body = await response.body();
  await response.dispose();
  return { status: response.status(), headers, body };
}

const NOT_RECORDED: Answer = {
  status: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: Buffer.from('not in the recording'),
};

function fromRecording(url: string, replay: Recording): Answer {
  const entry = replay.lookup(url);
  if (entry === null) return NOT_RECORDED;
  return { status: entry.status, headers: { ...entry.headers }, body: entry.body };
}

const isMapped = (url: string, connectTo: NetworkOptions['connectTo']): boolean =>
  connectTo !== undefined && applyConnectTo(url, connectTo) !== url;

async function answer(route: Route, options: NetworkOptions, network: RoutedNetwork): Promise<void> {
  const request = route.request();
  const first = request.url();
  if (BLOCKED_RESOURCE_TYPES.has(request.resourceType()) || isTrackerUrl(first)) {
    await route.abort('blockedbyclient');
    return;
  }
  const { replay, recorder } = options;
  if (replay === undefined && recorder === undefined && !isMapped(first, options.connectTo)) {
    await route.continue();
    return;
  }
  let url = first;
  let got: Answer;
  for (let hop = 0; ; hop += 1) {
    got = replay !== undefined ? fromRecording(url, replay) : await fromOrigin(route, url, options);
    if (recorder !== undefined && request.method() === 'GET') {
      recorder.record({ url, status: got.status, headers: got.headers, body: got.body });
    }
    const location = got.headers.location;
    if (!isRedirect(got.status) || location === undefined || hop >= BROWSER.maxRedirects) break;
    url = new URL(location, url).href;
  }
  if (url !== first) network.redirectedTo.set(first, url);
  await route.fulfill({ status: got.status, headers: got.headers, body: got.body });
}

/** Routes every request of `context` as described above. */
export async function routeNetwork(context: BrowserContext, options: NetworkOptions): Promise<RoutedNetwork> {
  const network: RoutedNetwork = { redirectedTo: new Map() };
  await context.route('**/*', async (route) => {
    try {
      await answer(route, options, network);
    } catch {
      // The page may be gone (closed context, timeout) or the origin unreachable: fail just this request.
      await route.abort('failed').catch(() => undefined);
    }
  });
  return network;
}

/**
 * Counts, inside the page, the loads its scripts start (fetch, XHR, inserted scripts and stylesheets)
 * the moment they start. Node hears of a request only after Chromium's events cross the wire, and on a
 * busy machine that can come after the quiet spell has seemed to pass; the page's own count cannot lag.
 */
const PAGE_PROBE = `(() => {
  const probe = { pending: 0, last: performance.now() };
  Object.defineProperty(window, '__kznewsProbe', { value: probe });
  const start = () => { probe.pending += 1; probe.last = performance.now(); };
  const end = () => { probe.pending = Math.max(0, probe.pending - 1); probe.last = performance.now(); };
  const fetch0 = window.fetch;
  if (typeof fetch0 === 'function') {
    window.fetch = function (...args) {
      start();
      return fetch0.apply(this, args).then(
        (response) => { end(); return response; },
        (error) => { end(); throw error; });
    };
  }
  const send0 = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    start();
    this.addEventListener('loadend', end, { once: true });
    return send0.apply(this, args);
  };
  const loads = (node) =>
    (node.tagName === 'SCRIPT' && node.src && !/json|template/i.test(node.type)) ||
    (node.tagName === 'LINK' && node.href && /stylesheet/i.test(node.rel));
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeType !== 1 || !loads(node)) continue;
      start();
      let done = false;
      const finish = () => { if (!done) { done = true; end(); } };
      node.addEventListener('load', finish, { once: true });
      node.addEventListener('error', finish, { once: true });
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

/** Installs the probe in every page of `context` (before any script of the page runs). */
export async function probePages(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PAGE_PROBE });
}

/**
 * In the page: milliseconds it still needs to be quiet for, by the probe's count (0: quiet long enough).
 * A source string, not a function, so no compiler helper can leak into the page.
 */
const PAGE_QUIET_LEFT = `(quietMs) => {
  const probe = window.__kznewsProbe;
  if (probe === undefined) return 0;
  if (probe.pending > 0) return quietMs;
  return Math.max(0, quietMs - (performance.now() - probe.last));
}`;

export interface NetworkWatch {
  /** Forgets what came before: called as the navigation starts. */
  begin(): void;
  /** Resolves once the page has settled, or after capMs at most. */
  settled(quietMs: number, capMs: number): Promise<void>;
}

/**
 * Tells when a page has settled: its load event has fired (every script it names has run) and no request
 * has been in flight for a quiet spell, as Node sees it and then as the page's probe sees it, so the
 * requests those scripts start (and the ones those start) are waited for. Event-driven on Node's side:
 * the wait ends the moment the spell is over, not at a polling step.
 */
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function watchNetwork(page: Page): NetworkWatch {
  const inFlight = new Set<unknown>();
  let lastChange = Date.now();
  let loaded = false;
  let wake: (() => void) | null = null;
  const changed = (): void => {
    lastChange = Date.now();
    wake?.();
  };
  page.on('request', (r) => {
    inFlight.add(r);
    changed();
  });
  const done = (r: unknown): void => {
    if (inFlight.delete(r)) changed();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('load', () => {
    loaded = true;
    changed();
  });
  /** Until Node has seen the page loaded and no request in flight for quietMs, or the deadline. */
  async function nodeQuiet(quietMs: number, deadline: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      const idle = loaded && inFlight.size === 0;
      if (now >= deadline || (idle && now - lastChange >= quietMs)) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, Math.min(idle ? quietMs - (now - lastChange) : deadline - now, deadline - now));
        function finish(): void {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = finish;
      });
    }
  }

  return {
    begin() {
      inFlight.clear();
      loaded = false;
      lastChange = Date.now();
    },
    async settled(quietMs, capMs) {
      const deadline = Date.now() + capMs;
      for (;;) {
        await nodeQuiet(quietMs, deadline);
        if (Date.now() >= deadline) return;
        // A page that is navigating away or gone has nothing more to say: read it as it is.
        const left = await page.evaluate<number>(`(${PAGE_QUIET_LEFT})(${quietMs})`).catch(() => 0);
        if (left === 0) return;
        await pause(Math.min(left, deadline - Date.now()));
      }
    },
  };
}

/**
 * In the page: resolves 'drawn' once the elements `selector` matches hold text (any of them: an adapter's
 * selector may match every paragraph, the first of which can be empty), and neither they nor the probe's
 * count of loads has changed for quietMs with no load in flight; 'missing' when no match with text has
 * appeared within waitMs; 'cap' when it kept changing or loading for capMs after it
 * appeared. Changes elsewhere in the page (a ticker, an ad slot) do not hold it up, and the load event
 * is not waited for (the article is there long before the last iframe of an ad has loaded).
 * Event-driven: a MutationObserver and one timer, no polling. A source string, like PAGE_QUIET_LEFT.
 */
const PAGE_BODY_DRAWN = `({ selector, quietMs, waitMs, capMs }) => new Promise((resolve, reject) => {
  const probe = window.__kznewsProbe ?? { pending: 0, last: 0 };
  const started = performance.now();
  let elements = [];
  let appeared = 0;
  let changed = started;
  let timer = 0;
  const observer = new MutationObserver((records) => {
    if (records.some((r) => elements.some((e) => e.contains(r.target)))) changed = performance.now();
    guarded();
  });
  const finish = (how) => { observer.disconnect(); clearTimeout(timer); resolve(how); };
  const later = (ms) => { clearTimeout(timer); timer = setTimeout(guarded, Math.max(1, ms)); };
  function guarded() {
    try { check(); } catch (error) { observer.disconnect(); clearTimeout(timer); reject(error); }
  }
  function check() {
    const now = performance.now();
    const found = Array.from(document.querySelectorAll(selector));
    if (found.length !== elements.length || found.some((e, i) => e !== elements[i])) { elements = found; changed = now; }
    if (!elements.some((e) => e.textContent.trim() !== '')) {
      if (now - started >= waitMs) return finish('missing');
      return later(waitMs - (now - started));
    }
    if (appeared === 0) appeared = now;
    const quietFor = now - Math.max(changed, probe.last);
    if (probe.pending === 0 && quietFor >= quietMs) return finish('drawn');
    if (now - appeared >= capMs) return finish('cap');
    later(Math.min(probe.pending > 0 ? quietMs : quietMs - quietFor, capMs - (now - appeared)));
  }
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  guarded();
})`;

export type BodyDrawn = 'drawn' | 'missing' | 'cap';

export interface BodyWaits {
  quietMs: number;
  waitMs: number;
  capMs: number;
}

/**
 * Waits inside `page` for its article body, as PAGE_BODY_DRAWN says: one round trip, and none of
 * Playwright's injected script (see PAGE_DOCUMENT in browser.ts for what injecting it costs a page).
 * Rejects when the page navigates away or closes meanwhile.
 */
export function bodyDrawn(page: Page, selector: string, waits: BodyWaits): Promise<BodyDrawn> {
  return page.evaluate<BodyDrawn>(`(${PAGE_BODY_DRAWN})(${JSON.stringify({ selector, ...waits })})`);
}
