/**
 * Shared by the daemon's tests: a Config of their own (a fresh queue prefix in the shared test Redis and a
 * database in a temp dir), and cleanup of the prefix's keys.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../src/config.js';

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the tests through vitest (tests/setup/redis.ts starts a Redis)');
  return url;
}

export interface TestEnv {
  config: Config;
  env: Record<string, string>;
  dir: string;
  cleanup(): Promise<void>;
}

/** A config with its own queue prefix and temp directory; `extra` adds or overrides variables. */
export function testEnv(extra: Record<string, string> = {}): TestEnv {
  const dir = mkdtempSync(join(tmpdir(), 'kznews-jobs-'));
  const env: Record<string, string> = {
    REDIS_URL: redisUrl(),
    KZNEWS_QUEUE_PREFIX: `t-${randomBytes(5).toString('hex')}`,
    DATABASE_PATH: join(dir, 'kznews.db'),
    LOG_LEVEL: 'silent',
    RESPECT_ROBOTS: 'false',
    ...extra,
  };
  const config = loadConfig(env);
  return {
    config,
    env,
    dir,
    async cleanup() {
      await deletePrefix(config.redisUrl, config.queuePrefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 15_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
