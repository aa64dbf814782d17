import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { finishRun, startRun, upsertSources } from '../../src/db/queries.js';
import type { KzDb } from '../../src/db/types.js';
import { enqueueUrls } from '../../src/jobs/enqueue.js';
import { openQueues } from '../../src/jobs/queues.js';
import { schedulerSpecs, syncSchedulers } from '../../src/jobs/schedules.js';
import { formatQueueStatus, queueStatus } from '../../src/jobs/status.js';
import { createRegistry } from '../../src/scrapers/sites/index.js';
import { defineSource } from '../../src/scrapers/sites/define.js';
import { testEnv, type TestEnv } from './helpers.js';

const registry = createRegistry([
  defineSource({ id: 'alpha', name: 'Alpha', baseUrl: 'https://alpha.example.kz', cron: '*/15 * * * *' }),
  defineSource({ id: 'beta', name: 'Beta', baseUrl: 'https://beta.example.kz', cron: '*/30 * * * *' }),
  defineSource({ id: 'gamma', name: 'Gamma', baseUrl: 'https://gamma.example.kz', enabled: false }),
]);

describe('kznews status', () => {
  let t: TestEnv;
  let kz: KzDb;

  afterEach(async () => {
    kz.close();
    await t.cleanup();
  });

  it('shows queue depths, schedulers with their next run, and the last run of each source', async () => {
    t = testEnv();
    kz = openDatabase(t.config.databasePath);
    upsertSources(kz, registry.all());
    const run = startRun(kz, { sourceId: 'alpha', trigger: 'schedule' });
    finishRun(kz, run, { discovered: 4, stored: 3, failed: 1 }, 'done');
    const queues = openQueues(t.config);
    const redis = new Redis(t.config.redisUrl);
    try {
      await syncSchedulers(t.config, queues.sources, redis, schedulerSpecs(registry.all()));
      await queues.sources.upsertJobScheduler('retired', { pattern: '0 * * * *' }, { name: 'source', data: { sourceId: 'retired', trigger: 'schedule' } });
    } finally {
      await queues.close();
      redis.disconnect();
    }
    await enqueueUrls(t.config, ['https://alpha.example.kz/a/1', 'https://alpha.example.kz/a/2'], { registry });

    const status = await queueStatus(t.config, registry, kz);
    expect(status.prefix).toBe(t.config.queuePrefix);
    expect(status.queues).toEqual([
      { queue: 'sources', waiting: 0, active: 0, delayed: 3, failed: 0, completed: 0 },
      { queue: 'articles', waiting: 2, active: 0, delayed: 0, failed: 0, completed: 0 },
    ]);
    expect(status.unknownSchedulers.map((s) => s.id)).toEqual(['retired']);
    const [alpha, beta, gamma] = status.sources;
    expect(alpha?.scheduler).toMatchObject({ id: 'alpha', pattern: '*/15 * * * *', tz: 'Asia/Almaty' });
    expect(Date.parse(alpha?.scheduler?.next ?? '') - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(alpha?.lastRun).toMatchObject({ status: 'done', discovered: 4, stored: 3, failed: 1 });
    expect(beta?.lastRun).toBeNull();
    expect(gamma).toMatchObject({ enabled: false, scheduler: null });

    const text = formatQueueStatus(status);
    expect(text).toContain(`prefix ${t.config.queuePrefix}`);
    expect(text).toMatch(/^articles\s+2\s+0\s+0\s+0\s+0$/m);
    expect(text).toMatch(/^alpha\s+\*\/15 \* \* \* \* \(Asia\/Almaty\)\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+done .* \(4 found, 3 new, 0 updated, 1 failed\)$/m);
    expect(text).toMatch(/^gamma\s+disabled\s+never$/m);
    expect(text).toContain('schedulers of unknown sources (removed at the next worker start): retired');
  });
});
