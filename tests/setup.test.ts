import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';

describe('the test setup', () => {
  it('gives every test file a real Redis at REDIS_URL', async () => {
    const url = process.env.REDIS_URL;
    expect(url).toMatch(/^redis:\/\//);
    const redis = new Redis(url as string);
    try {
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });
});
