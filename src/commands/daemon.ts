/** `kznews worker`, `kznews status` and `kznews crawl --queue`: the commands that talk to the daemon through Redis. */
import { UsageError } from '../errors.js';
import { enqueueSourceRuns, enqueueUrls } from '../jobs/enqueue.js';
import { formatQueueStatus, queueStatus } from '../jobs/status.js';
import { runWorkerUntilSignal } from '../jobs/worker.js';
import { createLogger } from '../logger.js';
import type { CommandContext } from './context.js';

export interface WorkerCommandOptions {
  concurrency?: number;
  sources?: string;
  port?: string;
}

export async function workerCommand(ctx: CommandContext, opts: WorkerCommandOptions): Promise<void> {
  let port: number | undefined;
  if (opts.port !== undefined) {
    port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port ${opts.port}: expected 0 to 65535`);
  }
  const sources = opts.sources ? opts.sources.split(',').map((s) => s.trim()).filter(Boolean) : null;
  for (const id of sources ?? []) ctx.registry.get(id);
  await runWorkerUntilSignal({
    config: ctx.config,
    registry: ctx.registry,
    logger: createLogger({ level: ctx.config.logLevel, name: 'worker' }),
    sources,
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(port !== undefined ? { port } : {}),
  });
}

export async function statusCommand(ctx: CommandContext, opts: { json?: boolean }): Promise<string> {
  const status = await queueStatus(ctx.config, ctx.registry, ctx.db());
  return opts.json ? JSON.stringify(status, null, 2) : formatQueueStatus(status);
}

export interface EnqueueCommandOptions {
  source?: string[];
  all?: boolean;
  force?: boolean;
}

export async function enqueueCommand(ctx: CommandContext, urls: string[], opts: EnqueueCommandOptions): Promise<string> {
  const sourceIds = opts.all
    ? ctx.registry.enabled().map((s) => s.id)
    : (opts.source ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  if (urls.length === 0 && sourceIds.length === 0) {
    throw new UsageError('nothing to enqueue: give URLs, --source NAME or --all');
  }
  const lines: string[] = [];
  if (urls.length > 0) {
    const r = await enqueueUrls(ctx.config, urls, { registry: ctx.registry, kz: ctx.db(), ...(opts.force ? { force: true } : {}) });
    lines.push(`queued ${r.queued.length} URL(s), ${r.alreadyQueued.length} already queued${r.runId !== null ? ` (run #${r.runId})` : ''}`);
    for (const bad of r.invalid) lines.push(`  refused ${bad.url}: ${bad.error}`);
    if (r.queued.length === 0 && r.alreadyQueued.length === 0 && r.invalid.length > 0) process.exitCode = 1;
  }
  if (sourceIds.length > 0) {
    const r = await enqueueSourceRuns(ctx.config, ctx.registry, sourceIds);
    lines.push(`queued a run of ${r.queued.length} source(s)${r.alreadyQueued.length > 0 ? `; already waiting: ${r.alreadyQueued.join(', ')}` : ''}`);
  }
  return lines.join('\n');
}
