import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { finishRun, lastSuccessfulRuns, startRun } from '../../src/db/queries.js';
import type { KzDb } from '../../src/db/types.js';
import { startHealthServer, type HealthChecks, type HealthServer } from '../../src/jobs/health.js';
import { testEnv, type TestEnv } from './helpers.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('the health endpoint', () => {
  let t: TestEnv;
  let server: HealthServer | null = null;
  let kz: KzDb | null = null;
  const clients: Redis[] = [];

  afterEach(async () => {
    await server?.close();
    server = null;
    kz?.close();
    kz = null;
    for (const c of clients.splice(0)) c.disconnect();
    await t.cleanup();
  });

  function checks(redis: Redis, db: KzDb): HealthChecks {
    return {
      redis: async () => {
        await redis.ping();
      },
      database: async () => lastSuccessfulRuns(db).flatMap((r) => (r.sourceId ? [{ id: r.sourceId, lastSuccess: r.finishedAt }] : [])),
      metrics: async () => 'kznews_up 1\n',
    };
  }

  it('answers /healthz with Redis and the database reachable and the last successful run per source', async () => {
    t = testEnv();
    kz = openDatabase(t.config.databasePath);
    kz.sqlite.prepare("INSERT INTO sources (id, name, base_url, cron, updated_at) VALUES ('zakon', 'Zakon', 'https://www.zakon.kz', '*/15 * * * *', '2024-01-01T00:00:00.000Z')").run();
    const run = startRun(kz, { sourceId: 'zakon', trigger: 'schedule' });
    finishRun(kz, run, { discovered: 3, stored: 3 }, 'done');
    startRun(kz, { sourceId: 'zakon', trigger: 'schedule' });
    const redis = new Redis(t.config.redisUrl);
    clients.push(redis);
    server = await startHealthServer('127.0.0.1', 0, checks(redis, kz));

    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; redis: { ok: boolean }; database: { ok: boolean }; sources: Array<{ id: string; lastSuccess: string }> };
    expect(body.ok).toBe(true);
    expect(body.redis.ok).toBe(true);
    expect(body.database.ok).toBe(true);
    expect(body.sources).toEqual([{ id: 'zakon', lastSuccess: lastSuccessfulRuns(kz)[0]?.finishedAt }]);
    expect(body.sources[0]?.lastSuccess).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('answers 503 naming the failed check when Redis is unreachable', async () => {
    t = testEnv();
    kz = openDatabase(t.config.databasePath);
    const deadPort = await freePort();
    const redis = new Redis({ port: deadPort, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    redis.on('error', () => {});
    clients.push(redis);
    server = await startHealthServer('127.0.0.1', 0, checks(redis, kz));
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; redis: { ok: boolean; error: string }; database: { ok: boolean } };
    expect(body.ok).toBe(false);
    expect(body.redis.ok).toBe(false);
    expect(body.redis.error).toMatch(/Stream isn't writeable|Connection is closed|ECONNREFUSED/);
    expect(body.database.ok).toBe(true);
  });

  it('serves /metrics as Prometheus text and 404 elsewhere', async () => {
    t = testEnv();
    kz = openDatabase(t.config.databasePath);
    const redis = new Redis(t.config.redisUrl);
    clients.push(redis);
    server = await startHealthServer('127.0.0.1', 0, checks(redis, kz));
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await res.text()).toBe('kznews_up 1\n');
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('refuses a port in use with a message that says what to do', async () => {
    t = testEnv();
    kz = openDatabase(t.config.databasePath);
    const redis = new Redis(t.config.redisUrl);
    clients.push(redis);
    server = await startHealthServer('127.0.0.1', 0, checks(redis, kz));
    await expect(startHealthServer('127.0.0.1', server.port, checks(redis, kz))).rejects.toThrow(
      `health port 127.0.0.1:${server.port} is in use (another kznews worker?): pass --port with a free port, or --port 0 for none`,
    );
  });
});
