import { UsageError } from './errors.js';

/** Every setting kznews reads from the environment, parsed and validated once. */
export interface Config {
  /** SQLite file. */
  databasePath: string;
  redisUrl: string;
  userAgent: string;
  /** JSON file of extra sources (KZNEWS_SOURCES), or null. */
  sourcesFile: string | null;
  /** Chromium binary to use before Playwright's own install and the system's. */
  chromiumExecutable: string | null;
  fetchTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Minimum delay between two requests to one host. */
  hostDelayMs: number;
  /** Requests in flight at once to one host. */
  hostConcurrency: number;
  /** Pages rendered in the browser at once. */
  browserConcurrency: number;
  /** Attempts for a transient fetch failure (network error, 5xx) before giving up. */
  fetchRetries: number;
  respectRobots: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  healthHost: string;
  healthPort: number;
  /**
   * KZNEWS_CONNECT_TO="host=origin,…": send requests for a host to another origin (like curl --connect-to)
   * while every URL keeps the real host. For mirrors, staging copies and the test fixture servers.
   */
  connectTo: Record<string, string>;
  /** KZNEWS_QUEUE_PREFIX: Redis key prefix of the daemon's queues, so several deployments can share one Redis. */
  queuePrefix: string;
}

export const DEFAULT_USER_AGENT =
  'kznews/0.1 (+https://github.com/kznews/kznews; news archive crawler for Kazakhstan)';

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

function optional(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name}=${raw} is not valid: expected a whole number from ${min} to ${max}`);
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new UsageError(`${name}=${raw} is not valid: expected true or false`);
}

/** Parses "host=origin,host2=origin2" (KZNEWS_CONNECT_TO, or --connect-to on the command line). */
export function parseConnectTo(raw: string, label: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    if (pair.trim() === '') continue;
    const [host, origin] = pair.split('=').map((x) => x.trim());
    if (!host || !origin || !/^https?:\/\/[^/]+$/.test(origin)) {
      throw new UsageError(`${label}: "${pair}" is not valid: expected host=http://address:port, separated by commas`);
    }
    map[host.toLowerCase()] = origin;
  }
  return map;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env): Config {
  const redisUrl = str(env, 'REDIS_URL', 'redis://127.0.0.1:6379');
  if (!/^rediss?:\/\//.test(redisUrl)) {
    throw new UsageError(`REDIS_URL=${redisUrl} is not valid: expected redis://host:port or rediss://…`);
  }
  const logLevel = str(env, 'LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new UsageError(`LOG_LEVEL=${logLevel} is not valid: expected one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    databasePath: str(env, 'DATABASE_PATH', './data/kznews.db'),
    redisUrl,
    userAgent: str(env, 'USER_AGENT', DEFAULT_USER_AGENT),
    sourcesFile: optional(env, 'KZNEWS_SOURCES'),
    chromiumExecutable: optional(env, 'PLAYWRIGHT_CHROMIUM_EXECUTABLE'),
    fetchTimeoutMs: int(env, 'FETCH_TIMEOUT_MS', 20_000, 100, 600_000),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxRedirects: int(env, 'MAX_REDIRECTS', 10, 0, 50),
    hostDelayMs: int(env, 'HOST_DELAY_MS', 1_000, 0, 600_000),
    hostConcurrency: int(env, 'HOST_CONCURRENCY', 1, 1, 64),
    browserConcurrency: int(env, 'BROWSER_CONCURRENCY', 3, 1, 32),
    fetchRetries: int(env, 'FETCH_RETRIES', 3, 0, 20),
    respectRobots: bool(env, 'RESPECT_ROBOTS', true),
    logLevel: logLevel as Config['logLevel'],
    healthHost: str(env, 'HEALTH_HOST', '127.0.0.1'),
    healthPort: int(env, 'HEALTH_PORT', 9464, 0, 65_535),
    connectTo: parseConnectTo(optional(env, 'KZNEWS_CONNECT_TO') ?? '', 'KZNEWS_CONNECT_TO'),
    queuePrefix: str(env, 'KZNEWS_QUEUE_PREFIX', 'kznews'),
  };
}
