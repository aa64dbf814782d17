/**
 * Dates as news sites print them (Russian, Kazakh, English, numeric, ISO, unix), read in the site's own IANA
 * zone. Offsets come from Intl (ICU tzdata), never from a fixed number: Asia/Almaty moved from UTC+6 to UTC+5
 * on 1 March 2024, Asia/Aqtau has been UTC+5 all along.
 */
import { EXTRACT } from '../../settings.js';
import { cleanText } from './text.js';

export interface ParseDateOptions {
  /** IANA zone that local times (no zone given) are read in. */
  timezone: string;
  /** "Now", for "сегодня"/"вчера"/"5 минут назад" and for dates printed without a year. */
  now: Date;
}

/** A wall-clock time in some zone. month is 1–12. */
export interface LocalDateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The wall-clock parts of an instant in a zone. */
export function utcToLocal(instant: Date, timezone: string): Required<LocalDateParts> {
  const out: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
    millisecond: instant.getUTCMilliseconds(),
  };
}

const HOUR_MS = 60 * MINUTE_MS;
/** Offsets already looked up, by zone and UTC hour: zones change offset on whole hours (or half: checked below). */
const offsets = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 50_000;

/** Offset of a zone at an instant, in minutes east of UTC. */
function offsetMinutes(utcMs: number, timezone: string): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  const key = `${timezone} ${hour}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const p = utcToLocal(new Date(hour * HOUR_MS), timezone);
  const start = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hour * HOUR_MS) / MINUTE_MS);
  const q = utcToLocal(new Date(hour * HOUR_MS + HOUR_MS - 1000), timezone);
  const end = Math.round((Date.UTC(q.year, q.month - 1, q.day, q.hour, q.minute, q.second) - (hour * HOUR_MS + HOUR_MS - 1000)) / MINUTE_MS);
  if (start !== end) {
    // A change inside this hour (a half-hour zone): no caching, exact lookup.
    const r = utcToLocal(new Date(utcMs), timezone);
    return Math.round((Date.UTC(r.year, r.month - 1, r.day, r.hour, r.minute, r.second, r.millisecond) - utcMs) / MINUTE_MS);
  }
  if (offsets.size >= OFFSET_CACHE_LIMIT) offsets.clear();
  offsets.set(key, start);
  return start;
}

function wallClockMs(parts: LocalDateParts): number {
  return Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
    parts.millisecond ?? 0,
  );
}

/** The UTC instant (ISO-8601) of a wall-clock time in an IANA zone, with the offset in force on that day. */
export function localToUtc(parts: LocalDateParts, timezone: string): string {
  const local = wallClockMs(parts);
  const first = offsetMinutes(local, timezone);
  let utc = local - first * MINUTE_MS;
  const second = offsetMinutes(utc, timezone);
  if (second !== first) utc = local - second * MINUTE_MS;
  return new Date(utc).toISOString();
}

function validParts(p: LocalDateParts): boolean {
  if (p.month < 1 || p.month > 12 || p.day < 1) return false;
  if (p.year < EXTRACT.dateMinYear || p.year > EXTRACT.dateMaxYear) return false;
  const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  if (p.day > daysInMonth) return false;
  return (p.hour ?? 0) < 24 && (p.minute ?? 0) < 60 && (p.second ?? 0) < 60;
}

/** Month stems: Russian (any case), Kazakh, English. Checked in order; the first stem a word starts with wins. */
const MONTH_STEMS: ReadonlyArray<readonly [string, number]> = [
  ['янв', 1], ['фев', 2], ['мар', 3], ['апр', 4], ['май', 5], ['мая', 5], ['июн', 6], ['июл', 7],
  ['авг', 8], ['сент', 9], ['окт', 10], ['ноя', 11], ['дек', 12],
  ['қаң', 1], ['ақп', 2], ['нау', 3], ['сәу', 4], ['мам', 5], ['мау', 6], ['шіл', 7], ['там', 8],
  ['қыр', 9], ['қаз', 10], ['қар', 11], ['жел', 12],
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['may', 5], ['jun', 6], ['jul', 7], ['aug', 8],
  ['sep', 9], ['oct', 10], ['nov', 11], ['dec', 12],
];
/** Words that start like a month but are not one ("сенбі" is Kazakh for Saturday). */
const NOT_MONTHS = new Set(['сенбі']);

function monthOf(word: string): number | null {
  if (word === 'сен') return 9;
  if (word.length < 3 || NOT_MONTHS.has(word)) return null;
  for (const [stem, month] of MONTH_STEMS) if (word.startsWith(stem)) return month;
  return null;
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const UNIX_SECONDS = /^\d{9,10}$/;
const UNIX_MS = /^\d{12,13}$/;
const TIME = /(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s?m\.?)?(?![\d])/i;
const TRAILING_ZONE = /\s(?:(Z|UTC|GMT)|(?:GMT|UTC)?([+-]\d{2}):?(\d{2}))$/i;
const NUMERIC_DMY = /(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d)/;
const NUMERIC_YMD = /(?<!\d)(\d{4})[./](\d{1,2})[./](\d{1,2})(?!\d)/;
const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/;
const RELATIVE_DAY: ReadonlyArray<readonly [RegExp, number]> = [
  [/позавчера/i, -2],
  [/вчера|yesterday|кеше/i, -1],
  [/сегодня|today|бүгін/i, 0],
];
const AGO = /(\d+)\s*(сек|мин|час|ч\b|дн|день|sec|min|hour|hr|day|минут|сағат|күн)[\p{L}.]*\s*(назад|ago|бұрын)/iu;

function zoneOffsetMinutes(zone: string): number {
  if (/^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function instantIso(parts: LocalDateParts, zone: string | null, timezone: string): string | null {
  if (!validParts(parts)) return null;
  if (zone === null) return localToUtc(parts, timezone);
  return new Date(wallClockMs(parts) - zoneOffsetMinutes(zone) * MINUTE_MS).toISOString();
}

function parseIso(s: string, timezone: string): string | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const fraction = m[7] ? Number(`0.${m[7]}`) : 0;
  return instantIso(
    {
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4] ?? 0),
      minute: Number(m[5] ?? 0),
      second: Number(m[6] ?? 0),
      millisecond: Math.round(fraction * 1000),
    },
    m[8] ?? null,
    timezone,
  );
}

function parseUnix(s: string): string | null {
  let ms: number;
  if (UNIX_SECONDS.test(s)) ms = Number(s) * 1000;
  else if (UNIX_MS.test(s)) ms = Number(s);
  else return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= EXTRACT.dateMinYear && year <= EXTRACT.dateMaxYear ? new Date(ms).toISOString() : null;
}

interface Clock {
  hour: number;
  minute: number;
  second: number;
}

function takeTime(s: string): { clock: Clock | null; rest: string } {
  const m = TIME.exec(s);
  if (!m) return { clock: null, rest: s };
  let hour = Number(m[1]);
  const meridiem = m[4]?.toLowerCase();
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  const rest = s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length);
  return { clock: { hour, minute: Number(m[2]), second: Number(m[3] ?? 0) }, rest };
}

function parseAgo(s: string, now: Date): string | null {
  const m = AGO.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  let ms: number;
  if (/^(сек|sec)/.test(unit)) ms = n * 1000;
  else if (/^(мин|min)/.test(unit)) ms = n * MINUTE_MS;
  else if (/^(час|ч|hour|hr|сағ)/.test(unit)) ms = n * 60 * MINUTE_MS;
  else ms = n * DAY_MS;
  return new Date(now.getTime() - ms).toISOString();
}

/** Day, month and year read from a text with month words or numbers; null when it names no date. */
function calendarDate(s: string, opts: ParseDateOptions): { year: number; month: number; day: number } | null {
  const lower = s.toLowerCase();
  for (const [pattern, shift] of RELATIVE_DAY) {
    if (pattern.test(lower)) {
      const today = utcToLocal(opts.now, opts.timezone);
      const d = new Date(Date.UTC(today.year, today.month - 1, today.day) + shift * DAY_MS);
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    }
  }
  const ymd = NUMERIC_YMD.exec(lower);
  if (ymd) return { year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) };
  const dmy = NUMERIC_DMY.exec(lower);
  if (dmy) {
    const y = Number(dmy[3]);
    return { year: y < 100 ? 2000 + y : y, month: Number(dmy[2]), day: Number(dmy[1]) };
  }
  const tokens = lower.match(/[\p{L}]+|\d+/gu) ?? [];
  let month: number | null = null;
  for (const t of tokens) {
    if (/^\p{L}/u.test(t)) month = monthOf(t);
    if (month !== null) break;
  }
  if (month === null) return null;
  const yearMatch = YEAR.exec(lower);
  const year = yearMatch ? Number(yearMatch[1]) : null;
  let day: number | null = null;
  for (const t of tokens) {
    if (!/^\d+$/.test(t) || t === yearMatch?.[1]) continue;
    const n = Number(t);
    if (n >= 1 && n <= 31) {
      day = n;
      break;
    }
  }
  if (day === null) return null;
  if (year !== null) return { year, month, day };
  // No year printed ("15 августа"): the latest such date not after tomorrow.
  const today = utcToLocal(opts.now, opts.timezone);
  const thisYear = Date.UTC(today.year, month - 1, day);
  const tomorrow = Date.UTC(today.year, today.month - 1, today.day) + DAY_MS;
  return { year: thisYear > tomorrow ? today.year - 1 : today.year, month, day };
}

/**
 * A date as printed on a page → UTC ISO-8601, or null when the text holds no date.
 * Without a zone the time is local to opts.timezone; a date without a time is local midnight.
 */
export function parseDate(text: string, opts: ParseDateOptions): string | null {
  const s = cleanText(text);
  if (s === '' || s.length > EXTRACT.dateMaxChars) return null;
  const direct = parseUnix(s) ?? parseIso(s, opts.timezone);
  if (direct) return direct;
  const ago = parseAgo(s, opts.now);
  if (ago) return ago;

  let zone: string | null = null;
  let rest = s;
  const z = TRAILING_ZONE.exec(rest);
  if (z && /\d:\d\d/.test(rest)) {
    zone = z[1] ?? `${z[2]}${z[3]}`;
    rest = rest.slice(0, z.index);
  }
  const { clock, rest: withoutTime } = takeTime(rest);
  const date = calendarDate(withoutTime, opts);
  if (!date) return null;
  return instantIso({ ...date, ...(clock ?? {}) }, zone, opts.timezone);
}
