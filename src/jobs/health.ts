/**
 * The worker's HTTP endpoint: GET /healthz (JSON; 200 when Redis and the database answer, else 503) and
 * GET /metrics (Prometheus text). Nothing else; it binds to 127.0.0.1 unless told otherwise.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors.js';
import { JOBS } from '../settings.js';

export interface CheckResult {
  ok: boolean;
  /** Round trip, when it answered. */
  ms?: number;
  error?: string;
}

export interface SourceHealth {
  id: string;
  /** UTC ISO-8601 end of the last run that finished without failing, or null. */
  lastSuccess: string | null;
}

export interface HealthReport {
  ok: boolean;
  redis: CheckResult;
  database: CheckResult;
  sources: SourceHealth[];
}

export interface HealthChecks {
  redis(): Promise<void>;
  /** Proves the database answers and returns the last successful run of each source. */
  database(): Promise<SourceHealth[]>;
  metrics(): Promise<string>;
}

export interface HealthServer {
  /** The port bound (useful with 0 in tests). */
  port: number;
  url: string;
  close(): Promise<void>;
}

function withTimeout<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${JOBS.healthCheckTimeoutMs} ms`)), JOBS.healthCheckTimeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function timed<T>(what: string, check: () => Promise<T>): Promise<{ result: CheckResult; value: T | null }> {
  const started = Date.now();
  try {
    const value = await withTimeout(what, check());
    return { result: { ok: true, ms: Date.now() - started }, value };
  } catch (e) {
    return { result: { ok: false, error: e instanceof Error ? e.message : String(e) }, value: null };
  }
}

export async function healthReport(checks: HealthChecks): Promise<HealthReport> {
  const [redis, database] = await Promise.all([timed('Redis', () => checks.redis()), timed('the database', () => checks.database())]);
  return { ok: redis.result.ok && database.result.ok, redis: redis.result, database: database.result, sources: database.value ?? [] };
}

export async function startHealthServer(host: string, port: number, checks: HealthChecks): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      void healthReport(checks).then((report) => {
        res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(`${JSON.stringify(report)}\n`);
      });
      return;
    }
    if (path === '/metrics') {
      checks.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
          res.end(text);
        },
        (e: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`metrics failed: ${e instanceof Error ? e.message : String(e)}\n`);
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'EADDRINUSE'
          ? new UsageError(`health port ${host}:${port} is in use (another kznews worker?): pass --port with a free port, or --port 0 for none`)
          : e,
      );
    });
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
