/**
 * Named thresholds, in one place (trafilatura's settings.py habit): no magic numbers inside functions.
 * Each area keeps its own block below; values are chosen from measurements noted beside them.
 */

/** Browser fetcher (src/scrapers/fetch/browser.ts). */
export const BROWSER = {
  /**
   * After DOMContentLoaded, how long to wait at most for the network to go quiet when no selector is given.
   * Scripts that fill a page in with one XHR settle in well under a second locally; sites with long-polling
   * or endless analytics never go idle, so this cap is what such a page costs.
   */
  networkIdleCapMs: 2_000,
  /** A quiet network for this long counts as idle (Playwright's own 'networkidle' uses 500 ms). */
  networkQuietMs: 300,
  /** Polling step while waiting for the network to go quiet. */
  networkPollMs: 50,
  /** Closing a context or the browser is given this long before it is abandoned (a hung renderer must not hang the crawl). */
  closeTimeoutMs: 5_000,
} as const;

/** JS-shell and challenge detection (src/scrapers/fetch/shell.ts). */
export const SHELL = {
  /** A page with at most this much visible text (characters) can be an empty shell its scripts fill in. */
  maxShellTextChars: 200,
  /** Challenge wording on a page with at most this much visible text is a challenge even under status 200. */
  maxChallengeTextChars: 600,
} as const;

/** Article extraction (src/scrapers/extract/). */
export const EXTRACT = {
  /** Years outside this range are not publication dates (a stray number, a phone code). */
  dateMinYear: 1990,
  dateMaxYear: 2100,
  /** A text longer than this is a sentence, not a printed date. */
  dateMaxChars: 80,
} as const;
