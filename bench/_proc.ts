/** What the benches read of processes from /proc (Linux): the tree below a process, and kB fields of its files. */
import { readdirSync, readFileSync } from 'node:fs';

/** Every process below `root`, children before grandchildren: one pass over /proc, whatever the depth of the tree. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // After the command name (which may hold spaces and parentheses): state, then the parent's pid.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // the process ended while being read
    }
  }
  const found: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** The figure of one `Name:  123 kB` line in a /proc file, in bytes (0 when the process or line is gone). */
export function kbField(path: string, field: string): number {
  try {
    const line = readFileSync(path, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line === undefined ? 0 : Number(line.replace(/\D+/g, ' ').trim().split(' ')[0]) * 1024;
  } catch {
    return 0;
  }
}
