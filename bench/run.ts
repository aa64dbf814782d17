/**
 * `npm run bench [-- name …]`: runs every benchmark in bench/ (or the named ones), each in its own process so
 * that memory figures are its own, and prints their figures. Benchmarks print; they never fail a build.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const wanted = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const names = wanted.length > 0 ? all.filter((n) => wanted.includes(n)) : all;
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; there are: ${all.join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const name of names) {
  console.log(`\n=== bench/${name} ===`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], { stdio: 'inherit' });
  console.log(`--- ${name}: ${r.status === 0 ? 'done' : `exited ${r.status ?? r.signal}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
