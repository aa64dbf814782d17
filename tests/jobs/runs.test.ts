import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRunTracker } from '../../src/jobs/runs.js';
import { testEnv, type TestEnv } from './helpers.js';

describe('run tracking across workers', () => {
  let t: TestEnv;
  let redis: Redis;

  afterEach(async () => {
    redis.disconnect();
    await t.cleanup();
  });

  function tracker() {
    t = testEnv();
    redis = new Redis(t.config.redisUrl);
    return createRunTracker(t.config, redis);
  }

  it('finishes a run when its last job settles, with the sum of their counts', async () => {
    const runs = tracker();
    expect(await runs.begin(7, ['a', 'b', 'c'], 3)).toBe(true);
    expect(await runs.settle(7, 'a', { stored: 1 })).toMatchObject({ finished: false });
    expect(await runs.settle(7, 'b', { stored: 1, duplicates: 1 })).toMatchObject({ finished: false });
    expect(await runs.settle(7, 'c', { failed: 1 })).toEqual({
      finished: true,
      counts: { discovered: 3, stored: 2, updated: 0, unchanged: 0, duplicates: 1, failed: 1 },
    });
  });

  it('counts a job once, however often it runs (a re-run after a crash or a stall)', async () => {
    const runs = tracker();
    await runs.begin(1, ['a', 'b'], 2);
    await runs.settle(1, 'a', { stored: 1 });
    await runs.settle(1, 'a', { stored: 1 });
    const last = await runs.settle(1, 'b', { unchanged: 1 });
    expect(last.counts).toMatchObject({ stored: 1, unchanged: 1 });
    await runs.close(1);
    expect((await runs.settle(1, 'b', { unchanged: 1 })).finished).toBe(false);
  });

  it('does not wait for jobs another run queued first, and finishes a run left with none', async () => {
    const runs = tracker();
    await runs.begin(2, ['a', 'b'], 2);
    expect(await runs.release(2, ['a'])).toMatchObject({ finished: false });
    expect(await runs.release(2, ['b'])).toEqual({ finished: true, counts: { discovered: 2, stored: 0, updated: 0, unchanged: 0, duplicates: 0, failed: 0 } });
    await runs.begin(3, [], 0);
    expect((await runs.release(3, [])).finished).toBe(true);
  });

  it('does not begin a run twice (its source job ran again): settled jobs are not waited for again', async () => {
    const runs = tracker();
    await runs.begin(4, ['a', 'b'], 2);
    await runs.settle(4, 'a', { stored: 1 });
    expect(await runs.begin(4, ['a', 'b'], 2)).toBe(false);
    expect(await runs.settle(4, 'b', { stored: 1 })).toMatchObject({ finished: true, counts: { stored: 2 } });
  });

  it('never finishes a run it has no bookkeeping for (the row keeps its counts)', async () => {
    const runs = tracker();
    expect(await runs.settle(99, 'a', { stored: 1 })).toEqual({ finished: false, counts: { discovered: 0, stored: 0, updated: 0, unchanged: 0, duplicates: 0, failed: 0 } });
  });
});
