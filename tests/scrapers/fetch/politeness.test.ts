import { describe, expect, it } from 'vitest';
import { FETCH } from '../../../src/settings.js';
import { createLocalHostGate, parseRetryAfter } from '../../../src/scrapers/fetch/politeness.js';

const NOW = new Date('2024-07-04T10:00:00.000Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 1 ', 1_000],
    ['0', 0],
    ['Thu, 04 Jul 2024 10:00:30 GMT', 30_000],
    ['Thu, 04 Jul 2024 09:00:00 GMT', 0],
    ['99999999', FETCH.retryAfterMaxMs],
    ['Fri, 05 Jul 2024 10:00:00 GMT', FETCH.retryAfterMaxMs],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('Retry-After %j waits %j ms', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });
});

describe('createLocalHostGate', () => {
  /** Runs tasks through the gate and notes when each one started. */
  async function starts(gate: ReturnType<typeof createLocalHostGate>, urls: string[], taskMs = 0): Promise<number[]> {
    const t0 = Date.now();
    const at: number[] = [];
    await Promise.all(
      urls.map((url, i) =>
        gate.run(url, async () => {
          at[i] = Date.now() - t0;
          await new Promise((r) => setTimeout(r, taskMs));
        }),
      ),
    );
    return at;
  }

  it('starts requests to one host at least delayMs apart, www. or not', async () => {
    const gate = createLocalHostGate({ concurrency: 1, delayMs: 120 });
    const at = await starts(gate, ['https://a.kz/1', 'https://www.a.kz/2', 'https://A.kz/3']);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(118);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(118);
  });

  it('runs different hosts side by side', async () => {
    const gate = createLocalHostGate({ concurrency: 1, delayMs: 300 });
    const at = await starts(gate, ['https://a.kz/1', 'https://b.kz/1', 'https://c.kz/1'], 50);
    expect(Math.max(...at)).toBeLessThan(100);
  });

  it('never has more than `concurrency` tasks of one host in flight', async () => {
    const gate = createLocalHostGate({ concurrency: 2, delayMs: 0 });
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gate.run(`https://a.kz/${i}`, async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await new Promise((r) => setTimeout(r, 20));
          inFlight -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
  });

  it('holds every request to a paused host until the pause ends', async () => {
    const gate = createLocalHostGate({ concurrency: 1, delayMs: 0 });
    gate.pause('www.a.kz', 200);
    const at = await starts(gate, ['https://a.kz/1', 'https://b.kz/1']);
    expect(at[0]).toBeGreaterThanOrEqual(195);
    expect(at[1]).toBeLessThan(100);
  });

  it('frees the slot when a task fails', async () => {
    const gate = createLocalHostGate({ concurrency: 1, delayMs: 0 });
    await expect(gate.run('https://a.kz/1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run('https://a.kz/2', async () => 'next')).resolves.toBe('next');
  });

  it('refuses new work once closed', async () => {
    const gate = createLocalHostGate({ concurrency: 1, delayMs: 0 });
    await gate.close?.();
    await expect(gate.run('https://a.kz/1', async () => 1)).rejects.toThrow('host gate is closed');
  });

  it('rejects a concurrency below one at construction', () => {
    expect(() => createLocalHostGate({ concurrency: 0, delayMs: 0 })).toThrow(
      'host gate concurrency must be a whole number of at least 1: got 0',
    );
  });
});
