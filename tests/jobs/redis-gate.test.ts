import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisHostGate, type RedisHostGate } from '../../src/jobs/redis-gate.js';
import { deletePrefix, redisUrl } from './helpers.js';

interface Span {
  start: number;
  end: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function maxOverlap(spans: Span[]): number {
  const edges = spans.flatMap((s) => [
    { at: s.start, d: 1 },
    { at: s.end, d: -1 },
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

function startGaps(spans: Span[]): number[] {
  const starts = spans.map((s) => s.start).sort((a, b) => a - b);
  return starts.slice(1).map((s, i) => s - (starts[i] as number));
}

describe('the Redis host gate', () => {
  const clients: Redis[] = [];
  const gates: RedisHostGate[] = [];
  let prefix = '';

  function gate(concurrency: number, delayMs: number, leaseMs?: number): RedisHostGate {
    const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    redis.on('error', () => {});
    clients.push(redis);
    const g = createRedisHostGate({ redis, prefix, concurrency, delayMs, ...(leaseMs ? { leaseMs } : {}) });
    gates.push(g);
    return g;
  }

  const newPrefix = () => {
    prefix = `t-gate-${randomBytes(4).toString('hex')}`;
  };

  afterEach(async () => {
    for (const g of gates.splice(0)) await g.close();
    for (const c of clients.splice(0)) c.disconnect();
    await deletePrefix(redisUrl(), prefix);
  });

  async function task(spans: Span[], ms: number): Promise<void> {
    const span = { start: Date.now(), end: 0 };
    await sleep(ms);
    span.end = Date.now();
    spans.push(span);
  }

  it('holds one request at a time per host, 120 ms apart, across two clients', async () => {
    newPrefix();
    const a = gate(1, 120);
    const b = gate(1, 120);
    const spans: Span[] = [];
    const urls = ['https://www.news.example.kz/a', 'https://news.example.kz/b'];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).run(urls[i % 2] as string, () => task(spans, 20))),
    );
    expect(spans).toHaveLength(8);
    expect(maxOverlap(spans)).toBe(1);
    // Starts are timed by the Redis clock; this machine's timers may fire a millisecond early.
    for (const gap of startGaps(spans)) expect(gap).toBeGreaterThanOrEqual(118);
  });

  it('lets exactly `concurrency` requests run at once when there is no delay', async () => {
    newPrefix();
    const a = gate(2, 0);
    const b = gate(2, 0);
    const spans: Span[] = [];
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).run('https://news.example.kz/x', () => task(spans, 80))));
    expect(maxOverlap(spans)).toBe(2);
  });

  it('does not make one host wait for another', async () => {
    newPrefix();
    const a = gate(1, 500);
    const started = Date.now();
    const spans: Span[] = [];
    await Promise.all(['one', 'two', 'three'].map((h) => a.run(`https://${h}.example.kz/`, () => task(spans, 10))));
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('starts nothing on a host another client paused (Retry-After) until the pause is over', async () => {
    newPrefix();
    const a = gate(1, 0);
    const b = gate(1, 0);
    a.pause('news.example.kz', 400);
    await sleep(20);
    expect(await b.waitMs('https://www.news.example.kz/page')).toBeGreaterThan(300);
    const asked = Date.now();
    let startedAt = 0;
    await b.run('https://news.example.kz/page', async () => {
      startedAt = Date.now();
    });
    expect(startedAt - asked).toBeGreaterThanOrEqual(300);
    expect(await b.waitMs('news.example.kz')).toBe(0);
  });

  it('frees the slot of a holder that died (its lease expires) so the host is not blocked for ever', async () => {
    newPrefix();
    const dying = gate(1, 0, 300);
    const healthy = gate(1, 0);
    let holding!: () => void;
    const held = new Promise<void>((r) => {
      holding = r;
    });
    void dying.run('https://news.example.kz/slow', () => {
      holding();
      return new Promise<void>(() => {});
    }).catch(() => {});
    await held;
    // The holder's process is gone: no renewals, no release.
    (clients[0] as Redis).disconnect();
    const asked = Date.now();
    await healthy.run('https://news.example.kz/next', async () => {});
    const waited = Date.now() - asked;
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(waited).toBeLessThan(2_000);
  });

  it('gives up waiting, with a transient error, once closed', async () => {
    newPrefix();
    const a = gate(1, 0);
    a.pause('news.example.kz', 5_000);
    await sleep(20);
    const waiting = a.run('https://news.example.kz/p', async () => 'ran');
    await sleep(50);
    await a.close();
    await expect(waiting).rejects.toMatchObject({ kind: 'transient', message: 'host gate is closed (worker shutting down)' });
  });
});
