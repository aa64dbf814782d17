/**
 * A worker process without the CLI, for tests and benchmarks that need separate processes:
 *   node --import tsx src/jobs/worker-main.ts [--concurrency N] [--sources a,b] [--port P] [--tuning JSON]
 * Configuration comes from the environment (loadConfig), like `kznews worker`. Exits 0 after SIGTERM/SIGINT.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { createLogger } from '../logger.js';
import { loadRegistry } from '../scrapers/sites/index.js';
import { runWorkerUntilSignal, type WorkerTuning } from './worker.js';

function wholeNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number: got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string' },
      sources: { type: 'string' },
      port: { type: 'string' },
      tuning: { type: 'string' },
    },
  });
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'worker' });
  const concurrency = wholeNumber('concurrency', values.concurrency);
  const port = wholeNumber('port', values.port);
  await runWorkerUntilSignal({
    config,
    registry: loadRegistry(config),
    logger,
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(port !== undefined ? { port } : {}),
    sources: values.sources ? values.sources.split(',').map((s) => s.trim()).filter((s) => s !== '') : null,
    ...(values.tuning ? { tuning: JSON.parse(values.tuning) as Partial<WorkerTuning> } : {}),
  });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`kznews worker: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
