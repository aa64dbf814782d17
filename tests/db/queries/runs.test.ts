import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finishRun, lastRuns, lastSuccessfulRuns, startRun } from '../../../src/db/queries.js';
import { tempDb, type TempDb } from '../helpers.js';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

describe('crawl runs', () => {
  it('start as running with zero counts and finish with their counts and status', () => {
    const id = startRun(t.kz, { sourceId: 'zakon.kz', trigger: 'schedule', startedAt: '2024-07-04T10:00:00.000Z' });
    expect(lastRuns(t.kz)).toEqual([
      {
        id,
        sourceId: 'zakon.kz',
        trigger: 'schedule',
        startedAt: '2024-07-04T10:00:00.000Z',
        finishedAt: null,
        status: 'running',
        discovered: 0,
        stored: 0,
        updated: 0,
        unchanged: 0,
        duplicates: 0,
        failed: 0,
        error: null,
      },
    ]);
    finishRun(t.kz, id, { discovered: 30, stored: 12, failed: 1 }, 'done');
    const [run] = lastRuns(t.kz);
    expect(run).toMatchObject({ status: 'done', discovered: 30, stored: 12, updated: 0, failed: 1, error: null });
    expect(run?.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('report the last run and the last successful run of each source', () => {
    const a1 = startRun(t.kz, { sourceId: 'akorda.kz', trigger: 'schedule' });
    finishRun(t.kz, a1, { stored: 5 }, 'done');
    const a2 = startRun(t.kz, { sourceId: 'akorda.kz', trigger: 'schedule' });
    finishRun(t.kz, a2, {}, 'failed', 'redis went away');
    const z1 = startRun(t.kz, { sourceId: 'zakon.kz', trigger: 'manual' });
    const adhoc = startRun(t.kz, { sourceId: null, trigger: 'manual' });
    expect(lastRuns(t.kz).map((r) => [r.sourceId, r.id, r.status, r.error])).toEqual([
      [null, adhoc, 'running', null],
      ['akorda.kz', a2, 'failed', 'redis went away'],
      ['zakon.kz', z1, 'running', null],
    ]);
    expect(lastSuccessfulRuns(t.kz).map((r) => [r.sourceId, r.id, r.stored])).toEqual([['akorda.kz', a1, 5]]);
  });

  it('refuse to finish a run that does not exist', () => {
    expect(() => finishRun(t.kz, 42, {}, 'done')).toThrow('finishRun: no crawl run 42');
  });
});
