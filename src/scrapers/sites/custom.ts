/**
 * Sources from KZNEWS_SOURCES: the path of a JSON file holding an array of source entries, checked once at
 * start. A bad entry stops the start with a message naming the entry (its index in the array and its id)
 * and the field, so the user can fix the file without reading code.
 */
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { UsageError } from '../../errors.js';
import { pageUrl } from '../discover/listings.js';
import type { Lang, ListingConfig, Renderer, Selectors, Source } from '../types.js';
import { DEFAULT_NEWS_CRON, DEFAULT_TIMEZONE, defineSource } from './define.js';

const LANGS: readonly Lang[] = ['ru', 'kk', 'en'];
const RENDERERS: readonly Renderer[] = ['http', 'browser', 'auto'];
const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const HOST_PATTERN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const CRON_FIELD = /^[0-9A-Za-z*?,/#-]+$/;
const CSS_SELECTOR_KEYS = ['title', 'body', 'date', 'modified', 'author', 'tags', 'lead'] as const;
const CSS_LIST_KEYS = ['bodyEnd', 'remove'] as const;
const ENTRY_KEYS = new Set([
  'id', 'name', 'baseUrl', 'hosts', 'feeds', 'sitemaps', 'listings', 'renderer', 'cron', 'timezone',
  'language', 'languages', 'enabled', 'articleUrl', 'skipUrl', 'selectors',
]);
const LISTING_KEYS = new Set(['url', 'item', 'link', 'date', 'dayHeading', 'title', 'firstPage', 'format', 'maxPages']);
const SELECTOR_KEYS = new Set<string>([...CSS_SELECTOR_KEYS, ...CSS_LIST_KEYS, 'endMarkers', 'dropPatterns', 'minParagraphLength']);

/** A problem with one field; the caller adds which entry it is in. */
class FieldError extends Error {}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(obj: Json, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) throw new FieldError(`unknown field "${where}${key}"`);
  }
}

function optString(obj: Json, key: string, where = ''): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new FieldError(`"${where}${key}" must be a non-empty string`);
  return v.trim();
}

function stringList(obj: Json, key: string, where = ''): string[] {
  const v = obj[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
    throw new FieldError(`"${where}${key}" must be an array of non-empty strings`);
  }
  return (v as string[]).map((x) => x.trim());
}

function checkUrl(url: string, field: string): string {
  let parsed: URL;
  try {
    parsed = new URL(pageUrl(url, 1));
  } catch {
    throw new FieldError(`"${field}" must be an absolute http(s) URL, got "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FieldError(`"${field}" must be an absolute http(s) URL, got "${url}"`);
  }
  return url;
}

function urlList(obj: Json, key: string): string[] {
  return stringList(obj, key).map((u, i) => checkUrl(u, `${key}[${i}]`));
}

/** Cheerio compiles a selector only when it runs, so run each once on an empty document. */
function checkSelector($: cheerio.CheerioAPI, selector: string, field: string): string {
  try {
    $.root().find(selector);
  } catch (e) {
    throw new FieldError(`"${field}" is not a valid CSS selector (${(e as Error).message}): ${selector}`);
  }
  return selector;
}

function checkRegex(pattern: string, field: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (e) {
    throw new FieldError(`"${field}" is not a valid regular expression (${(e as Error).message})`);
  }
}

function optInt(obj: Json, key: string, min: number, where: string): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new FieldError(`"${where}${key}" must be a whole number of at least ${min}`);
  }
  return v;
}

function parseListing($: cheerio.CheerioAPI, raw: unknown, i: number): ListingConfig {
  const where = `listings[${i}].`;
  // A bare URL reads every link on the page: the entry's articleUrl is what keeps menus out.
  if (typeof raw === 'string') return { url: checkUrl(raw.trim(), `listings[${i}]`), item: 'a[href]' };
  if (!isObject(raw)) throw new FieldError(`"listings[${i}]" must be a URL or an object with "url" and "item"`);
  checkKeys(raw, LISTING_KEYS, where);
  const url = optString(raw, 'url', where);
  if (!url) throw new FieldError(`"${where}url" is required`);
  const item = optString(raw, 'item', where) ?? 'a[href]';
  const listing: ListingConfig = { url: checkUrl(url, `${where}url`), item: checkSelector($, item, `${where}item`) };
  for (const key of ['link', 'date', 'dayHeading', 'title'] as const) {
    const sel = optString(raw, key, where);
    if (sel !== undefined) listing[key] = checkSelector($, sel, `${where}${key}`);
  }
  const format = raw['format'];
  if (format !== undefined) {
    if (format !== 'html' && format !== 'json-html') throw new FieldError(`"${where}format" must be "html" or "json-html"`);
    listing.format = format;
  }
  const firstPage = optInt(raw, 'firstPage', 0, where);
  if (firstPage !== undefined) listing.firstPage = firstPage;
  const maxPages = optInt(raw, 'maxPages', 1, where);
  if (maxPages !== undefined) listing.maxPages = maxPages;
  return listing;
}

function parseSelectors($: cheerio.CheerioAPI, raw: unknown): Selectors {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw new FieldError(`"selectors" must be an object`);
  checkKeys(raw, SELECTOR_KEYS, 'selectors.');
  const selectors: Selectors = {};
  for (const key of CSS_SELECTOR_KEYS) {
    const sel = optString(raw, key, 'selectors.');
    if (sel !== undefined) selectors[key] = checkSelector($, sel, `selectors.${key}`);
  }
  for (const key of CSS_LIST_KEYS) {
    const list = stringList(raw, key, 'selectors.').map((s, i) => checkSelector($, s, `selectors.${key}[${i}]`));
    if (list.length > 0) selectors[key] = list;
  }
  const markers = stringList(raw, 'endMarkers', 'selectors.');
  if (markers.length > 0) selectors.endMarkers = markers;
  const drops = stringList(raw, 'dropPatterns', 'selectors.').map((p, i) => checkRegex(p, `selectors.dropPatterns[${i}]`));
  if (drops.length > 0) selectors.dropPatterns = drops;
  const min = optInt(raw, 'minParagraphLength', 0, 'selectors.');
  if (min !== undefined) selectors.minParagraphLength = min;
  return selectors;
}

function parseLanguages(entry: Json): Lang[] | undefined {
  const one = entry['language'];
  const many = entry['languages'];
  if (one !== undefined && many !== undefined) throw new FieldError(`give "language" or "languages", not both`);
  const list = one !== undefined ? [one] : many;
  if (list === undefined) return undefined;
  const field = one !== undefined ? 'language' : 'languages';
  if (!Array.isArray(list) || list.length === 0 || list.some((l) => !LANGS.includes(l as Lang))) {
    throw new FieldError(`"${field}" must be ${one !== undefined ? 'one' : 'a list'} of ${LANGS.join(', ')}`);
  }
  return list as Lang[];
}

function checkCron(entry: Json): string {
  const cron = entry['cron'] ?? DEFAULT_NEWS_CRON;
  const fields = typeof cron === 'string' ? cron.trim().split(/\s+/) : [];
  if (fields.length < 5 || fields.length > 6 || fields.some((f) => !CRON_FIELD.test(f))) {
    throw new FieldError(`"cron" must be a cron pattern of 5 or 6 fields`);
  }
  return fields.join(' ');
}

function checkTimezone(entry: Json): string {
  const zone = entry['timezone'] ?? DEFAULT_TIMEZONE;
  try {
    if (typeof zone !== 'string') throw new RangeError('not a string');
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new FieldError(`"timezone" must be an IANA time zone such as "Asia/Almaty", got ${JSON.stringify(zone)}`);
  }
  return zone;
}

function parseEntry($: cheerio.CheerioAPI, entry: Json): Source {
  checkKeys(entry, ENTRY_KEYS, '');
  const id = optString(entry, 'id');
  if (id === undefined) throw new FieldError(`"id" is required`);
  if (!ID_PATTERN.test(id)) throw new FieldError(`"id" must be lower-case letters, digits, ".", "_" or "-"`);
  const feeds = urlList(entry, 'feeds');
  const sitemaps = urlList(entry, 'sitemaps');
  const rawListings = entry['listings'] ?? [];
  if (!Array.isArray(rawListings)) throw new FieldError(`"listings" must be an array`);
  const listings = rawListings.map((l, i) => parseListing($, l, i));
  const firstUrl = feeds[0] ?? sitemaps[0] ?? listings[0]?.url;
  if (firstUrl === undefined) throw new FieldError(`"feeds", "sitemaps" or "listings" must list at least one URL`);
  const baseUrl = checkUrl(optString(entry, 'baseUrl') ?? new URL(pageUrl(firstUrl, 1)).origin, 'baseUrl');
  const hosts = stringList(entry, 'hosts');
  hosts.forEach((h, i) => {
    if (!HOST_PATTERN.test(h)) throw new FieldError(`"hosts[${i}]" must be a host name such as "example.kz", got "${h}"`);
  });
  const renderer = entry['renderer'] ?? 'http';
  if (!RENDERERS.includes(renderer as Renderer)) throw new FieldError(`"renderer" must be one of ${RENDERERS.join(', ')}`);
  const enabled = entry['enabled'] ?? true;
  if (typeof enabled !== 'boolean') throw new FieldError(`"enabled" must be true or false`);
  const articleUrl = optString(entry, 'articleUrl');
  const skipUrl = optString(entry, 'skipUrl');
  const languages = parseLanguages(entry);
  return defineSource({
    id,
    name: optString(entry, 'name') ?? id,
    baseUrl,
    ...(hosts.length > 0 ? { hosts } : {}),
    ...(languages ? { languages } : {}),
    renderer: renderer as Renderer,
    cron: checkCron(entry),
    timezone: checkTimezone(entry),
    enabled,
    discovery: { feeds, sitemaps, listings },
    ...(articleUrl ? { articleUrl: checkRegex(articleUrl, 'articleUrl') } : {}),
    ...(skipUrl ? { skipUrl: checkRegex(skipUrl, 'skipUrl') } : {}),
    selectors: parseSelectors($, entry['selectors']),
  });
}

/** Checks parsed KZNEWS_SOURCES JSON; throws one UsageError listing every bad entry, one line each. */
export function parseCustomSources(data: unknown): Source[] {
  if (!Array.isArray(data)) throw new UsageError('KZNEWS_SOURCES must hold a JSON array of source objects');
  const $ = cheerio.load('');
  const sources: Source[] = [];
  const problems: string[] = [];
  data.forEach((entry: unknown, i) => {
    const id = isObject(entry) && typeof entry['id'] === 'string' ? ` (${JSON.stringify(entry['id'])})` : '';
    try {
      if (!isObject(entry)) throw new FieldError('must be an object');
      sources.push(parseEntry($, entry));
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      problems.push(`KZNEWS_SOURCES entry ${i}${id}: ${e.message}`);
    }
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return sources;
}

/** Reads and checks the KZNEWS_SOURCES file. */
export function loadCustomSources(path: string): Source[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`KZNEWS_SOURCES=${path}: cannot read the file (${(e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`KZNEWS_SOURCES=${path}: not valid JSON (${(e as Error).message})`);
  }
  return parseCustomSources(data);
}
