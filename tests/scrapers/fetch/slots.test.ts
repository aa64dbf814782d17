import { describe, expect, it } from 'vitest';
import { createLocalHostGate } from '../../../src/scrapers/fetch/politeness.js';
import { createSlots } from '../../../src/scrapers/fetch/slots.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('browser page slots', () => {
  it('holds at most their size, and a freed slot goes to the waiter whose host has the most queued, read when it frees', async () => {
    const slots = createSlots(2);
    const backlog = { small: 0, big: 1, equal: 1 };
    const served: string[] = [];
    await slots.acquire(() => 0);
    await slots.acquire(() => 0);
    const wait = (name: keyof typeof backlog): Promise<void> => slots.acquire(() => backlog[name]).then(() => void served.push(name));
    const all = [wait('small'), wait('big'), wait('equal')];
    await tick();
    expect(served).toEqual([]);

    backlog.big = 5;
    slots.release();
    await tick();
    expect(served).toEqual(['big']);
    // Equal backlogs: first come, first served (big's came before equal's, small's before both).
    backlog.small = 1;
    slots.release();
    await tick();
    expect(served).toEqual(['big', 'small']);
    slots.release();
    await Promise.all(all);
    expect(served).toEqual(['big', 'small', 'equal']);
    // Everyone served: the next releases free the slots again.
    slots.release();
    slots.release();
    slots.release();
    await slots.acquire(() => 0);
    await slots.acquire(() => 0);
  });

  it('learn the backlog from the local host gate: the tasks waiting for the host', async () => {
    const gate = createLocalHostGate({ concurrency: 1, delayMs: 0 });
    let open = (): void => undefined;
    const first = gate.run('https://www.akorda.kz/1', () => new Promise<void>((resolve) => (open = resolve)));
    const rest = [gate.run('https://akorda.kz/2', async () => undefined), gate.run('https://www.akorda.kz/3', async () => undefined)];
    await tick();
    expect(gate.queued?.('https://www.akorda.kz/4')).toBe(2);
    expect(gate.queued?.('https://zakon.kz/1')).toBe(0);
    open();
    await Promise.all([first, ...rest]);
    expect(gate.queued?.('https://www.akorda.kz/4')).toBe(0);
  });
});
