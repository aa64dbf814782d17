/**
 * One shared Chromium and the fresh pages rendered in it. The browser is launched on first use and
 * relaunched by the next caller after it crashed or disconnected. Every page lives in a context of its
 * own (no cookies or storage shared between fetches), routed and watched from its first request.
 *
 * Starting a context and its renderer process is the largest fixed cost of a fetch, so one such page is
 * kept ready ahead of demand: it is prepared while other pages are waiting on their network, and holds
 * nothing (about:blank) until a fetch takes it.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Logger } from 'pino';
import { BROWSER } from '../../settings.js';
import { probePages, routeNetwork, watchNetwork, type NetworkOptions, type NetworkWatch, type RoutedNetwork } from './browser-network.js';

export interface ReadyPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  network: RoutedNetwork;
  watch: NetworkWatch;
}

export interface BrowserSessionOptions {
  executablePath: string;
  args: readonly string[];
  context: BrowserContextOptions;
  network: NetworkOptions;
  logger?: Pick<Logger, 'debug' | 'warn'> | undefined;
}

export interface BrowserSession {
  /**
   * A fresh routed page in a context of its own, launching the browser if need be, within
   * BROWSER.launchTimeoutMs (a page that comes later is closed); the caller closes the context.
   */
  take(): Promise<ReadyPage>;
  /** How many times the browser was relaunched after it crashed or disconnected. */
  restarts(): number;
  close(): Promise<void>;
}

/** Settles once `promise` does, or quietly after `ms` (a hung renderer must not hang its caller). */
export function bounded(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const closeQuietly = (context: BrowserContext): Promise<void> => bounded(context.close(), BROWSER.closeTimeoutMs);

export function createBrowserSession(options: BrowserSessionOptions): BrowserSession {
  const { logger } = options;
  let launched: Promise<Browser> | null = null;
  let current: Browser | null = null;
  let lost = false;
  let restarts = 0;
  let closed = false;
  let spare: Promise<ReadyPage> | null = null;

  function launch(): Promise<Browser> {
    if (closed) return Promise.reject(new Error('browser session is closed'));
    if (lost) restarts += 1;
    lost = false;
    const attempt = chromium
      .launch({
        executablePath: options.executablePath,
        headless: true,
        chromiumSandbox: process.getuid?.() !== 0,
        args: [...options.args],
        timeout: BROWSER.launchTimeoutMs,
      })
      .then((browser) => {
        current = browser;
        browser.on('disconnected', () => {
          if (current !== browser) return;
          current = null;
          launched = null;
          if (!closed) {
            lost = true;
            logger?.warn({ executablePath: options.executablePath }, 'browser disconnected; the next fetch relaunches it');
          }
        });
        return browser;
      });
    attempt.catch(() => {
      if (launched === attempt) launched = null;
    });
    launched = attempt;
    return attempt;
  }

  async function newContext(): Promise<{ browser: Browser; context: BrowserContext }> {
    const browser = await (launched ?? launch());
    try {
      return { browser, context: await browser.newContext(options.context) };
    } catch (e) {
      if (browser.isConnected()) throw e;
      // Died between fetches, before 'disconnected' was seen: nothing was in flight, so start afresh
      // (once: a caller that failed alongside this one finds the relaunch already under way).
      if (current === browser) {
        current = null;
        launched = null;
        lost = true;
      }
      const next = await (launched ?? launch());
      return { browser: next, context: await next.newContext(options.context) };
    }
  }

  async function prepare(): Promise<ReadyPage> {
    const { browser, context } = await newContext();
    const open = async (): Promise<ReadyPage> => {
      const network = await routeNetwork(context, options.network);
      await probePages(context);
      const page = await context.newPage();
      return { browser, context, page, network, watch: watchNetwork(page) };
    };
    // Some calls (newPage) never settle when the browser dies under them: stop waiting when it does. The
    // listener is this call's own, so nothing long-lived holds on to the page once it is closed.
    let stop: () => void = () => undefined;
    const died = new Promise<never>((_, reject) => {
      stop = () => reject(new Error('browser disconnected while opening a page'));
      browser.once('disconnected', stop);
      if (!browser.isConnected()) stop();
    });
    try {
      return await Promise.race([open(), died]);
    } catch (e) {
      await closeQuietly(context);
      throw e;
    } finally {
      browser.off('disconnected', stop);
    }
  }

  const usable = (ready: ReadyPage): boolean =>
    ready.browser === current && ready.browser.isConnected() && !ready.page.isClosed();

  /**
   * One spare at most: two fetches taking pages at once (one the spare, one a page of its own) both ask
   * for the next spare, and a second would overwrite the first, whose context nobody would ever close
   * (measured: a renderer of ~110 MiB left behind every 20 to 30 pages at concurrency 2).
   */
  function prepareSpare(): void {
    if (spare !== null || closed) return;
    const next = prepare();
    // A spare that fails is simply not used: the fetch that would have taken it prepares its own.
    next.catch(() => undefined);
    spare = next;
  }

  async function take(): Promise<ReadyPage> {
    const waiting = spare;
    spare = null;
    let ready = waiting === null ? null : await waiting.catch(() => null);
    if (ready !== null && !usable(ready)) {
      void closeQuietly(ready.context);
      ready = null;
    }
    ready ??= await prepare();
    prepareSpare();
    return ready;
  }

  return {
    take() {
      const taking = take();
      const limit = BROWSER.launchTimeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          void taking.then((ready) => closeQuietly(ready.context), () => undefined);
          reject(new Error(`browser did not open a page within ${limit} ms`));
        }, limit);
      });
      return Promise.race([taking, late]).finally(() => clearTimeout(timer));
    },
    restarts: () => restarts,
    async close() {
      closed = true;
      const waiting = spare;
      spare = null;
      const ready = waiting === null ? null : await waiting.catch(() => null);
      if (ready !== null) await closeQuietly(ready.context);
      const pending = launched;
      launched = null;
      if (pending === null) return;
      const browser = await pending.catch(() => null);
      if (browser !== null) await bounded(browser.close(), BROWSER.closeTimeoutMs);
    },
  };
}
