/**
 * What a connection remembers of each term's document frequency (./doc-freq.ts): integer term key → its
 * count in term_stats (-1 when not read yet), its pending count, and whether it is listed as changed. An
 * open-addressing table in one Int32Array, 16 bytes a slot: a lookup reads one cache line, where a
 * Map<number, object> read two or three (the doc-freq loop over a bench article's ~160 stems).
 */
const WIDTH = 4;
const KEY = 0;
const STATE = 3;
const EMPTY = 0;
const USED = 1;
const LISTED = 2;

/** Offsets in a slot, for TermTable.slots[at + …]. */
export const STORED = 1;
export const PENDING = 2;

export class TermTable {
  slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 12) {
    this.slots = new Int32Array(WIDTH * capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Where `key` is in `slots` (added with stored -1 and pending 0 when missing). The table may move its
   * slots when it grows: use the position before the next call.
   */
  find(key: number): number {
    let slot = Math.imul(key, 0x9e3779b1) & this.mask;
    for (;;) {
      const at = WIDTH * slot;
      if (this.slots[at + STATE] === EMPTY) break;
      if (this.slots[at + KEY] === key) return at;
      slot = (slot + 1) & this.mask;
    }
    if (2 * (this.count + 1) > this.mask + 1) {
      this.grow();
      return this.find(key);
    }
    const at = WIDTH * slot;
    this.slots[at + KEY] = key;
    this.slots[at + STORED] = -1;
    this.slots[at + PENDING] = 0;
    this.slots[at + STATE] = USED;
    this.count++;
    return at;
  }

  /** Marks the term at `at` as changed; false when it already was. */
  list(at: number): boolean {
    if ((this.slots[at + STATE] as number) & LISTED) return false;
    this.slots[at + STATE] = USED | LISTED;
    return true;
  }

  unlist(at: number): void {
    this.slots[at + STATE] = USED;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.mask = 2 * (this.mask + 1) - 1;
    for (let at = 0; at < old.length; at += WIDTH) {
      if (old[at + STATE] === EMPTY) continue;
      let slot = Math.imul(old[at + KEY] as number, 0x9e3779b1) & this.mask;
      while (this.slots[WIDTH * slot + STATE] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots.set(old.subarray(at, at + WIDTH), WIDTH * slot);
    }
  }
}
