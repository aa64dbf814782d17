import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { openQueues, type Queues } from '../../src/jobs/queues.js';
import { listSchedulers, normalizeCron, schedulerSpecs, syncSchedulers } from '../../src/jobs/schedules.js';
import { defineSource } from '../../src/scrapers/sites/define.js';
import type { Source } from '../../src/scrapers/types.js';
import { testEnv, type TestEnv } from './helpers.js';

const source = (id: string, cron?: string, enabled = true): Source =>
  defineSource({ id, name: id, baseUrl: `https://${id}.example.kz`, ...(cron ? { cron } : {}), enabled });

describe('cron patterns', () => {
  it('accepts five fields, or six with seconds, and tidies the spacing', () => {
    expect(normalizeCron('*/15 * * * *', 'a')).toBe('*/15 * * * *');
    expect(normalizeCron('  */2  * * * * * ', 'a')).toBe('*/2 * * * * *');
  });

  it('rejects other field counts with a message naming the source', () => {
    expect(() => normalizeCron('* * * *', 'zakon')).toThrow('source zakon: cron "* * * *" must have 5 fields');
    expect(() => normalizeCron('0 * * * * * *', 'zakon')).toThrow(/6 \(seconds first\)/);
  });
});

describe('scheduler specs', () => {
  it('takes every enabled source with its cron and time zone', () => {
    const specs = schedulerSpecs([source('a'), source('b', '*/30 * * * *'), source('c', undefined, false)]);
    expect(specs).toEqual([
      { id: 'a', pattern: '*/15 * * * *', tz: 'Asia/Almaty' },
      { id: 'b', pattern: '*/30 * * * *', tz: 'Asia/Almaty' },
    ]);
  });

  it('keeps only the named sources, and names the unknown ones', () => {
    expect(schedulerSpecs([source('a'), source('b')], ['b']).map((s) => s.id)).toEqual(['b']);
    expect(() => schedulerSpecs([source('a')], ['a', 'nope'])).toThrow('unknown source(s) nope; known sources: a');
  });
});

describe('scheduler reconciliation against Redis', () => {
  let t: TestEnv;
  const opened: Array<{ queues: Queues; redis: Redis }> = [];

  function open(): { queues: Queues; redis: Redis } {
    const pair = { queues: openQueues(t.config), redis: new Redis(t.config.redisUrl) };
    opened.push(pair);
    return pair;
  }

  afterEach(async () => {
    for (const { queues, redis } of opened.splice(0)) {
      await queues.close();
      redis.disconnect();
    }
    await t.cleanup();
  });

  it('adds one scheduler per source, updates a changed cron and removes a disabled source', async () => {
    t = testEnv();
    const { queues, redis } = open();
    const first = await syncSchedulers(t.config, queues.sources, redis, schedulerSpecs([source('a'), source('b')]));
    expect(first).toEqual({ added: ['a', 'b'], updated: [], kept: [], removed: [] });

    const second = await syncSchedulers(
      t.config,
      queues.sources,
      redis,
      schedulerSpecs([source('a', '*/5 * * * *'), source('b', undefined, false), source('c')]),
    );
    expect(second).toEqual({ added: ['c'], updated: ['a'], kept: [], removed: ['b'] });
    const views = await listSchedulers(queues.sources);
    expect(views.map((v) => [v.id, v.pattern, v.tz]).sort()).toEqual([
      ['a', '*/5 * * * *', 'Asia/Almaty'],
      ['c', '*/15 * * * *', 'Asia/Almaty'],
    ]);
    // One planned run per scheduler: the removed one's next run went with it.
    expect(await queues.sources.getDelayedCount()).toBe(2);
    const delayed = await queues.sources.getDelayed();
    expect(delayed.map((j) => j.data.sourceId).sort()).toEqual(['a', 'c']);
    expect(delayed.every((j) => j.data.trigger === 'schedule')).toBe(true);
  });

  it('leaves exactly one scheduler and one next run per source when several workers start at once', async () => {
    t = testEnv();
    const sources = [source('a'), source('b', '*/30 * * * *'), source('c', '*/2 * * * * *')];
    const starters = [open(), open(), open(), open()];
    const results = await Promise.all(
      starters.map(({ queues, redis }) => syncSchedulers(t.config, queues.sources, redis, schedulerSpecs(sources))),
    );
    expect(results.flatMap((r) => r.added).sort()).toEqual(['a', 'b', 'c']);
    expect(results.flatMap((r) => r.kept)).toHaveLength(9);
    const { queues } = starters[0]!;
    expect(await queues.sources.getJobSchedulersCount()).toBe(3);
    const delayed = await queues.sources.getDelayed();
    expect(delayed.map((j) => j.data.sourceId).sort()).toEqual(['a', 'b', 'c']);
  });

  it('reads the cron in Asia/Almaty (UTC+5): 09:00 there is 04:00 UTC', async () => {
    t = testEnv();
    const { queues, redis } = open();
    await syncSchedulers(t.config, queues.sources, redis, schedulerSpecs([source('morning', '0 9 * * *')]));
    const [view] = await listSchedulers(queues.sources);
    expect(view?.next).toMatch(/T04:00:00\.000Z$/);
    expect(Date.parse(view?.next ?? '') - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
  });

  it('names the source whose cron Redis cannot plan', async () => {
    t = testEnv();
    const { queues, redis } = open();
    const bad = { id: 'broken', pattern: '99 * * * *', tz: 'Asia/Almaty' };
    await expect(syncSchedulers(t.config, queues.sources, redis, [bad])).rejects.toThrow(/^source broken: cron "99 \* \* \* \*" in Asia\/Almaty is not valid/);
  });
});
