/**
 * Record and replay. A recording is a directory with `index.json` = { version: 1, entries: [{ url, status,
 * headers, file }] }, `file` relative to that index.json and holding the raw body; a reader also loads the
 * index.json of each subdirectory, so one folder per site works (the fixture sites are recordings).
 * Entries are found by canonical URL. Independent of the HTTP fetcher: the browser uses these too.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KznewsError, UsageError } from '../../errors.js';
import { FETCH } from '../../settings.js';
import { concatBytes, fetchTransport, type Transport, type TransportResponse } from './transport.js';
import { canonicalizeUrl } from './url.js';

export const RECORDING_VERSION = 1;

/** One entry of an index.json. */
export interface RecordedEntry {
  url: string;
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Body file, relative to the index.json; absent for an empty body (a redirect). */
  file?: string;
}

export interface RecordedResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Recorder {
  /** Writes the body at once; the index is written by flush(). A 304 is not recorded (it holds no resource). */
  record(entry: { url: string; status: number; headers: Record<string, string>; body: Uint8Array }): void;
  flush(): Promise<void>;
}

export interface Recording {
  /** The recorded response for a URL (canonical match, then ignoring www., scheme and a trailing slash). */
  lookup(url: string): RecordedResponse | null;
  /** URLs looked up but not recorded, in the order first asked. */
  missing(): string[];
  /** Every entry, `file` made absolute. */
  entries(): RecordedEntry[];
}

interface IndexFile {
  version: number;
  entries: RecordedEntry[];
}

const INDEX = 'index.json';

function keptHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if ((FETCH.recordingHeaders as readonly string[]).includes(lower)) kept[lower] = value;
  }
  return kept;
}

const shortHash = (text: string): string =>
  createHash('sha1').update(text).digest('hex').slice(0, FETCH.recordingHashLength);

const safeName = (text: string): string => {
  const cleaned = text.replace(/[^A-Za-z0-9._=-]+/g, '_');
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
};

function extensionFor(contentType: string | undefined, name: string): string {
  const type = (contentType ?? '').toLowerCase();
  const ext = /html/.test(type)
    ? '.html'
    : /xml|rss|atom/.test(type)
      ? '.xml'
      : /json/.test(type)
        ? '.json'
        : /^text\/plain/.test(type)
          ? '.txt'
          : /\.[a-z0-9]{1,5}$/i.test(name)
            ? ''
            : '.bin';
  return name.toLowerCase().endsWith(ext) ? '' : ext;
}

/**
 * A readable relative file name for a body: `www.akorda.kz/ru/events__page=1.html`. Too long a name is
 * cut and given a hash of the URL; so is one another URL already holds.
 */
export function bodyFileName(url: string, contentType: string | undefined, taken: (name: string) => boolean): string {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter((s) => s !== '');
  if (u.pathname.endsWith('/') || segments.length === 0) segments.push('index');
  const last = safeName(segments.pop() ?? 'index');
  const query = u.search === '' ? '' : `__${safeName(u.search.slice(1))}`;
  const dir = [safeName(u.host), ...segments.map(safeName)].join('/');
  let name = `${last}${query}`;
  const ext = extensionFor(contentType, name);
  if (name.length > FETCH.recordingNameMaxLength) name = `${name.slice(0, FETCH.recordingNameMaxLength)}-${shortHash(url)}`;
  const file = `${dir}/${name}${ext}`;
  return taken(file) ? `${dir}/${name}-${shortHash(url)}${ext}` : file;
}

function readIndex(path: string): IndexFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new UsageError(`${path} is not readable JSON: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const index = parsed as Partial<IndexFile> | null;
  if (index === null || typeof index !== 'object' || index.version !== RECORDING_VERSION || !Array.isArray(index.entries)) {
    throw new UsageError(`${path} is not a kznews recording: expected { "version": 1, "entries": [...] }`);
  }
  for (const [i, e] of index.entries.entries()) {
    const ok =
      typeof e?.url === 'string' &&
      Number.isInteger(e.status) &&
      typeof e.headers === 'object' &&
      e.headers !== null &&
      (e.file === undefined || typeof e.file === 'string');
    if (!ok) throw new UsageError(`${path}: entry ${i} needs a url, a numeric status and headers (and maybe a file)`);
  }
  return index as IndexFile;
}

/** A recorder writing into `dir`; entries already in its index.json are kept unless recorded again. */
export function createRecorder(dir: string): Recorder {
  const indexPath = join(dir, INDEX);
  const entries = new Map<string, RecordedEntry>();
  if (existsSync(indexPath)) {
    for (const entry of readIndex(indexPath).entries) entries.set(canonicalizeUrl(entry.url), entry);
  }
  const files = new Map<string, string>();
  for (const [key, entry] of entries) if (entry.file !== undefined) files.set(entry.file, key);

  function write(file: string, body: Uint8Array): void {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
  }

  return {
    record({ url, status, headers, body }) {
      if (status === 304) return;
      const key = canonicalizeUrl(url);
      const kept = keptHeaders(headers);
      const entry: RecordedEntry = { url: key, status, headers: kept };
      if (body.byteLength > 0) {
        const previous = entries.get(key)?.file;
        let file =
          previous ?? bodyFileName(key, kept['content-type'], (name) => files.has(name) && files.get(name) !== key);
        try {
          write(file, body);
        } catch {
          // A path whose directory part is already a body file (`/a.html` and `/a.html/b`): go flat.
          file = `${safeName(new URL(key).host)}/${shortHash(key)}${extensionFor(kept['content-type'], '')}`;
          write(file, body);
        }
        entry.file = file;
        files.set(file, key);
      }
      entries.set(key, entry);
    },
    async flush() {
      mkdirSync(dir, { recursive: true });
      const sorted = [...entries.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
      const tmp = `${indexPath}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ version: RECORDING_VERSION, entries: sorted }, null, 2)}\n`);
      renameSync(tmp, indexPath);
    },
  };
}

function indexFiles(dir: string): string[] {
  const found: string[] = [];
  if (existsSync(join(dir, INDEX))) found.push(join(dir, INDEX));
  for (const name of readdirSync(dir).sort()) {
    const sub = join(dir, name, INDEX);
    if (statSync(join(dir, name)).isDirectory() && existsSync(sub)) found.push(sub);
  }
  return found;
}

/** Ignoring www., the scheme and a trailing slash: the forms one page is linked under. */
function looseKey(canonical: string): string {
  const u = new URL(canonical);
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
  return `${u.host.replace(/^www\./, '')}${path}${u.search}`;
}

/** Opens a recording directory; throws a UsageError when it holds no index.json or a broken one. */
export function openRecording(dir: string): Recording {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`recording ${dir} is not a directory`);
  const paths = indexFiles(dir);
  if (paths.length === 0) throw new UsageError(`recording ${dir} has no index.json, at its top or one level down`);
  const all: RecordedEntry[] = [];
  const exact = new Map<string, RecordedEntry>();
  const loose = new Map<string, RecordedEntry>();
  for (const path of paths) {
    for (const entry of readIndex(path).entries) {
      const resolved: RecordedEntry = { ...entry, headers: { ...entry.headers } };
      if (entry.file !== undefined) {
        resolved.file = join(dirname(path), entry.file);
        if (!existsSync(resolved.file)) throw new UsageError(`${path}: ${entry.url} names a missing file ${entry.file}`);
      }
      const key = canonicalizeUrl(entry.url);
      all.push(resolved);
      exact.set(key, resolved);
      if (!loose.has(looseKey(key))) loose.set(looseKey(key), resolved);
    }
  }
  const missing = new Set<string>();

  return {
    lookup(url) {
      let entry: RecordedEntry | undefined;
      try {
        const key = canonicalizeUrl(url);
        entry = exact.get(key) ?? loose.get(looseKey(key));
      } catch {
        entry = undefined;
      }
      if (entry === undefined) {
        missing.add(url);
        return null;
      }
      const body = entry.file === undefined ? Buffer.alloc(0) : readFileSync(entry.file);
      return { url: entry.url, status: entry.status, headers: { ...entry.headers }, body };
    },
    missing: () => [...missing],
    entries: () => all.map((e) => ({ ...e, headers: { ...e.headers } })),
  };
}

/** Records the body once it has been read whole; a body given up on (size cap) is not recorded. */
function recordWhenRead(
  source: AsyncIterable<Uint8Array>,
  done: (body: Uint8Array) => void,
): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const inner = source[Symbol.asyncIterator]();
      const parts: Uint8Array[] = [];
      return {
        async next() {
          const step = await inner.next();
          if (step.done) done(concatBytes(parts));
          else parts.push(step.value);
          return step;
        },
        async return() {
          await inner.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * A transport that records what `inner` (default: the network) answers. Only a 2xx body is kept: the
 * fetcher never reads the body of a redirect or an error, so those are recorded with their status and
 * headers alone, which is all a replay needs.
 */
export function recordingTransport(inner: Transport | undefined, recorder: Recorder): Transport {
  const next = inner ?? fetchTransport;
  return async (req) => {
    const response = await next(req);
    const record = (body: Uint8Array): void =>
      recorder.record({ url: req.url, status: response.status, headers: response.headers, body });
    if (response.status < 200 || response.status >= 300) {
      record(new Uint8Array(0));
      return response;
    }
    if (response.body instanceof Uint8Array) {
      record(response.body);
      return response;
    }
    const recorded: TransportResponse = { ...response, body: recordWhenRead(response.body, record) };
    return recorded;
  };
}

/** A transport answering from a recording; a URL it does not hold is a permanent error (and in missing()). */
export function replayTransport(recording: Recording): Transport {
  return async (req) => {
    const hit = recording.lookup(req.url);
    if (hit === null) {
      throw new KznewsError('permanent', `not in the recording: ${req.url}`, { url: req.url, status: 404 });
    }
    return { status: hit.status, headers: hit.headers, body: hit.body };
  };
}
