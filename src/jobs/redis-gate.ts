/**
 * A HostGate shared by every worker process through Redis, so two workers never hammer one site.
 * Per host: a semaphore of leases (a sorted set of holder tokens scored by expiry, so a killed worker's
 * slot frees itself) and the earliest time the next request may start (pushed by each start and by
 * pause()). Both are checked and taken in one Lua script, timed by the Redis clock, so workers on
 * machines whose clocks differ still space their requests correctly.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { KznewsError } from '../errors.js';
import type { HostGate } from '../scrapers/fetch/politeness.js';
import { hostKey } from '../scrapers/fetch/url.js';
import { JOBS } from '../settings.js';

const NOW_MS = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** 0: slot taken; > 0: ms until the host may be started again; -1: every slot is held. */
const ACQUIRE = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return nextAt - now end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end
local lease = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease * 2)
local delay = tonumber(ARGV[3])
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay + 1000) end
return 0`;

const RENEW = `${NOW_MS}
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1`;

const PAUSE = `${NOW_MS}
local ms = tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > cur then redis.call('SET', KEYS[1], now + ms, 'PX', ms + 1000) end
return 1`;

/** The task really starts now: the next start is no earlier than now + delay (see run()). */
const STARTED = `${NOW_MS}
local nextAt = now + tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextAt > cur then redis.call('SET', KEYS[1], nextAt, 'PX', tonumber(ARGV[1]) + 1000) end
return 1`;

const WAIT = `${NOW_MS}
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextAt > now then return nextAt - now end
return 0`;

export interface RedisHostGateOptions {
  redis: Redis;
  /** Key prefix (the queue prefix): gates of two deployments on one Redis stay apart. */
  prefix: string;
  /** Requests in flight at once to one host, over all workers. */
  concurrency: number;
  /** Minimum time between the starts of two requests to one host, over all workers. */
  delayMs: number;
  /** Lease of a slot; renewed while the task runs. */
  leaseMs?: number;
  /** Told about failures of background work (lease renewal, pause) that no caller awaits. */
  onError?: (error: Error) => void;
}

export interface RedisHostGate extends HostGate {
  /** Milliseconds before `host` (a URL or host key) may be started again because of delay or a pause. */
  waitMs(host: string): Promise<number>;
  close(): Promise<void>;
}

export function createRedisHostGate(options: RedisHostGateOptions): RedisHostGate {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new RangeError(`host gate concurrency must be a whole number of at least 1: got ${options.concurrency}`);
  }
  if (!(options.delayMs >= 0)) throw new RangeError(`host gate delayMs must be 0 or more: got ${options.delayMs}`);
  const { redis } = options;
  const leaseMs = options.leaseMs ?? JOBS.gateLeaseMs;
  const onError = options.onError ?? (() => {});
  const keys = (host: string) => ({ leases: `${options.prefix}:gate:${host}:leases`, next: `${options.prefix}:gate:${host}:next` });
  let closed = false;
  const sleepers = new Set<() => void>();

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  async function acquire(url: string, host: string, token: string): Promise<void> {
    const k = keys(host);
    let poll: number = JOBS.gatePollMinMs;
    for (;;) {
      if (closed) throw new KznewsError('transient', 'host gate is closed (worker shutting down)', { url });
      const answer = Number(await redis.eval(ACQUIRE, 2, k.leases, k.next, token, options.concurrency, options.delayMs, leaseMs));
      if (answer === 0) return;
      if (answer > 0) {
        await sleep(answer);
        continue;
      }
      await sleep(poll);
      poll = Math.min(poll * 2, JOBS.gatePollMaxMs);
    }
  }

  return {
    async run<T>(url: string, task: () => Promise<T>): Promise<T> {
      const host = hostKey(url);
      const token = randomUUID();
      await acquire(url, host, token);
      const k = keys(host);
      // The slot was granted when Redis answered, but this thread may have been busy (parsing another page)
      // before it got here: the delay counts from now, when the request really goes out. Sent, not awaited,
      // in the same tick as the request, so it reaches Redis before any other worker can be let in.
      if (options.delayMs > 0) redis.eval(STARTED, 1, k.next, options.delayMs).catch((e: Error) => onError(e));
      const renew = setInterval(() => {
        redis.eval(RENEW, 1, k.leases, token, leaseMs).catch((e: Error) => onError(e));
      }, Math.max(1, Math.floor(leaseMs / 3)));
      try {
        return await task();
      } finally {
        clearInterval(renew);
        await redis.zrem(k.leases, token).catch((e: Error) => onError(e));
      }
    },
    pause(host: string, ms: number): void {
      if (!(ms > 0)) return;
      redis.eval(PAUSE, 1, keys(hostKey(host)).next, Math.ceil(ms)).catch((e: Error) => onError(e));
    },
    async waitMs(host: string): Promise<number> {
      return Number(await redis.eval(WAIT, 1, keys(hostKey(host)).next));
    },
    async close(): Promise<void> {
      closed = true;
      for (const wake of [...sleepers]) wake();
    },
  };
}
