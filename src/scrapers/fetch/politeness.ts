/**
 * Politeness towards one host: how many requests run at once, how far apart they start, and pauses a
 * server asks for (Retry-After). The HostGate interface is all the fetchers see; the daemon supplies a
 * Redis-backed gate shared by every worker, a manual crawl uses the in-process one below.
 */
import { KznewsError } from '../../errors.js';
import { FETCH } from '../../settings.js';
import { hostKey } from './url.js';

export interface HostGate {
  /**
   * Runs `task` when the host of `url` (hostKey: lower case, www.-insensitive) has a free slot, its
   * delay since the last start has passed, and no pause is in force. The slot is held until `task` settles.
   */
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
  /** Starts nothing on `host` (a hostKey) for `ms` from now; a longer pause already in force stays. */
  pause(host: string, ms: number): void;
  /** Tasks of this process waiting for the host of `url`; absent where the gate cannot tell. */
  queued?(url: string): number;
  close?(): Promise<void>;
}

export interface LocalHostGateOptions {
  /** Requests in flight at once to one host. */
  concurrency: number;
  /** Minimum time between the starts of two requests to one host. */
  delayMs: number;
  /** Clock, for tests; Date.now by default. */
  now?: () => number;
}

interface HostState {
  active: number;
  /** Tasks waiting for a slot, first come first served. */
  waiting: Array<() => void>;
  /** Serializes the choice of start times, so two slot holders never start together. */
  starting: Promise<void>;
  lastStartAt: number;
  pausedUntil: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An in-process HostGate: for a manual crawl, or one worker on its own. */
export function createLocalHostGate(options: LocalHostGateOptions): HostGate {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new RangeError(`host gate concurrency must be a whole number of at least 1: got ${options.concurrency}`);
  }
  if (!(options.delayMs >= 0)) throw new RangeError(`host gate delayMs must be 0 or more: got ${options.delayMs}`);
  const now = options.now ?? Date.now;
  const hosts = new Map<string, HostState>();
  let closed = false;

  const isIdle = (h: HostState, at: number): boolean =>
    h.active === 0 && h.waiting.length === 0 && h.lastStartAt + options.delayMs <= at && h.pausedUntil <= at;

  function state(host: string): HostState {
    let h = hosts.get(host);
    if (h === undefined) {
      if (hosts.size >= FETCH.gateHostsBeforeSweep) {
        const at = now();
        for (const [key, other] of hosts) if (isIdle(other, at)) hosts.delete(key);
      }
      h = { active: 0, waiting: [], starting: Promise.resolve(), lastStartAt: -Infinity, pausedUntil: -Infinity };
      hosts.set(host, h);
    }
    return h;
  }

  async function acquire(h: HostState): Promise<void> {
    if (h.active < options.concurrency) {
      h.active += 1;
      return;
    }
    // The releasing task hands its slot over directly, so `active` never drops in between.
    await new Promise<void>((resolve) => h.waiting.push(resolve));
  }

  function release(h: HostState): void {
    const next = h.waiting.shift();
    if (next !== undefined) next();
    else h.active -= 1;
  }

  async function waitForTurn(h: HostState): Promise<void> {
    for (;;) {
      const wait = Math.max(h.lastStartAt + options.delayMs, h.pausedUntil) - now();
      if (wait <= 0) break;
      await sleep(wait);
    }
    h.lastStartAt = now();
  }

  return {
    async run<T>(url: string, task: () => Promise<T>): Promise<T> {
      if (closed) throw new KznewsError('transient', 'host gate is closed', { url });
      const h = state(hostKey(url));
      await acquire(h);
      try {
        const turn = h.starting.then(() => waitForTurn(h));
        h.starting = turn;
        await turn;
        return await task();
      } finally {
        release(h);
      }
    },
    pause(host: string, ms: number): void {
      const h = state(hostKey(host));
      h.pausedUntil = Math.max(h.pausedUntil, now() + ms);
    },
    queued(url: string): number {
      return hosts.get(hostKey(url))?.waiting.length ?? 0;
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}

/**
 * Milliseconds a Retry-After header asks to wait (delay-seconds or an HTTP date), capped at
 * FETCH.retryAfterMaxMs; null when absent or unreadable. A date in the past means 0.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | null {
  if (header === null || header === undefined) return null;
  const value = header.trim();
  let ms: number;
  if (/^\d+$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at) || !/[a-z]/i.test(value)) return null;
    ms = Math.max(0, at - now.getTime());
  }
  return Math.min(ms, FETCH.retryAfterMaxMs);
}
