import { describe, expect, it } from 'vitest';
import { KznewsError } from '../../src/errors.js';
import { retryDelayMs, runDelta } from '../../src/jobs/processors.js';

const tuning = { baseMs: 1_000, maxMs: 10_000, jitter: 0.2 };

describe('retry delays', () => {
  it('double with each attempt from the base, capped', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, new Error('x'), tuning, mid))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('spread by the jitter either way', () => {
    expect(retryDelayMs(2, undefined, tuning, () => 0)).toBe(1_600);
    expect(retryDelayMs(2, undefined, tuning, () => 1)).toBe(2_400);
  });

  it('are never shorter than the Retry-After the server sent', () => {
    const limited = new KznewsError('transient', '429', { status: 429, retryAfterMs: 120_000 });
    expect(retryDelayMs(1, limited, tuning, () => 0.5)).toBe(120_000);
    const short = new KznewsError('transient', '503', { status: 503, retryAfterMs: 10 });
    expect(retryDelayMs(1, short, tuning, () => 0.5)).toBe(1_000);
  });
});

describe("an article's share of its run", () => {
  it('counts stored, updated, unchanged, failed and copies like a manual crawl', () => {
    expect(runDelta({ status: 'new', duplicateOf: null })).toEqual({ stored: 1 });
    expect(runDelta({ status: 'new', duplicateOf: 7 })).toEqual({ stored: 1, duplicates: 1 });
    expect(runDelta({ status: 'updated', duplicateOf: null })).toEqual({ updated: 1 });
    expect(runDelta({ status: 'unchanged', duplicateOf: 3 })).toEqual({ unchanged: 1, duplicates: 1 });
    expect(runDelta({ status: 'failed', duplicateOf: null })).toEqual({ failed: 1 });
    expect(runDelta({ status: 'discarded', duplicateOf: null })).toEqual({});
    expect(runDelta({ status: 'not-modified', duplicateOf: null })).toEqual({});
  });
});
