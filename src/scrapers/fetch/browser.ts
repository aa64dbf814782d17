/**
 * The browser fetcher: pages that only exist after their scripts run, rendered by one shared headless
 * Chromium (system or Playwright's) and read back as HTML. Each fetch gets a fresh context (no cookies or
 * storage carried between pages) that is always closed, the number of pages rendered at once is bounded,
 * and every wait is bounded so a page that never settles costs at most timeoutMs. A crashed or vanished
 * browser is relaunched by the next fetch; fetches in flight at the time fail as transient.
 */
import { errors, type Page as PwPage, type Response } from 'playwright-core';
import type { Logger } from 'pino';
import { KznewsError, UsageError } from '../../errors.js';
import { BROWSER } from '../../settings.js';
import type { FetchOptions, Fetcher, Page } from '../types.js';
import { bodyDrawn, type NetworkWatch } from './browser-network.js';
import { closeQuietly, createBrowserSession } from './browser-session.js';
import { errorForStatus } from './http.js';
import type { HostGate } from './politeness.js';
import type { Recorder, Recording } from './recording.js';
import { createSlots } from './slots.js';
import { assertFetchableUrl, isFetchableUrl } from './url.js';

export interface BrowserFetcherOptions {
  /** Chromium to launch (see findChromium). */
  executablePath: string;
  userAgent: string;
  /** Bound on one whole fetch: navigation, then waiting for the page to settle. */
  timeoutMs: number;
  /** Pages rendered at once (config.browserConcurrency). */
  concurrency: number;
  /** Per-host politeness; the main document waits its turn, the page's own requests do not. */
  gate?: HostGate;
  /** host → origin, like curl's --connect-to; pages and their scripts still see the real host. */
  connectTo?: Record<string, string>;
  /** Writes down every response the pages load, for a later replay. */
  recorder?: Recorder;
  /** Answers every request from a recording; nothing goes to the network. */
  replay?: Recording;
  /** The selector whose appearance means a page is drawn, per URL (an adapter's body selector). */
  waitForSelector?: (url: string) => string | undefined;
  logger?: Pick<Logger, 'debug' | 'warn'>;
}

export type BrowserFetcher = Fetcher & {
  /** How many times the browser was relaunched after it crashed or disconnected. */
  restarts(): number;
};

/**
 * The features Playwright 1.65 turns off with its own --disable-features. Chromium honours only the last
 * --disable-features on its command line, so ours must repeat these (a browser test checks that it
 * still does after an upgrade of Playwright).
 */
const PLAYWRIGHT_DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Headless Chromium still builds a window's toolbar, omnibox and tab search as WebUI pages: one more
 * renderer process started for every context (every fetch), which some of them outlive. Measured here:
 * 600 → 370 ms per page rendered one at a time, and no renderer left behind.
 * It also starts a spare renderer after each navigation for the next one, which no page ever uses (the
 * next page is in another context, which cannot share a process): renderer CPU 155 → 110 ms a page.
 */
const KZNEWS_DISABLED_FEATURES: readonly string[] = [
  'InitialWebUI',
  'WebUIToolbarProcessOverheadExperiment',
  'PreloadTopChromeWebUI',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'SpareRendererForSitePerProcess',
];

/** Arguments this kind of machine needs: no GPU, no background traffic, no QUIC (it stalls behind NAT). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--disable-quic',
  '--mute-audio',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...KZNEWS_DISABLED_FEATURES].join(',')}`,
];

function validate(options: BrowserFetcherOptions): void {
  const wholeAtLeast = (name: string, value: number, min: number): void => {
    if (!Number.isInteger(value) || value < min) {
      throw new UsageError(`browser fetcher: ${name} must be a whole number of at least ${min}: got ${value}`);
    }
  };
  wholeAtLeast('concurrency', options.concurrency, 1);
  wholeAtLeast('timeoutMs', options.timeoutMs, 1);
  if (options.userAgent.trim() === '') throw new UsageError('browser fetcher: userAgent must name kznews, not be empty');
  for (const [host, origin] of Object.entries(options.connectTo ?? {})) {
    if (!isFetchableUrl(origin)) {
      throw new UsageError(`browser fetcher: connectTo["${host}"] must be an http(s) origin like http://127.0.0.1:8080: got ${origin}`);
    }
  }
}

/** Any failure of a render as a KznewsError: transient (a crash, a network error or a timeout may pass). */
function renderError(e: unknown, url: string, timeoutMs: number): KznewsError {
  if (e instanceof KznewsError) return e;
  if (e instanceof errors.TimeoutError) {
    return new KznewsError('transient', `browser gave up on ${url} after ${timeoutMs} ms`, { url, cause: e });
  }
  // Playwright appends its call log to the message; the first line says what went wrong.
  const firstLine = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  return new KznewsError('transient', firstLine, { url, cause: e });
}

interface RenderedDocument {
  html: string;
  charset: string;
}

/**
 * The rendered document as page.content() would give it, read in one call in the page's own world:
 * page.content() first injects Playwright's whole helper script into a fresh utility world: reading the
 * fixture article took 200 ms that way and 40 ms this way (concurrency 2, machine at load 11). A source
 * string, so no compiler helper can leak into the page.
 */
const PAGE_DOCUMENT = `(() => {
  const doctype = document.doctype === null ? '' : new XMLSerializer().serializeToString(document.doctype);
  const root = document.documentElement === null ? '' : document.documentElement.outerHTML;
  return { html: doctype + root, charset: document.characterSet };
})()`;

async function mainDocumentBytes(response: Response, html: string): Promise<number> {
  try {
    return (await response.body()).byteLength;
  } catch {
    // Chromium drops the body of a document that navigated on by script; the rendered size stands in.
    return Buffer.byteLength(html);
  }
}

export function createBrowserFetcher(options: BrowserFetcherOptions): BrowserFetcher {
  validate(options);
  const { timeoutMs, logger } = options;
  const slots = createSlots(options.concurrency);
  const session = createBrowserSession({
    executablePath: options.executablePath,
    // A replay must not reach the network even through something routing does not see (WebSockets).
    args: options.replay ? [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND'] : CHROMIUM_ARGS,
    context: {
      userAgent: options.userAgent,
      locale: 'ru-RU',
      timezoneId: 'Asia/Almaty',
      javaScriptEnabled: true,
      serviceWorkers: 'block',
    },
    network: {
      timeoutMs,
      ...(options.connectTo ? { connectTo: options.connectTo } : {}),
      ...(options.recorder ? { recorder: options.recorder } : {}),
      ...(options.replay ? { replay: options.replay } : {}),
    },
    logger,
  });
  let closed = false;

  /**
   * With the adapter's body selector: until the body is drawn (see bodyDrawn), without waiting for the load
   * event; a page that never shows it is read as it is (the extractor's call: not an article). Without one,
   * or when the page navigated on by script meanwhile: until the network has settled.
   */
  async function settle(page: PwPage, url: string, watch: NetworkWatch, deadline: number): Promise<void> {
    const selector = options.waitForSelector?.(url);
    const left = (): number => Math.max(0, deadline - Date.now());
    if (selector !== undefined) {
      const waits = { quietMs: BROWSER.bodyQuietMs, waitMs: Math.min(BROWSER.bodyWaitMs, left()), capMs: BROWSER.networkIdleCapMs };
      const how = await bodyDrawn(page, selector, waits).catch((e: unknown) => {
        if (page.isClosed()) throw e;
        logger?.debug({ url, selector, error: String(e) }, 'body wait interrupted; waiting for the network instead');
        return null;
      });
      if (how === 'missing') logger?.debug({ url, selector }, 'body selector did not appear in time; reading the page as it is');
      if (how !== null) return;
    }
    await watch.settled(BROWSER.networkQuietMs, Math.min(BROWSER.networkIdleCapMs, left()));
  }

  async function render(url: string, signal: AbortSignal | undefined): Promise<Page> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    const { context, page, network, watch } = await session.take();
    const abort = (): void => {
      void context.close().catch(() => undefined);
    };
    signal?.addEventListener('abort', abort, { once: true });
    // Calls inside the page have no timeout of their own: a renderer stuck in a script is stopped here.
    let timedOut = false;
    const giveUp = setTimeout(() => {
      timedOut = true;
      abort();
    }, Math.max(1, deadline - Date.now()));
    try {
      watch.begin();
      const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
      if (response === null) throw new KznewsError('transient', `browser got no response for ${url}`, { url });
      const finalUrl = network.redirectedTo.get(response.url()) ?? response.url();
      const headers = await response.allHeaders();
      const status = response.status();
      if (status >= 400) throw errorForStatus(status, finalUrl, headers);
      await settle(page, url, watch, deadline);
      const { html, charset } = await page.evaluate<RenderedDocument>(PAGE_DOCUMENT);
      return {
        requestedUrl: url,
        url: finalUrl,
        status,
        headers,
        html,
        charset: charset.toLowerCase(),
        fetchedAt: new Date(started).toISOString(),
        renderer: 'browser',
        bytes: await mainDocumentBytes(response, html),
        durationMs: Date.now() - started,
        notModified: false,
      };
    } catch (e) {
      if (signal?.aborted) throw new KznewsError('transient', `browser fetch of ${url} was aborted`, { url, cause: e });
      if (timedOut) throw new KznewsError('transient', `browser gave up on ${url} after ${timeoutMs} ms`, { url, cause: e });
      throw renderError(e, url, timeoutMs);
    } finally {
      clearTimeout(giveUp);
      signal?.removeEventListener('abort', abort);
      await closeQuietly(context);
    }
  }

  async function fetchInSlot(url: string, signal: AbortSignal | undefined): Promise<Page> {
    await slots.acquire(() => options.gate?.queued?.(url) ?? 0);
    try {
      if (closed) throw new KznewsError('transient', 'browser fetcher is closed', { url });
      return await render(url, signal);
    } catch (e) {
      throw renderError(e, url, timeoutMs);
    } finally {
      slots.release();
    }
  }

  return {
    async fetch(url: string, fetchOptions: FetchOptions = {}): Promise<Page> {
      if (closed) throw new KznewsError('transient', 'browser fetcher is closed', { url });
      assertFetchableUrl(url);
      const { signal } = fetchOptions;
      if (signal?.aborted) throw new KznewsError('transient', `browser fetch of ${url} was aborted`, { url });
      const { gate } = options;
      return gate ? gate.run(url, () => fetchInSlot(url, signal)) : fetchInSlot(url, signal);
    },
    restarts: () => session.restarts(),
    async close(): Promise<void> {
      closed = true;
      await session.close();
    },
  };
}
