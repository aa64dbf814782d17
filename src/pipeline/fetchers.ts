/**
 * The fetchers one pipeline uses: HTTP always, the browser only when a source needs it (launched lazily,
 * because starting Chromium costs a second and most crawls never need it).
 */
import type { Config } from '../config.js';
import { createBrowserFetcher } from '../scrapers/fetch/browser.js';
import { findChromium } from '../scrapers/fetch/chromium.js';
import { createHttpFetcher } from '../scrapers/fetch/http.js';
import { createLocalHostGate, type HostGate } from '../scrapers/fetch/politeness.js';
import { recordingTransport, replayTransport, type Recorder, type Recording } from '../scrapers/fetch/recording.js';
import type { Fetcher } from '../scrapers/types.js';

export interface Fetchers {
  http: Fetcher;
  browser(): Fetcher;
  close(): Promise<void>;
}

export interface FetchersOptions {
  config: Config;
  gate?: HostGate;
  connectTo?: Record<string, string>;
  replay?: Recording;
  recorder?: Recorder;
  /**
   * The body selector of the source a URL belongs to: the browser reads a page as soon as its body is
   * drawn instead of waiting for the load event and a quiet network.
   */
  waitForSelector?: (url: string) => string | undefined;
}

export function createFetchers(options: FetchersOptions): Fetchers {
  const { config, replay, recorder, waitForSelector } = options;
  const gate = options.gate ?? createLocalHostGate({ concurrency: config.hostConcurrency, delayMs: config.hostDelayMs });
  const connectTo = options.connectTo ?? config.connectTo;
  const transport = replay ? replayTransport(replay) : recorder ? recordingTransport(undefined, recorder) : undefined;
  const http = createHttpFetcher({
    userAgent: config.userAgent,
    timeoutMs: config.fetchTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    maxRedirects: config.maxRedirects,
    retries: replay ? 0 : config.fetchRetries,
    gate,
    robots: config.respectRobots && !replay,
    connectTo,
    ...(transport ? { transport } : {}),
  });
  let browser: (Fetcher & { restarts(): number }) | null = null;
  return {
    http,
    browser() {
      browser ??= createBrowserFetcher({
        executablePath: findChromium({ envPath: config.chromiumExecutable }),
        userAgent: config.userAgent,
        timeoutMs: config.fetchTimeoutMs,
        concurrency: config.browserConcurrency,
        gate,
        connectTo,
        ...(replay ? { replay } : {}),
        ...(recorder ? { recorder } : {}),
        ...(waitForSelector ? { waitForSelector } : {}),
      });
      return browser;
    },
    async close() {
      await Promise.all([http.close(), browser?.close()]);
      await gate.close?.();
    },
  };
}
