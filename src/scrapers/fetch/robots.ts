/**
 * robots.txt (RFC 9309, read the way Google reads it): groups by user-agent, Allow/Disallow with `*` and
 * `$`, the longest matching rule wins and Allow wins a tie, Crawl-delay and Sitemap lines kept.
 * parseRobots and isAllowed are pure; createRobotsCache adds fetching and a per-origin cache.
 */
import { KznewsError } from '../../errors.js';
import { FETCH } from '../../settings.js';

export interface RobotsRule {
  allow: boolean;
  /** The path pattern as written (percent-encoding normalized). */
  pattern: string;
  regex: RegExp;
}

export interface RobotsGroup {
  /** Lower-case user-agent tokens the group names (`*` for everyone). */
  agents: string[];
  rules: RobotsRule[];
  /** Seconds, when the group says. */
  crawlDelay: number | null;
}

export interface Robots {
  groups: RobotsGroup[];
  /** Absolute sitemap URLs, in order. */
  sitemaps: string[];
}

/** Upper-case hex in escapes and non-ASCII percent-encoded, as URL paths are, so the two compare equal. */
function normalizePath(path: string): string {
  return path
    .replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase())
    .replace(/[^\x00-\x7f]+/g, (text) => encodeURIComponent(text));
}

function compile(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`);
}

export function parseRobots(text: string): Robots {
  const groups: RobotsGroup[] = [];
  const sitemaps: string[] = [];
  let current: RobotsGroup | null = null;
  // Consecutive user-agent lines open one group; a user-agent line after rules opens the next one.
  let collectingAgents = false;
  for (const rawLine of text.slice(0, FETCH.robotsMaxBytes).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!collectingAgents || current === null) {
        current = { agents: [], rules: [], crawlDelay: null };
        groups.push(current);
        collectingAgents = true;
      }
      const agent = value.split('/')[0]?.trim().toLowerCase() ?? '';
      if (agent !== '') current.agents.push(agent);
      continue;
    }
    if (key === 'sitemap') {
      if (/^https?:\/\//i.test(value)) sitemaps.push(value);
      continue;
    }
    if (current === null) continue;
    collectingAgents = false;
    if (key === 'allow' || key === 'disallow') {
      // An empty Disallow allows everything, which is what no rule at all means too.
      if (value === '') continue;
      const pattern = normalizePath(value.startsWith('/') || value.startsWith('*') ? value : `/${value}`);
      current.rules.push({ allow: key === 'allow', pattern, regex: compile(pattern) });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelay = seconds;
    }
  }
  return { groups, sitemaps };
}

/** The product token of a User-Agent header: `kznews/0.1 (+https://…)` → `kznews`. */
export function productToken(userAgent: string): string {
  return (userAgent.trim().split(/[\s/]/)[0] ?? '').toLowerCase();
}

/** The groups that apply to a crawler: those naming its token (merged), else those for `*`. */
function groupsFor(robots: Robots, userAgentToken: string): RobotsGroup[] {
  const token = productToken(userAgentToken);
  const named = robots.groups.filter((g) => g.agents.includes(token));
  return named.length > 0 ? named : robots.groups.filter((g) => g.agents.includes('*'));
}

/** Whether a crawler with this token may fetch `pathAndQuery` (e.g. `/ru/news?page=2`). */
export function isAllowed(robots: Robots, userAgentToken: string, pathAndQuery: string): boolean {
  const path = normalizePath(pathAndQuery === '' ? '/' : pathAndQuery);
  if (path === '/robots.txt') return true;
  let best: RobotsRule | null = null;
  for (const group of groupsFor(robots, userAgentToken)) {
    for (const rule of group.rules) {
      if (!rule.regex.test(path)) continue;
      const longer = best === null || rule.pattern.length > best.pattern.length;
      const tieWonByAllow = best !== null && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
      if (longer || tieWonByAllow) best = rule;
    }
  }
  return best === null || best.allow;
}

/** Crawl-delay for this crawler in milliseconds, or null when its group gives none. */
export function crawlDelayMs(robots: Robots, userAgentToken: string): number | null {
  const delays = groupsFor(robots, userAgentToken)
    .map((g) => g.crawlDelay)
    .filter((d): d is number => d !== null);
  return delays.length > 0 ? Math.max(...delays) * 1000 : null;
}

export interface RobotsFetchResult {
  status: number;
  text: string;
}

export interface RobotsCacheOptions {
  /** Fetches a robots.txt URL, following redirects itself; throws on a network error. */
  fetch: (url: string) => Promise<RobotsFetchResult>;
  userAgent: string;
  ttlMs: number;
  /** Clock, for tests; Date.now by default. */
  now?: () => number;
}

export interface RobotsCache {
  /**
   * Whether `url` may be fetched. Rejects with a transient KznewsError while the origin's robots.txt is
   * unreachable (5xx, 429, network error) and no earlier copy is known.
   */
  allowed(url: string): Promise<boolean>;
  /** Sitemap URLs the origin's robots.txt lists ([] when it has none or cannot be read). */
  sitemaps(origin: string): Promise<string[]>;
  /**
   * The Crawl-delay of `url`'s origin for this crawler in milliseconds, capped at FETCH.crawlDelayMaxMs;
   * null when robots.txt gives none or cannot be read.
   */
  crawlDelayMs(url: string): Promise<number | null>;
}

type Entry =
  | { ok: true; robots: Robots; expiresAt: number }
  | { ok: false; error: KznewsError; expiresAt: number; stale: Robots | null };

const ALLOW_ALL: Robots = { groups: [], sitemaps: [] };

/**
 * robots.txt per origin, fetched once per TTL however many URLs ask (concurrent asks share one fetch).
 * Google's conventions: 2xx is parsed; 4xx (but 429) means there is no robots.txt, so everything is
 * allowed; 5xx, 429 and network errors mean "do not crawl now": the last good copy is used when there is
 * one, otherwise allowed() rejects with a transient error (the job is retried later, never dropped as a
 * robots refusal) and the failure is remembered for FETCH.robotsErrorTtlMs so the host is not hammered.
 */
export function createRobotsCache(options: RobotsCacheOptions): RobotsCache {
  const now = options.now ?? Date.now;
  const token = productToken(options.userAgent);
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry>>();

  async function load(origin: string, stale: Robots | null): Promise<Entry> {
    const url = `${origin}/robots.txt`;
    let result: RobotsFetchResult;
    try {
      result = await options.fetch(url);
    } catch (cause) {
      const error = new KznewsError('transient', `robots.txt unreachable: ${url}`, { url, cause });
      return { ok: false, error, expiresAt: now() + FETCH.robotsErrorTtlMs, stale };
    }
    if (result.status >= 200 && result.status < 300) {
      return { ok: true, robots: parseRobots(result.text), expiresAt: now() + options.ttlMs };
    }
    if (result.status >= 400 && result.status < 500 && result.status !== 429) {
      return { ok: true, robots: ALLOW_ALL, expiresAt: now() + options.ttlMs };
    }
    const error = new KznewsError('transient', `robots.txt answered ${result.status}: ${url}`, {
      url,
      status: result.status,
    });
    return { ok: false, error, expiresAt: now() + FETCH.robotsErrorTtlMs, stale };
  }

  async function entryFor(origin: string): Promise<Entry> {
    const cached = entries.get(origin);
    if (cached !== undefined && cached.expiresAt > now()) return cached;
    const pending = inFlight.get(origin);
    if (pending !== undefined) return pending;
    const stale = cached === undefined ? null : cached.ok ? cached.robots : cached.stale;
    const loading = load(origin, stale).then((entry) => {
      entries.delete(origin);
      entries.set(origin, entry);
      if (entries.size > FETCH.robotsCacheMaxOrigins) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      inFlight.delete(origin);
      return entry;
    });
    inFlight.set(origin, loading);
    return loading;
  }

  async function robotsFor(origin: string): Promise<Robots> {
    const entry = await entryFor(origin);
    if (entry.ok) return entry.robots;
    if (entry.stale !== null) return entry.stale;
    throw entry.error;
  }

  return {
    async allowed(url: string): Promise<boolean> {
      const u = new URL(url);
      return isAllowed(await robotsFor(u.origin), token, `${u.pathname}${u.search}`);
    },
    async sitemaps(origin: string): Promise<string[]> {
      try {
        return (await robotsFor(new URL(origin).origin)).sitemaps;
      } catch {
        return [];
      }
    },
    async crawlDelayMs(url: string): Promise<number | null> {
      let delay: number | null;
      try {
        delay = crawlDelayMs(await robotsFor(new URL(url).origin), token);
      } catch {
        return null;
      }
      return delay === null ? null : Math.min(delay, FETCH.crawlDelayMaxMs);
    },
  };
}
