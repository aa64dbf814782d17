/**
 * A source run ends when the last of its article jobs does, on whichever worker that happens. Redis keeps,
 * per run, the set of article jobs still pending and the counts so far; each job settles once (a job run
 * again after a crash or a stall finds itself already settled and counts nothing), and the settlement that
 * empties the set says the run is finished, with its totals.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { RunCounts } from '../db/types.js';
import { JOBS } from '../settings.js';
import { ownKey } from './queues.js';

const COUNT_FIELDS = ['discovered', 'stored', 'updated', 'unchanged', 'duplicates', 'failed'] as const satisfies ReadonlyArray<keyof RunCounts>;

/** Which jobs remain; `counts` once none do and the run has not been closed yet. */
export interface Settlement {
  finished: boolean;
  counts: RunCounts;
}

/**
 * KEYS: pending set, counts hash. ARGV: ttl seconds, then job ids to settle, '--', then field/increment pairs.
 * Increments apply only when a job id was still pending. Returns [finished, ...counts as field/value pairs].
 * A run with no bookkeeping (never begun here, or expired) never finishes: its row keeps what it has.
 */
const SETTLE = `
if redis.call('EXISTS', KEYS[2]) == 0 then return {0} end
local ttl = tonumber(ARGV[1])
local i = 2
local removed = 0
while ARGV[i] ~= '--' do
  removed = removed + redis.call('SREM', KEYS[1], ARGV[i])
  i = i + 1
end
i = i + 1
if removed > 0 then
  while i < #ARGV do
    redis.call('HINCRBY', KEYS[2], ARGV[i], tonumber(ARGV[i + 1]))
    i = i + 2
  end
end
redis.call('EXPIRE', KEYS[2], ttl)
if redis.call('SCARD', KEYS[1]) > 0 or redis.call('HGET', KEYS[2], '_closed') then
  return {0}
end
local out = {1}
for _, v in ipairs(redis.call('HGETALL', KEYS[2])) do table.insert(out, v) end
return out`;

/** KEYS: pending set, counts hash. ARGV: ttl seconds, discovered, job ids. 1 when begun now, 0 when begun before. */
const BEGIN = `
if redis.call('HSETNX', KEYS[2], 'discovered', ARGV[2]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[1]))
for i = 3, #ARGV do redis.call('SADD', KEYS[1], ARGV[i]) end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1`;

function parseCounts(flat: unknown[]): RunCounts {
  const counts: RunCounts = { discovered: 0, stored: 0, updated: 0, unchanged: 0, duplicates: 0, failed: 0 };
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = String(flat[i]);
    if ((COUNT_FIELDS as readonly string[]).includes(field)) counts[field as keyof RunCounts] = Number(flat[i + 1]);
  }
  return counts;
}

export interface RunTracker {
  /**
   * Before the article jobs are queued (so none can settle first): they are pending, and `discovered` is set.
   * False, and nothing changes, when the run had begun already (its source job is running again after a
   * crash): jobs of the first attempt may have settled since, and must not be waited for again.
   */
  begin(runId: number, jobIds: string[], discovered: number): Promise<boolean>;
  /** Jobs that were already queued by another run: not this run's to wait for. */
  release(runId: number, jobIds: string[]): Promise<Settlement>;
  /** One article job is done with its URL: its share of the counts. */
  settle(runId: number, jobId: string, delta: Partial<RunCounts>): Promise<Settlement>;
  /** The run row is written: later settlements of this run (re-runs) do not finish it again. */
  close(runId: number): Promise<void>;
}

export function createRunTracker(config: Config, redis: Redis): RunTracker {
  const keys = (runId: number) => ({ pending: ownKey(config, 'run', String(runId), 'pending'), counts: ownKey(config, 'run', String(runId), 'counts') });
  const ttl = JOBS.runTrackingTtlSeconds;

  async function settleMany(runId: number, jobIds: string[], delta: Partial<RunCounts>): Promise<Settlement> {
    const k = keys(runId);
    const pairs = Object.entries(delta).flatMap(([f, v]) => (v ? [f, String(v)] : []));
    const reply = (await redis.eval(SETTLE, 2, k.pending, k.counts, ttl, ...jobIds, '--', ...pairs)) as unknown[];
    return { finished: Number(reply[0]) === 1, counts: parseCounts(reply.slice(1)) };
  }

  return {
    async begin(runId, jobIds, discovered) {
      const k = keys(runId);
      const reply = (await redis.eval(BEGIN, 2, k.pending, k.counts, ttl, discovered, ...jobIds)) as number;
      return reply === 1;
    },
    release: (runId, jobIds) => settleMany(runId, jobIds, {}),
    settle: (runId, jobId, delta) => settleMany(runId, [jobId], delta),
    async close(runId) {
      const k = keys(runId);
      await redis.multi().hset(k.counts, '_closed', 1).expire(k.counts, ttl).del(k.pending).exec();
    },
  };
}
