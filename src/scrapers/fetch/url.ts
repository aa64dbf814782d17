/**
 * URL forms kznews keys everything on, and the repairs discovery needs. Pure: no I/O.
 * The canonical form is the WHATWG serialization (lower-case scheme and host, no default port, punycode
 * hosts) without the fragment, without tracking parameters, and with the remaining query in its order.
 */
import { KznewsError } from '../../errors.js';
import { FETCH } from '../../settings.js';

const FETCHABLE_PROTOCOLS = new Set(['http:', 'https:']);
/** The longest piece of a bad URL quoted in an error message. */
const QUOTE_MAX = 200;

const quote = (url: string): string => (url.length > QUOTE_MAX ? `${url.slice(0, QUOTE_MAX)}…` : url);

function parse(url: string, base?: string): URL {
  try {
    return new URL(url.trim(), base);
  } catch (cause) {
    throw new KznewsError('permanent', `not a valid URL: ${quote(url)}`, { url, cause });
  }
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/** Whether one `name=value` piece of a query string only tracks the visitor. */
export function isTrackingParam(segment: string): boolean {
  const eq = segment.indexOf('=');
  const key = decodeKey(eq < 0 ? segment : segment.slice(0, eq));
  if ((FETCH.trackingParams as readonly string[]).includes(key)) return true;
  if (FETCH.trackingParamPrefixes.some((prefix) => key.startsWith(prefix))) return true;
  const valuePattern = (FETCH.trackingParamValues as Readonly<Record<string, RegExp>>)[key];
  return valuePattern !== undefined && valuePattern.test(decodeKey(eq < 0 ? '' : segment.slice(eq + 1)));
}

/**
 * The canonical form of a URL, resolved against `base` when relative. Throws a permanent KznewsError for
 * text that is not a URL at all.
 */
export function canonicalizeUrl(url: string, base?: string): string {
  const u = parse(url, base);
  u.hash = '';
  const kept = u.search
    .slice(1)
    .split('&')
    .filter((segment) => segment !== '' && !isTrackingParam(segment));
  u.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return u.href;
}

export function isFetchableUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return FETCHABLE_PROTOCOLS.has(u.protocol) && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Throws a permanent KznewsError unless `url` is an absolute http(s) URL. */
export function assertFetchableUrl(url: string): void {
  const u = parse(url);
  if (!FETCHABLE_PROTOCOLS.has(u.protocol)) {
    throw new KznewsError('permanent', `only http and https URLs are fetched: got ${quote(url)}`, { url });
  }
  if (u.hostname === '') throw new KznewsError('permanent', `URL has no host: ${quote(url)}`, { url });
}

/** Lower-case host without a leading `www.`: the key politeness, robots and site matching share. */
export function hostKey(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    host = url.trim().toLowerCase().replace(/[:/].*$/, '');
  }
  return host.replace(/^www\./, '');
}

/**
 * Whether `url` (a relative one read against `page`) names the page `page`: the same host without `www.` and
 * the same path without trailing slashes; query and fragment aside. False when either does not parse.
 */
export function isSamePage(url: string, page: string): boolean {
  try {
    const x = new URL(url, page);
    const y = new URL(page);
    return hostKey(x.href) === hostKey(y.href) && x.pathname.replace(/\/+$/, '') === y.pathname.replace(/\/+$/, '');
  } catch {
    return false;
  }
}

const isIpAddress = (host: string): boolean => /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.startsWith('[');

/**
 * The registrable domain of a host (eTLD+1): `kaz.orda.kz` → `orda.kz`, `www.akorda.kz` → `akorda.kz`,
 * `egov.gov.kz` → `egov.gov.kz`. Approximated with the two-label public suffixes in settings instead of
 * the full public suffix list: news sites live under plain TLDs or a few such suffixes.
 */
export function registrableDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (isIpAddress(h)) return h;
  const labels = h.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const take = (FETCH.multiLabelSuffixes as readonly string[]).includes(lastTwo) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** Whether two URLs belong to one site (same registrable domain). */
export function sameSite(a: string, b: string): boolean {
  try {
    return registrableDomain(new URL(a).hostname) === registrableDomain(new URL(b).hostname);
  } catch {
    return false;
  }
}

/**
 * Where a discovery link that got glued to its base starts again: `https://tengrinews.kzhttps://x.kz/a`
 * and `https://a.kz/https://x.kz/a` hold `https://x.kz/a`. A URL carried in the query or deep in the path
 * (`/go?u=https://…`, web archives) is a real URL and is left alone.
 */
function embeddedAbsolute(s: string): string | null {
  for (const m of s.matchAll(/https?:\/\//gi)) {
    if (m.index === 0) continue;
    const before = s.slice(0, m.index);
    if (/^(?:https?:)?(?:\/\/)?[^/?#]*\/?$/i.test(before)) return s.slice(m.index);
  }
  return null;
}

const BARE_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#]|$)/i;

/**
 * A usable canonical URL from a broken discovery link, or null when none can be made: a base glued to an
 * absolute URL, `//host/path`, a bare `host.kz/path`, `&amp;` left from unescaped XML, quotes around it.
 */
export function repairUrl(raw: string, base?: string): string | null {
  let s = raw.trim().replace(/^["'<\s]+|["'>\s]+$/g, '').replace(/&amp;/gi, '&');
  if (s === '' || s.startsWith('#')) return null;
  s = embeddedAbsolute(s) ?? s;
  if (s.startsWith('//')) {
    s = `${base !== undefined && /^http:/i.test(base) ? 'http:' : 'https:'}${s}`;
  } else if (base === undefined && BARE_HOST.test(s)) {
    s = `https://${s}`;
  }
  try {
    const url = canonicalizeUrl(s, base);
    return isFetchableUrl(url) ? url : null;
  } catch {
    return null;
  }
}

const isRootPath = (url: string): boolean => {
  const u = new URL(url);
  return u.pathname === '/' && u.search === '';
};

export interface CanonicalCandidates {
  relCanonical?: string | null;
  ogUrl?: string | null;
}

/**
 * The URL an article is stored under: rel=canonical, else og:url, else the page URL, all canonicalized.
 * A candidate is believed only when it is http(s), on the same site, and not the home page of an inner
 * page (a CMS default that would fold every article into one).
 */
export function pickCanonical(pageUrl: string, candidates: CanonicalCandidates): string {
  const page = canonicalizeUrl(pageUrl);
  for (const raw of [candidates.relCanonical, candidates.ogUrl]) {
    if (raw === undefined || raw === null || raw.trim() === '') continue;
    let candidate: string;
    try {
      candidate = canonicalizeUrl(raw, page);
    } catch {
      continue;
    }
    if (!isFetchableUrl(candidate) || !sameSite(candidate, page)) continue;
    if (isRootPath(candidate) && !isRootPath(page)) continue;
    return candidate;
  }
  return page;
}

/**
 * The URL to connect to for `url` under a connectTo map (host → origin, like curl's --connect-to), keys
 * matched with and without `www.`; `url` itself when no key matches. Only the connection moves: callers
 * keep reporting `url`.
 */
export function applyConnectTo(url: string, connectTo: Readonly<Record<string, string>> | undefined): string {
  if (connectTo === undefined) return url;
  const u = new URL(url);
  const bare = u.hostname.replace(/^www\./, '');
  const origin = connectTo[u.host] ?? connectTo[u.hostname] ?? connectTo[bare] ?? connectTo[`www.${bare}`];
  if (origin === undefined) return url;
  return `${new URL(origin).origin}${u.pathname}${u.search}`;
}
