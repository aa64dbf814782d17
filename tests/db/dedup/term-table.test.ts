import { describe, expect, it } from 'vitest';
import { PENDING, STORED, TermTable } from '../../../src/db/dedup/term-table.js';
import { random } from './helpers.js';

describe('the term table', () => {
  it('keeps every key with its counts through growth, as a Map would', () => {
    const table = new TermTable(4);
    const reference = new Map<number, { stored: number; pending: number }>();
    const next = random(5);
    const keys = [0, -1, 1, -(2 ** 31), 2 ** 31 - 1, ...Array.from({ length: 50_000 }, () => Math.floor((next() - 0.5) * 2 ** 32))];
    // Keys met again (a Zipf-like stream repeats its terms), counts moved each time.
    let wrong = 0;
    for (let i = 0; i < 3 * keys.length; i++) {
      const key = keys[Math.floor(next() * next() * keys.length)] as number;
      const at = table.find(key);
      const r = reference.get(key) ?? { stored: -1, pending: 0 };
      if (table.slots[at + STORED] !== r.stored || table.slots[at + PENDING] !== r.pending) wrong++;
      table.slots[at + STORED] = i;
      table.slots[at + PENDING] = (table.slots[at + PENDING] as number) + 1;
      reference.set(key, { stored: i, pending: r.pending + 1 });
    }
    expect(wrong).toBe(0);
    expect(table.size).toBe(reference.size);
    for (const [key, r] of reference) {
      const at = table.find(key);
      if (table.slots[at + STORED] !== r.stored || table.slots[at + PENDING] !== r.pending) wrong++;
    }
    expect(wrong).toBe(0);
    expect(table.size).toBe(reference.size);
  });

  it('lists a term once until it is unlisted', () => {
    const table = new TermTable();
    const at = table.find(42);
    expect(table.list(at)).toBe(true);
    expect(table.list(table.find(42))).toBe(false);
    table.unlist(table.find(42));
    expect(table.list(table.find(42))).toBe(true);
  });
});
