/**
 * The pipeline thread: where a worker process fetches, parses, deduplicates and stores. Parsing a big page
 * and dedup over many paragraphs take the CPU for a while; here they cannot delay the main thread, which
 * only talks to Redis (job locks are renewed on time, so no job is taken for stalled and run twice).
 * One thread per process holds the one SQLite connection, the one browser (its page semaphore bounds
 * renders for the whole process) and a Redis host gate. The main thread calls it through pipeline-host.ts.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { Redis } from 'ioredis';
import { openDatabase } from '../db/client.js';
import { finishRun, lastSuccessfulRuns, startRun } from '../db/queries.js';
import { KznewsError } from '../errors.js';
import { createPipeline } from '../pipeline/ingest.js';
import type { HostGate } from '../scrapers/fetch/politeness.js';
import { hostKey } from '../scrapers/fetch/url.js';
import { loadRegistry } from '../scrapers/sites/index.js';
import { durableRedisOptions } from './queues.js';
import { toWireError, type CallMessage, type IngestReply, type ThreadCall, type ThreadInit, type ThreadMessage } from './pipeline-protocol.js';
import { createRedisHostGate } from './redis-gate.js';

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('pipeline-thread.ts runs as a worker thread (see pipeline-host.ts)');
  const { config, gateLeaseMs } = workerData as ThreadInit;
  const post = (m: ThreadMessage): void => port.postMessage(m);

  const kz = openDatabase(config.databasePath);
  const registry = loadRegistry(config);
  const redis = new Redis(config.redisUrl, { ...durableRedisOptions(), connectionName: 'kznews-gate' });
  // Reconnection is reported by the main thread's own connections; here it only must not crash the thread.
  redis.on('error', () => {});
  const shared = createRedisHostGate({
    redis,
    prefix: config.queuePrefix,
    concurrency: config.hostConcurrency,
    delayMs: config.hostDelayMs,
    leaseMs: gateLeaseMs,
  });
  const gate: HostGate = {
    run(url, task) {
      return shared.run(url, async () => {
        const started = performance.now();
        let ok = false;
        try {
          const value = await task();
          ok = true;
          return value;
        } finally {
          post({ type: 'fetch', host: hostKey(url), seconds: (performance.now() - started) / 1000, ok });
        }
      });
    },
    pause: (host, ms) => shared.pause(host, ms),
    close: () => shared.close(),
  };
  const pipeline = createPipeline({
    config,
    registry,
    kz,
    gate,
    connectTo: config.connectTo,
    onDiscoveryError: (url, error) => post({ type: 'discovery-error', url, error }),
  });

  async function handle(call: ThreadCall): Promise<unknown> {
    switch (call.op) {
      case 'ingest': {
        const source = call.sourceId ? registry.find(call.sourceId) : registry.forUrl(call.url);
        if (!source) throw new KznewsError('permanent', `source ${call.sourceId} is no longer configured`, { url: call.url });
        const outcome = await pipeline.ingestUrl(call.url, {
          crawlRunId: call.runId,
          force: call.force,
          ...(call.sourceId ? { sourceId: call.sourceId } : {}),
        });
        const reply: IngestReply = {
          url: outcome.url,
          sourceId: source.id,
          status: outcome.status,
          articleId: outcome.articleId,
          duplicateOf: outcome.duplicateOf,
          storyId: outcome.storyId,
          durationMs: outcome.durationMs,
          bytes: outcome.bytes,
          renderer: outcome.renderer,
          error: outcome.error ? toWireError(outcome.error) : null,
        };
        return reply;
      }
      case 'discover': {
        const source = registry.find(call.sourceId);
        if (!source) throw new KznewsError('permanent', `source ${call.sourceId} is no longer configured`);
        return pipeline.discoverSource(source, {});
      }
      case 'startRun':
        return startRun(kz, { sourceId: call.sourceId, trigger: call.trigger });
      case 'finishRun':
        finishRun(kz, call.runId, call.counts, call.status, call.error);
        return null;
      case 'health': {
        kz.sqlite.prepare('SELECT 1').get();
        const done = new Map(lastSuccessfulRuns(kz).map((r) => [r.sourceId, r.finishedAt]));
        return registry.enabled().map((s) => ({ id: s.id, lastSuccess: done.get(s.id) ?? null }));
      }
      case 'close':
        await pipeline.close();
        kz.close();
        await redis.quit().catch(() => redis.disconnect());
        return null;
    }
  }

  port.on('message', (message: CallMessage) => {
    handle(message.call).then(
      (value) => post({ type: 'reply', id: message.id, ok: true, value }),
      (e: unknown) => post({ type: 'reply', id: message.id, ok: false, error: toWireError(e) }),
    );
  });
  post({ type: 'ready' });
}

main();
