import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { articleJobId, assertRedisReachable, openQueues, redactRedisUrl } from '../../src/jobs/queues.js';
import { testEnv } from './helpers.js';

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('article job ids', () => {
  it('are a fixed-length hash of the canonical URL, without ":" and not an integer', () => {
    const id = articleJobId('https://www.zakon.kz/politika/6432-slug.html');
    expect(id).toMatch(/^u[0-9a-f]{40}$/);
    expect(articleJobId('https://www.zakon.kz/politika/6432-slug.html')).toBe(id);
    expect(articleJobId('https://www.zakon.kz/politika/6433-slug.html')).not.toBe(id);
  });

  it('keep a URL from being queued twice while its job exists', async () => {
    const t = testEnv();
    const queues = openQueues(t.config);
    try {
      const url = 'https://news.example.kz/a/1';
      const opts = { jobId: articleJobId(url) };
      await queues.articles.add('article', { url, sourceId: 'news', runId: 1 }, opts);
      await queues.articles.add('article', { url, sourceId: 'news', runId: 2 }, opts);
      expect(await queues.articles.getWaitingCount()).toBe(1);
      expect((await queues.articles.getJob(articleJobId(url)))?.data.runId).toBe(1);
    } finally {
      await queues.close();
      await t.cleanup();
    }
  });
});

describe('Redis at start', () => {
  it('answers when reachable', async () => {
    await expect(assertRedisReachable(testEnv().config)).resolves.toBeUndefined();
  });

  it('is a clear error naming REDIS_URL when unreachable', async () => {
    const port = await closedPort();
    const config = loadConfig({ REDIS_URL: `redis://user:secret@127.0.0.1:${port}` });
    const error = await assertRedisReachable(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('UsageError');
    expect((error as Error).message).toMatch(
      new RegExp(`^cannot reach Redis at redis://user:\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(REDIS_URL\\): .*ECONNREFUSED.*\\. Start redis-server or set REDIS_URL to a running Redis\\.$`),
    );
    expect((error as Error).message).not.toContain('secret');
  });

  it('hides the password of a Redis URL in messages', () => {
    expect(redactRedisUrl('redis://:pw@h:6379/2')).toBe('redis://:***@h:6379/2');
    expect(redactRedisUrl('redis://h:6379')).toBe('redis://h:6379');
  });
});
