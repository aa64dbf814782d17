/**
 * Named thresholds, in one place (trafilatura's settings.py habit): no magic numbers inside functions.
 * Each area keeps its own block below; values are chosen from measurements noted beside them.
 */

/** Storage (src/db/). */
export const DB = {
  /** How long a reader (`kznews query`) or a second writer waits for a worker's write lock. */
  busyTimeoutMs: 10_000,
  /** Page cache per connection, in KiB (negative cache_size means KiB in SQLite). */
  cacheSizeKiB: 64 * 1024,
  /** Memory-mapped I/O: reads of a large archive skip a copy through the page cache. */
  mmapBytes: 256 * 1024 * 1024,
  /**
   * Brotli quality for raw HTML (an archive for re-extraction, read rarely). Measured on the 49 fixture
   * pages over 8 KiB (17.3 KiB average) and 300 bench/ingest pages (35.6 KiB), µs per page at ratio:
   * q1 89 at 3.43x, 165 at 4.04x; q2 148 at 3.81x, 293 at 4.34x; q3 184 at 3.81x, 337 at 4.39x; q4 302 at
   * 4.10x, 508 at 4.51x (window 16–22 bits changes nothing at these sizes; gzip -1 157 at 3.57x, 290 at
   * 3.99x). q1 costs ~45% less than q2 for 7–11% more bytes (~0.6 KB an article): the compressor's
   * worker stays well under the 500 µs a page that 2,000 articles/s leave it.
   */
  brotliQuality: 1,
  /**
   * storeArticleBatches checkpoints the WAL on a worker beside its writes, and every this many batches
   * waits for it so the WAL file starts over (src/db/queries/wal-checkpointer.ts). bench/ingest batched
   * (two runs each, load ~5), main-thread CPU per article and WAL file: checkpoints on the writer
   * 631–829 µs, 20 MiB; here every 1 batch 571–704 µs, 20 MiB; 2: 551–641, 39 MiB; 4: 568–571, 77 MiB;
   * never starting over 720 µs and 938 MiB (each page read searches a longer WAL index).
   */
  walRestartBatches: 4,
  /** URLs per IN list when looking up many at once (a power of two, far below any parameter limit). */
  inListChunk: 512,
  /** Rows read per batch when streaming raw pages (the connection stays free between batches). */
  rawPageBatch: 200,
  /** bm25 weight of a title match against a body match (the FTS migration's `rank` says the same). */
  ftsTitleWeight: 10,
  ftsBodyWeight: 1,
  /**
   * The lead, weighted as body text: on these sites it is often the first paragraph set in bold, and
   * there are no relevance judgments to tune a different weight against.
   */
  ftsLeadWeight: 1,
  /**
   * A search matching more articles than this ranks only this many, the most recently stored: bm25
   * over 50,000 matches takes ~150 ms, over 2,000 ~6 ms on top of FTS5 counting each word's
   * articles (bench/query.ts, 100,000 articles).
   */
  searchRankWindow: 2_000,
  searchDefaultLimit: 20,
  searchMaxLimit: 10_000,
  /** Days of per-day counts in `kznews stats`. */
  statsDays: 30,
} as const;

/**
 * Browser fetcher (src/scrapers/fetch/browser.ts). bench/browser.ts, fixture article drawn by its script,
 * 500 pages at concurrency 2 on 2 shared cores: 1.97 pages/s, 482 ms CPU a page (node 41 + Chromium 441),
 * Chromium 10 → 13 processes and 1.0 → 1.3 GiB RSS over the run (load 10–19), before the body-selector
 * read, the one-call document read, the single spare and no spare renderer; 2.91 pages/s, 370 ms CPU a
 * page (34 + 336), flat at 8 processes and 0.84 GiB after (load 12). The CPU-bound ceiling is 5.4 pages/s
 * on 2 cores. Under that load 3 and 4 gave 2.69–3.15 pages/s against 2.83–2.91 at 2, with 20–40 ms more
 * CPU a page (load 10–13); on the machine at rest (nothing else running) 2 gave 4.91 pages/s, 3 gave 5.34
 * and 4 gave 5.31, so config.browserConcurrency is 3: the waits of one page overlap another's work.
 */
export const BROWSER = {
  /**
   * When no selector is given, how long to wait at most for a page to settle (loaded, then a quiet
   * network). Scripts that fill a page in with one XHR settle in well under a second locally; sites with
   * long-polling or endless analytics never do, so this cap is what such a page costs.
   */
  networkIdleCapMs: 2_000,
  /**
   * After the load event (every script the page names has run), no request in flight for this long means
   * settled. Requests chained in promise callbacks start within a millisecond of the one before; Playwright's
   * own 'networkidle' waits 500 ms, which would halve the pages rendered per second.
   */
  networkQuietMs: 150,
  /**
   * With an adapter's body selector, the body holding text and neither it nor any script-started load
   * changing for this long means drawn: an article filled from one API response lands in one task, and
   * the load event (ad iframes, late scripts) is not waited for. Measured at concurrency 2 (load 10–12):
   * 25 ms 2.32, 50 ms 2.83 and 2.85, 100 ms 2.39 pages/s; the page's settling took 300 → 140 ms.
   */
  bodyQuietMs: 50,
  /** How long a page may take to show its body selector before it is read as it is (late script-drawn bodies take about a second). */
  bodyWaitMs: 5_000,
  /** Closing a context or the browser is given this long before it is abandoned (a hung renderer must not hang the crawl). */
  closeTimeoutMs: 5_000,
  /**
   * Bound on starting Chromium, and on opening a page in it (launch included): under a second on an idle
   * machine, many on one busy with other work; past this the fetch fails transient rather than hang.
   */
  launchTimeoutMs: 30_000,
  /** Redirects followed for one routed request (the HTTP fetcher's default MAX_REDIRECTS). */
  maxRedirects: 10,
} as const;

/** JS-shell and challenge detection (src/scrapers/fetch/shell.ts). */
export const SHELL = {
  /** A page with at most this much visible text (characters) can be an empty shell its scripts fill in. */
  maxShellTextChars: 200,
  /** Challenge wording on a page with at most this much visible text is a challenge even under status 200. */
  maxChallengeTextChars: 600,
} as const;

/** Discovery (src/scrapers/discover/): how far one run walks a site's feeds, sitemaps and listings. */
export const DISCOVERY = {
  /**
   * Listing pages, or child sitemaps, read from one discovery root in one run unless the caller says.
   * An incremental run stops as soon as a page brings nothing new, so it rarely reaches this.
   */
  maxPages: 10,
  /** Child sitemaps taken from one sitemap index (zakon.kz's index lists hundreds of numbered files). */
  maxChildSitemaps: 50,
  /** Sitemap indexes followed inside an index (index → index → urlset). */
  maxSitemapDepth: 2,
} as const;

/** Article extraction (src/scrapers/extract/). */
export const EXTRACT = {
  /** Years outside this range are not publication dates (a stray number, a phone code). */
  dateMinYear: 1990,
  dateMaxYear: 2100,
  /** A text longer than this is a sentence, not a printed date. */
  dateMaxChars: 80,

  /** Language: letters sampled, the fewest that tell a script, and the share of ә ғ қ ң ө ұ ү һ і that makes kk. */
  languageSampleChars: 3000,
  languageMinLetters: 40,
  /** Kazakh prose runs at 6–10% of its Cyrillic letters; Russian text naming Kazakh places stays under 1%. */
  kazakhLetterShare: 0.025,

  /** Generic extractor: container score bonus for article-like class names, and for itemprop=articleBody. */
  classBonus: 25,
  articleBodyBonus: 50,
  /** Bonus for div/article/section/main, the tags that hold whole articles. */
  containerTagBonus: 5,
  /** Paragraph-like blocks shorter than this do not vote for their container. */
  minScoredParagraphChars: 25,
  /** One point per this many characters, at most maxLengthPoints (Readability's numbers). */
  charsPerPoint: 100,
  maxLengthPoints: 3,
  /** A <div> with no block children and fewer <br>s than this is one paragraph; with more it holds br-split paragraphs and is a container. */
  textDivMinBreaks: 2,
  /** How far up a paragraph's vote reaches. */
  scoreAncestorLevels: 5,
  /** A <form>/<header>/<footer>/<aside> holding at least this share of the page's text wraps the page. */
  wrapperMinShare: 0.5,
  /** Furniture by name is set aside unless it holds this share of the page's text (a misnamed wrapper). */
  strongFurnitureMaxShare: 0.6,
  weakFurnitureMaxShare: 0.25,
  /** ...and a furniture-named element that also names content ("content social") stays from this share on. */
  namedContentMinShare: 0.2,
  /** Appended articles: each of real size (characters), and the page's own at least this share of the largest. */
  appendedArticleMinChars: 400,
  appendedArticleMinShare: 0.3,
  /** A sibling container joins the best one with this score, or this share of the best score. */
  siblingMinScore: 10,
  siblingScoreShare: 0.2,
  /**
   * Teaser cards: a container with at least this many linked headlines and less than listingMaxCharsPerHeadline
   * of other text per headline never joins the article, and loses the top place to a sibling of prose
   * (Boing Boing's next-post thumbnails hold more text than a short post).
   */
  teaserMinHeadlines: 2,
  /** A sibling <p> joins when at least this long and not made of links. */
  siblingParagraphChars: 80,
  siblingMaxLinkDensity: 0.25,
  /** Prose: a sentence-ended paragraph (siblingParagraphChars+) this free of links; this many after an end heading mean it was no end. */
  proseMaxLinkDensity: 0.1,
  proseAfterEndHeading: 2,
  /**
   * Standfirst: prose between the headline and the body container joins the body, at most this many
   * paragraphs of at least this many characters (DW's 230-character intro; shorter lines there are kickers and credits).
   */
  standfirstMinChars: 60,
  standfirstMaxBlocks: 3,
  /** A heading whose text is this much link is a linked headline (listing pages hold many). */
  linkedHeadlineDensity: 0.8,
  /** A line this much link is a menu/related line; a short one (under linkShortLineChars) already at the lower share. */
  linkLineDensity: 0.6,
  /** ...but a paragraph of one link to another site, this many words or more, is a cited source and stays. */
  citationMinWords: 3,
  /** A line this much link is dropped even when it ends like a sentence. */
  linkOnlyDensity: 0.9,
  linkShortLineDensity: 0.5,
  linkShortLineChars: 100,
  /** Credit/date lines ("akorda.kz", "27.02.2026 110") are at most this long. */
  shortLineChars: 60,
  /** A byline of names ("By Anna Lee, Reuters") is at most this long. */
  bylineMaxChars: 100,
  /** A box with its own form (newsletter sign-up, comment form) and at most this much text (non-space characters) is furniture. */
  formBoxMaxChars: 400,
  /**
   * A <div> holding an image and at most this much text (non-space characters) that does not end as a
   * sentence is a picture and its caption (DW's div.picBox: the page's three captions hold 39, 51 and 64
   * non-space characters). A sentence ending in a period beside an image stays.
   */
  pictureBoxMaxChars: 160,
  /** ...its image at most this many elements down (DW: div > a > img). */
  pictureBoxImageDepth: 2,
  /** A © line this short is a footer. */
  copyrightLineChars: 200,
  /** Furniture phrases ("Подписывайтесь…", "Нашли ошибку…") are checked on lines up to this long. */
  furnitureTextMaxChars: 250,
  /** "Другие новости"-like headings are short. */
  endHeadingMaxChars: 80,
  /** An h1 shorter than this is a logo, not a headline. */
  titleMinChars: 8,

  /** Metadata: a title part this long or shorter may be the site's name ("| Zakon.kz"). */
  siteNameMaxChars: 40,
  authorMaxChars: 120,
  tagMaxChars: 60,
  maxTags: 30,
  /** A tag block: at most this long, and at least this share of it in links. */
  tagBlockMaxChars: 400,
  tagBlockMinLinkShare: 0.5,
  maxImages: 20,
  /** Images with a width or height attribute below this are icons and pixels. */
  minImagePx: 100,
  /** Elements after the headline checked for a bare date line. */
  dateSiblingsAfterTitle: 3,

  /** Discard: a body shorter than this (characters) is no article (an error page, a bare photo); news briefs run longer. */
  minBodyChars: 150,
  /** A page whose body text is under this and that has scripts is a JavaScript shell. */
  shellMaxChars: 200,
  /** Listing: at least this many linked headlines with less than this much other text per headline. */
  listingMinHeadlines: 5,
  listingMaxCharsPerHeadline: 400,
  /** JSON-LD articleBody replaces the DOM body when the DOM has fewer than this share of its words. */
  articleBodyDomShare: 0.6,
  /** Lead: the description must be this long, share this much of its words (4+ letters) with the article. */
  leadMinChars: 30,
  leadWordMinLetters: 4,
  leadMinSharedWords: 0.3,
  /** A description whose first characters (comparison key) start the body is the body's start, not a lead. */
  leadPrefixCompareChars: 120,
  /** ...or, in a body the generic extractor read, start it after at most this many key characters of dateline ("астана28авгsputnik" is 18). */
  leadDatelineMaxChars: 40,
  /** The lead is compared with the body's first paragraphs only. */
  leadCompareParagraphs: 3,
} as const;

/** The daemon (src/jobs/). Times in milliseconds unless the name says otherwise. */
export const JOBS = {
  /** Article jobs one worker process runs at once (`kznews worker --concurrency`). */
  articleConcurrency: 8,
  /** Source runs (discovery) one worker process runs at once. */
  sourceConcurrency: 2,
  /** Tries of an article job that fails transiently (network, 5xx, 429) before it is left in the failed set. */
  articleAttempts: 5,
  sourceAttempts: 3,
  /** Exponential backoff: base · 2^(attempt-1), capped, with ± jitter so retries of one host spread out. */
  backoffBaseMs: 15_000,
  backoffMaxMs: 30 * 60_000,
  backoffJitter: 0.2,
  /**
   * Finished jobs kept (BullMQ KeepJobs: age in seconds). A kept job also stops its URL from being queued
   * again while it lives, so a page that was not an article or answered 404 is not fetched every run.
   */
  keepCompletedArticles: { age: 24 * 3600, count: 20_000 },
  keepFailedArticles: { age: 3 * 24 * 3600, count: 20_000 },
  keepCompletedRuns: { age: 7 * 24 * 3600, count: 1_000 },
  keepFailedRuns: { age: 7 * 24 * 3600, count: 1_000 },
  /**
   * Job lock. CPU work runs in the pipeline thread, so the main thread renews locks on time; the lock only
   * has to outlive a stalled Redis round trip. A killed worker's jobs return to the queue within
   * lockDuration + stalledInterval.
   */
  lockDurationMs: 30_000,
  stalledIntervalMs: 15_000,
  /** A job whose worker died this many times is failed rather than retried forever. */
  maxStalledCount: 2,
  /** SIGTERM: running jobs get this long to finish before they are handed back to the queue. */
  shutdownGraceMs: 15_000,
  /** After the grace: the pipeline thread gets this long to close the browser and the database. */
  threadCloseMs: 10_000,
  /** A pipeline thread that died is replaced after this pause (a crash loop must not spin the CPU). */
  threadRestartDelayMs: 1_000,
  /** Start-up check that Redis answers. */
  redisConnectTimeoutMs: 5_000,
  /** Reconnect delay while Redis is away grows to this and stays there. */
  redisRetryMaxMs: 5_000,
  /** Scheduler reconciliation at start is serialized across workers by a lock this long-lived. */
  schedulerLockMs: 30_000,
  schedulerLockPollMs: 100,
  /**
   * Per-host lease in the Redis gate, renewed at a third of it while the request runs: a killed worker's
   * slot frees itself after this.
   */
  gateLeaseMs: 15_000,
  /** Polling for a free host slot starts at the first and doubles to the second. */
  gatePollMinMs: 20,
  gatePollMaxMs: 500,
  /** A host slowed down (Retry-After) for longer than this: the job waits in the delayed set, not in a worker slot. */
  hostWaitToDelayMs: 5_000,
  /** Bookkeeping of a run's pending article jobs expires after this (seconds). */
  runTrackingTtlSeconds: 3 * 24 * 3600,
  /** /healthz gives each check this long. */
  healthCheckTimeoutMs: 3_000,
  /** Fetch latency histogram buckets, in seconds. */
  fetchLatencyBuckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as readonly number[],
} as const;

/** The fetch layer (src/scrapers/fetch/): URLs, charsets, politeness, robots.txt, retries, recordings. */
export const FETCH = {
  /** Query parameters that only say where a visitor came from: always dropped from canonical URLs. */
  trackingParams: [
    'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'ysclid', '_openstat',
    'mc_cid', 'mc_eid', 'igshid', '_ga', '_gl', 'ref', 'ref_src', 'ref_url',
  ],
  /** Prefixes of tracking parameter names (utm_source, utm_medium, …). */
  trackingParamPrefixes: ['utm_'],
  /**
   * Parameters dropped only when their value names a referrer (`?from=rss`, `?from=yandex_news`):
   * `from` also pages lists and picks date ranges on some sites, so it is kept otherwise.
   */
  trackingParamValues: {
    from: /^(?:rss|feed|yandex|zen|dzen|google|gnews|telegram|tg|twitter|x|facebook|fb|vk|ok|instagram|whatsapp|push|smi2|mail|main|mobile|app|share|widget)(?:[._-]\w*)?$/i,
  },
  /** Public suffixes of two labels, under which a registrable domain has three (edu.kz, co.uk, …). */
  multiLabelSuffixes: [
    'gov.kz', 'edu.kz', 'org.kz', 'com.kz', 'net.kz', 'mil.kz', 'co.uk', 'org.uk', 'com.ru', 'net.ru',
    'org.ru', 'com.ua', 'com.tr', 'co.jp', 'com.cn', 'com.au',
  ],
  /** Bytes at the start of a document searched for <meta charset> or <?xml encoding?> (CMS heads run long). */
  charsetPrescanBytes: 4096,
  /** Charset of bytes that are not valid UTF-8 and declare none: the usual legacy one on .kz sites. */
  legacyCharset: 'windows-1251',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  acceptLanguage: 'ru,kk;q=0.9,en;q=0.8',
  /** First backoff delay after a transient failure; doubled on each further attempt. */
  retryBaseMs: 1_000,
  retryMaxMs: 30_000,
  /** Share of each backoff delay drawn at random, so retries from many workers spread out. */
  retryJitter: 0.5,
  /** Longest Retry-After believed: a longer one is capped to this. */
  retryAfterMaxMs: 60 * 60_000,
  /** Longest Retry-After waited out inside one fetch; a longer one goes back to the queue (retryAfterMs). */
  retryAfterInlineMaxMs: 30_000,
  /** How long a fetched robots.txt is trusted. */
  robotsTtlMs: 24 * 60 * 60_000,
  /** How long an unreachable robots.txt (5xx, 429, network error) is remembered before it is asked again. */
  robotsErrorTtlMs: 5 * 60_000,
  /** Google reads the first 500 KiB of a robots.txt and ignores the rest. */
  robotsMaxBytes: 500 * 1024,
  /** Redirects followed for robots.txt (Google: five, then it counts as absent). */
  robotsMaxRedirects: 5,
  /** Origins whose robots.txt is kept in memory; the oldest is dropped beyond this. */
  robotsCacheMaxOrigins: 1_000,
  /**
   * Longest robots.txt Crawl-delay obeyed. Russian-language sites often write Crawl-delay for Yandex's sake
   * (10 s and more are seen); beyond half a minute a news site could not be kept up with at all, so a
   * longer one is read as this.
   */
  crawlDelayMaxMs: 30_000,
  /** Hosts the in-process gate tracks before it forgets the idle ones. */
  gateHostsBeforeSweep: 256,
  /** Longest readable file name (without extension) a recording gives a body before shortening it. */
  recordingNameMaxLength: 100,
  /** Hex digits of the URL hash that tells two bodies with the same readable name apart. */
  recordingHashLength: 8,
  /** Response headers a recording keeps (others describe one transfer, not the resource). */
  recordingHeaders: ['content-type', 'location', 'etag', 'last-modified', 'content-language', 'link', 'retry-after', 'x-robots-tag'],
} as const;

/** Dedup and cleaning (src/pipeline/normalize.ts, src/pipeline/dedup/, src/db/dedup-store.ts). */
export const DEDUP = {
  // Level 1: one article.
  /** A line without letters up to this long is decoration (an emoji, a dash, "- 5588", "27.02.2026 110"). */
  decorationMaxChars: 40,
  /** A teaser cut with "..." is dropped when at least this long and the paragraph it was cut from is present. */
  teaserMinChars: 20,
  /** Tag line without known tags: the last line, this many words, most of them capitalized (dknews.kz's tag row). */
  tagLineMinWords: 3,
  tagLineMaxWords: 12,
  tagLineMinCapitalShare: 0.6,
  /** A "most read" list at the end: at least this many counter lines, headlines of at most so many lines and chars. */
  listingMinCounters: 2,
  listingMaxItemLines: 3,
  listingItemMaxChars: 200,

  // Level 2: site boilerplate.
  /** A paragraph used by at least this many articles of one site is that site's boilerplate… */
  boilerplateMinArticles: 5,
  /** …when that site holds at least this share of all its uses (a quote spread over sites stays text). */
  boilerplateMinSiteShare: 0.8,

  // Level 3: glued neighbours.
  /** Paragraphs an article keeps at least before a neighbour's text starts. */
  neighbourMinOwnParagraphs: 1,

  // Level 4: verbatim copies.
  /** Words per shingle. */
  shingleSize: 5,
  /** MinHash permutations = lshBands × lshRows. */
  lshBands: 40,
  lshRows: 3,
  /** Copies are looked for among articles published this many days apart at most. */
  copyWindowDays: 14,
  /** A candidate is a copy at this Jaccard similarity of word shingles… */
  copyJaccard: 0.5,
  /** …or when this share of the smaller text's shingles is in the larger and the smaller is this share of the larger. */
  copyContainment: 0.7,
  copyMinSizeRatio: 0.6,
  /**
   * minhash_bands is keyed by period (this many days) first: a probe then reads the index pages of the
   * last period or two, which recent writes keep in the cache, not pages spread over the whole archive
   * (bench/dedup.ts, lookup at 100k stored against 1k: 3.8x keyed by band first, 1.5x by period). At least
   * 2 × copyWindowDays + 1, so a window spans two periods at most. Stored bands carry their period:
   * after changing this, run `kznews dedup --rebuild`.
   */
  copyPeriodDays: 32,
  /** LSH candidates verified per article, those sharing the most bands first. */
  copyMaxCandidates: 20,
  /** Words before a number that name its place in a text, for the templated-series guard. */
  numberContextWords: 2,

  // Level 5: stories.
  /** Articles this many days apart at most can be one story. */
  storyWindowDays: 3,
  /**
   * TF-IDF cosine over stems at which articles of two sites report one event. Measured on the seeds
   * (bench/dedup.ts prints it): 001↔003, one speech told twice, 0.43–0.45; every other pair, same topic
   * (SCO, Tokayev) but other events, 0.16–0.24; stable from 2 to 5 documents in the corpus.
   */
  storyThreshold: 0.3,
  /** Stems of highest weight an article is indexed under (article_terms). */
  storyIndexTerms: 16,
  /** Stems of highest weight a new article looks its candidates up by. */
  storyQueryTerms: 48,
  /** A candidate shares at least this many of them with the other article's index stems (seeds 001/003: 11). */
  storyMinSharedTerms: 2,
  /** Candidates compared per article, those sharing the most stems first. */
  storyMaxCandidates: 20,
  /** Stems shorter than this are not terms. */
  storyMinTermChars: 2,
  /**
   * Words whose term key is cached (src/pipeline/dedup/terms.ts; when full it starts over): stemming a
   * word costs ~1.6 µs, and the bench stream's articles bring ~23 new word forms each among ~210
   * distinct words (229,000 forms in 10,000 articles). ~70 bytes a word.
   */
  termCacheWords: 250_000,
  /**
   * Stems whose document frequency a connection keeps in memory (src/db/dedup/doc-freq.ts) before it
   * starts over from term_stats: ~40 bytes each. The bench stream holds ~45,000 stems at 10,000 articles.
   */
  docFreqCacheTerms: 1_000_000,
  /**
   * New articles whose stems wait to be added to term_stats together, one write per distinct stem: per
   * article 164 writes one by one, 45 for 256 together, 24 for 1,024 (the bench stream). A connection that
   * finds another's writes reads the pending articles' vectors again (~8 µs each).
   */
  docFreqPendingArticles: 1024,
} as const;
