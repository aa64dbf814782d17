/**
 * A worker run inside the test process (runWorker) over the made-up news site, with its log lines
 * collected, the fixture server's request log, and the database it writes to.
 */
import { afterEach } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { KzDb } from '../../src/db/types.js';
import { runWorker, type RunningWorker, type WorkerTuning } from '../../src/jobs/worker.js';
import { createLogger } from '../../src/logger.js';
import { loadRegistry } from '../../src/scrapers/sites/index.js';
import { startFixtureServer, type FixtureServer, type LoggedRequest } from '../helpers/fixture-server.js';
import { newsSourceEntry, NEWS_HOST, NEWS_SOURCE_ID, writeSourcesFile } from '../fixtures/jobs/news-site.js';
import { testEnv, type TestEnv } from './helpers.js';

export interface LogLine {
  event?: string;
  [k: string]: unknown;
}

/** Short backoff and grace, so retries and shutdown take a test's time, not production's. */
const FAST: Partial<WorkerTuning> = { backoffBaseMs: 200, backoffMaxMs: 1_000, backoffJitter: 0, shutdownGraceMs: 3_000 };

/** Most requests in flight at once, from arrival and finish times. */
export function maxInFlight(requests: LoggedRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.at, d: 1 },
    { at: r.doneAt ?? Number.POSITIVE_INFINITY, d: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let open = 0;
  let max = 0;
  for (const e of edges) {
    open += e.d;
    max = Math.max(max, open);
  }
  return max;
}

export interface StartOptions {
  env?: Record<string, string>;
  routes: Parameters<typeof startFixtureServer>[0];
  cron: string;
  tuning?: Partial<WorkerTuning>;
  renderer?: 'http' | 'browser';
}

export interface InProcessWorker {
  start(options: StartOptions): Promise<void>;
  readonly t: TestEnv;
  readonly site: FixtureServer;
  readonly kz: KzDb;
  readonly logs: LogLine[];
  /** The running worker (null once closed by the test). */
  worker: RunningWorker | null;
  articleCount(): number;
  /** Requests for article pages, or for one path. */
  articleRequests(path?: string): LoggedRequest[];
}

/** Call once in a describe block: the worker, site and keys are cleaned up after each test. */
export function useInProcessWorker(): InProcessWorker {
  let t: TestEnv | null = null;
  let site: FixtureServer | null = null;
  let kz: KzDb | null = null;
  const logs: LogLine[] = [];
  const need = <T>(v: T | null, what: string): T => {
    if (v === null) throw new Error(`${what}: call start() first`);
    return v;
  };
  const h: InProcessWorker = {
    worker: null,
    get t() {
      return need(t, 'test env');
    },
    get site() {
      return need(site, 'site');
    },
    get kz() {
      return need(kz, 'database');
    },
    logs,
    async start(o) {
      site = await startFixtureServer(o.routes);
      const env = testEnv({ KZNEWS_CONNECT_TO: `${NEWS_HOST}=${site.origin}`, HOST_DELAY_MS: '0', ...o.env });
      const sourcesFile = writeSourcesFile(env.dir, [{ ...newsSourceEntry(o.cron), renderer: o.renderer ?? 'http' }]);
      t = { ...env, config: { ...env.config, sourcesFile } };
      logs.length = 0;
      const logger = createLogger({ pretty: false, level: 'debug', destination: { write: (s: string) => void logs.push(JSON.parse(s) as LogLine) } });
      h.worker = await runWorker({
        config: t.config,
        registry: loadRegistry(t.config),
        logger,
        sources: [NEWS_SOURCE_ID],
        port: 0,
        concurrency: 4,
        tuning: { ...FAST, ...o.tuning },
      });
      kz = openDatabase(t.config.databasePath);
    },
    articleCount: () => h.kz.sqlite.prepare('SELECT count(*) FROM articles').pluck().get() as number,
    articleRequests: (path) => h.site.requests.filter((r) => (path ? r.path === path : r.path.startsWith('/news/'))),
  };
  afterEach(async () => {
    await h.worker?.close();
    h.worker = null;
    kz?.close();
    kz = null;
    await site?.close();
    site = null;
    await t?.cleanup();
    t = null;
  });
  return h;
}
