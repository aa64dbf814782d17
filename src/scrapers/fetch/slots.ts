export interface Slots {
  /** `backlog` is read when a slot frees: the waiter with the largest goes first, in order of arrival among equals. */
  acquire(backlog: () => number): Promise<void>;
  release(): void;
}

/**
 * At most `size` pages at once. A freed slot goes to the page whose host has the most pages queued behind
 * it: a host takes one page at a time, so in first-come order a site with many pages (akorda.kz's ten in
 * the fixture crawl) waited for a slot before each of them and finished alone, long after the rest.
 */
export function createSlots(size: number): Slots {
  let free = size;
  const waiting: Array<{ backlog: () => number; wake: () => void }> = [];
  return {
    async acquire(backlog) {
      if (free > 0) {
        free -= 1;
        return;
      }
      await new Promise<void>((wake) => waiting.push({ backlog, wake }));
    },
    release() {
      if (waiting.length === 0) {
        free += 1;
        return;
      }
      let best = 0;
      let most = -1;
      for (const [i, w] of waiting.entries()) {
        const n = w.backlog();
        if (n > most) [best, most] = [i, n];
      }
      const [next] = waiting.splice(best, 1);
      next?.wake();
    },
  };
}
