/**
 * The records passed between pipeline stages, and the Source (site adapter) contract.
 * Every stage is a plain function over these plain types; only fetchers, the database,
 * Redis and the browser have side effects.
 */

export type Lang = 'ru' | 'kk' | 'en';

/** How a source's pages are fetched. `auto`: HTTP first, the browser when the HTTP page has no article. */
export type Renderer = 'http' | 'browser' | 'auto';

/** What actually fetched a page. */
export type RenderedBy = 'http' | 'browser';

/** One fetched page, decoded. */
export interface Page {
  /** The URL asked for. */
  requestedUrl: string;
  /** The URL after redirects. */
  url: string;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Decoded HTML (or XML/JSON for discovery documents). Empty on 304. */
  html: string;
  /** Charset the body was decoded with (e.g. 'utf-8', 'windows-1251'). */
  charset: string;
  /** UTC ISO-8601. */
  fetchedAt: string;
  renderer: RenderedBy;
  /** Raw body size in bytes. */
  bytes: number;
  durationMs: number;
  /** True when a conditional GET answered 304 Not Modified. */
  notModified: boolean;
}

/** Validators from an earlier fetch of the same URL, for a conditional GET. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchOptions {
  validators?: Validators;
  /** Accept header override (feeds and sitemaps ask for XML). */
  accept?: string;
  signal?: AbortSignal;
}

/** Anything that turns a URL into a Page: the HTTP fetcher, the browser, a replayed recording. */
export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<Page>;
  close(): Promise<void>;
}

/** An article as extracted from a page, before cleaning and dedup. */
export interface ArticleDraft {
  /** Canonical URL. */
  url: string;
  sourceId: string;
  title: string;
  lead: string | null;
  paragraphs: string[];
  /** UTC ISO-8601, or null when the page gives no date. */
  publishedAt: string | null;
  updatedAt: string | null;
  author: string | null;
  language: Lang | null;
  tags: string[];
  images: string[];
  /** Other language editions of the same article (hreflang), canonical URLs keyed by language. */
  alternates?: Partial<Record<Lang, string>>;
}

/** What extraction gives: a draft, or a clean discard with its reason (never a throw for a bad page). */
export type ExtractResult =
  | { ok: true; draft: ArticleDraft }
  | { ok: false; reason: string };

/** What an extractor needs to know besides the page. */
export interface ExtractContext {
  sourceId: string;
  /** IANA zone local times on this site are read in. */
  timezone: string;
  /** The source's default language, when the page does not say. */
  language?: Lang;
  /** "Now", for relative dates ("сегодня, 13:51"); tests pass a fixed one. */
  now: Date;
}

/** CSS selectors a site adapter gives; each is optional and falls back to metadata, then the generic extractor. */
export interface Selectors {
  title?: string;
  /** The element(s) holding the body; several are joined in document order. */
  body?: string;
  /** Elements inside the body where the article ends (everything from the first match on is dropped). */
  bodyEnd?: string[];
  /** Elements removed from the body before reading paragraphs. */
  remove?: string[];
  /** Texts that end the body when a paragraph starts with them ("Читайте также"). */
  endMarkers?: string[];
  /** Paragraph patterns that are never body (credits, "Назад"). */
  dropPatterns?: RegExp[];
  date?: string;
  /** date format hint is not needed: the date parser reads every known form. */
  modified?: string;
  author?: string;
  tags?: string;
  lead?: string;
  /** Minimum paragraph length (characters) inside the body; shorter ones are dropped. */
  minParagraphLength?: number;
}

/** One link found by discovery. */
export interface DiscoveredItem {
  url: string;
  /** UTC ISO-8601 if the feed/sitemap/listing says. */
  publishedAt: string | null;
  title: string | null;
}

/** A listing page with pagination. `{page}` in url is replaced by the page number. */
export interface ListingConfig {
  url: string;
  firstPage?: number;
  /** Selector of one item (card) on the listing. */
  item: string;
  /** Selector of the link inside an item (default: the item itself if it is <a>, else the first a[href]). */
  link?: string;
  /** Selector of the date inside an item. */
  date?: string;
  /**
   * Selector of the day headings the items stand under, for listings whose items print only a time
   * (informburo.kz: "Сегодня", "15 августа" above items of "14:20"): the day is read with the time.
   */
  dayHeading?: string;
  title?: string;
  /** 'json-html': the response is JSON wrapping an HTML fragment ("load more" endpoints). */
  format?: 'html' | 'json-html';
  /** Upper bound on pages walked in one run. */
  maxPages?: number;
}

export interface DiscoveryConfig {
  feeds: string[];
  sitemaps: string[];
  listings: ListingConfig[];
}

/** A site adapter: mostly data. Built with defineSource() in src/scrapers/sites/. */
export interface Source {
  id: string;
  name: string;
  /** e.g. https://www.akorda.kz */
  baseUrl: string;
  /** Every host this source owns (lower case, no www. variants needed: both are matched). */
  hosts: string[];
  languages: Lang[];
  renderer: Renderer;
  /** Five- or six-field cron pattern, read in `timezone`. */
  cron: string;
  /** IANA zone of the site's local times. */
  timezone: string;
  enabled: boolean;
  discovery: DiscoveryConfig;
  /** Which discovered URLs are articles (others are skipped). Default: every URL on the source's hosts. */
  articleUrl?: RegExp;
  /** URLs never fetched (e.g. zakon.kz /pbf/, /special/). */
  skipUrl?: RegExp;
  selectors: Selectors;
  /**
   * What the browser waits for before reading a page: the article is there once an element this matches
   * holds text. Defaults to selectors.body; a site whose article also comes whole from elsewhere (lada.kz's
   * NewsArticle JSON-LD) names that too, or its pages would sit out BROWSER.bodyWaitMs for a body element
   * that markup does not have.
   */
  renderedBody?: string;
  /** Extract one article from a page. Default: selectors + metadata + generic fallback. */
  extract(page: Page, ctx: ExtractContext): ExtractResult;
}

/** Error kinds that decide what happens next (mapped once onto BullMQ in src/jobs/). */
export type FailureKind =
  /** network error, timeout, 5xx, 429: retry later */
  | 'transient'
  /** 404, 410, a URL that is not http(s), too large: do not retry */
  | 'permanent'
  /** the page was fetched but holds no article: recorded as a discard */
  | 'not-article'
  /** robots.txt disallows it */
  | 'robots';
