import { Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { KzDb } from '../../src/db/types.js';
import { enqueueSourceRuns, enqueueUrls } from '../../src/jobs/enqueue.js';
import { articleJobId, bullConnection, openQueues } from '../../src/jobs/queues.js';
import { createRegistry } from '../../src/scrapers/sites/index.js';
import { defineSource } from '../../src/scrapers/sites/define.js';
import { testEnv, waitFor, type TestEnv } from './helpers.js';

const registry = createRegistry([
  defineSource({ id: 'alpha', name: 'Alpha', baseUrl: 'https://alpha.example.kz', cron: '*/15 * * * *' }),
  defineSource({ id: 'beta', name: 'Beta', baseUrl: 'https://beta.example.kz', cron: '*/30 * * * *' }),
  defineSource({ id: 'gamma', name: 'Gamma', baseUrl: 'https://gamma.example.kz', enabled: false }),
]);

async function completedArticles(t: TestEnv): Promise<number> {
  const queues = openQueues(t.config);
  try {
    return await queues.articles.getCompletedCount();
  } finally {
    await queues.close();
  }
}

describe('crawl --queue', () => {
  let t: TestEnv;
  let kz: KzDb;

  afterEach(async () => {
    kz.close();
    await t.cleanup();
  });

  it('queues canonical URLs once, leaves alone those already waiting, and reports bad input', async () => {
    t = testEnv();
    kz = openDatabase(t.config.databasePath);
    const first = await enqueueUrls(
      t.config,
      ['https://alpha.example.kz/a/1?utm_source=x#top', 'https://alpha.example.kz/a/1', 'mailto:x@y.kz', 'https://other.example.kz/p'],
      { registry, kz },
    );
    expect(first.queued).toEqual(['https://alpha.example.kz/a/1', 'https://other.example.kz/p']);
    expect(first.invalid.map((i) => i.url)).toEqual(['mailto:x@y.kz']);
    expect(first.runId).toBe(1);
    const again = await enqueueUrls(t.config, ['https://alpha.example.kz/a/1'], { registry });
    expect(again).toEqual({ queued: [], alreadyQueued: ['https://alpha.example.kz/a/1'], invalid: [], runId: null });

    const queues = openQueues(t.config);
    try {
      const job = await queues.articles.getJob(articleJobId('https://alpha.example.kz/a/1'));
      expect(job?.data).toEqual({ url: 'https://alpha.example.kz/a/1', sourceId: 'alpha', runId: 1 });
      // A host no source owns goes to the generic adapter, chosen by the worker.
      expect((await queues.articles.getJob(articleJobId('https://other.example.kz/p')))?.data.sourceId).toBeNull();
    } finally {
      await queues.close();
    }
    // Once its job has finished, an explicit request queues the URL again.
    const worker = new Worker('articles', async () => ({ status: 'new', articleId: 1, duplicateOf: null }), {
      connection: bullConnection(t.config),
      prefix: t.config.queuePrefix,
    });
    try {
      await waitFor('two completed jobs', async () => (await completedArticles(t)) === 2);
    } finally {
      await worker.close();
    }
    const third = await enqueueUrls(t.config, ['https://alpha.example.kz/a/1'], { registry });
    expect(third.queued).toEqual(['https://alpha.example.kz/a/1']);
  });

  it('queues a run of a source now, once while it waits', async () => {
    t = testEnv();
    kz = openDatabase(t.config.databasePath);
    expect(await enqueueSourceRuns(t.config, registry, ['alpha', 'beta'])).toEqual({ queued: ['alpha', 'beta'], alreadyQueued: [] });
    expect(await enqueueSourceRuns(t.config, registry, ['alpha'])).toEqual({ queued: [], alreadyQueued: ['alpha'] });
    await expect(enqueueSourceRuns(t.config, registry, ['nope'])).rejects.toThrow(/^unknown source "nope"/);
    const queues = openQueues(t.config);
    try {
      const waiting = await queues.sources.getWaiting();
      expect(waiting.map((j) => j.data).sort((a, b) => a.sourceId.localeCompare(b.sourceId))).toEqual([
        { sourceId: 'alpha', trigger: 'queue' },
        { sourceId: 'beta', trigger: 'queue' },
      ]);
    } finally {
      await queues.close();
    }
  });
});
