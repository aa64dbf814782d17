/**
 * The main thread's handle on the pipeline thread (pipeline-thread.ts): typed calls over postMessage, and
 * a new thread when one dies (its calls fail as transient, so their jobs are retried), so the daemon never
 * needs a person to restart it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KznewsError, UsageError } from '../errors.js';
import type { RunCounts, RunStatus, RunTrigger } from '../db/types.js';
import { JOBS } from '../settings.js';
import type { DiscoveredItem } from '../scrapers/types.js';
import {
  fromWireError,
  type CallMessage,
  type IngestReply,
  type SourceLastSuccess,
  type ThreadCall,
  type ThreadInit,
  type ThreadMessage,
  type ThreadResults,
} from './pipeline-protocol.js';

export interface PipelineThreadEvents {
  onFetch?(host: string, seconds: number, ok: boolean): void;
  onDiscoveryError?(url: string, error: string): void;
  /** The thread died and a new one is being started. */
  onRestart?(error: Error): void;
}

export interface PipelineThread {
  ingest(url: string, opts: { sourceId: string | null; runId: number | null; force: boolean }): Promise<IngestReply>;
  discover(sourceId: string): Promise<DiscoveredItem[]>;
  startRun(sourceId: string | null, trigger: RunTrigger): Promise<number>;
  finishRun(runId: number, counts: RunCounts, status: Exclude<RunStatus, 'running'>, error: string | null): Promise<void>;
  health(): Promise<SourceLastSuccess[]>;
  /** Closes the browser, the database and the gate; the thread is ended if that takes longer than `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

/** tsx's ESM API entry, read from its exports map (require.resolve would give the CommonJS one). */
function tsxEsmApi(from: string): string {
  const manifest = createRequire(from).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const entry = pkg.exports['./esm/api']?.import.default;
  if (!entry) throw new Error(`tsx at ${dirname(manifest)} has no ./esm/api export: update tsx`);
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

/**
 * Built, the thread is pipeline-thread.js beside this file. Under tsx or vitest (tests, benches) it is the
 * .ts file, which a worker thread cannot load by itself (module hooks do not reach it in Node 20), so a
 * small bootstrap loads it through tsx's API.
 */
function spawnThread(init: ThreadInit): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./pipeline-thread.js', self), { workerData: init });
  const tsxApi = tsxEsmApi(self);
  const thread = new URL('./pipeline-thread.ts', self).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => m.tsImport(${JSON.stringify(thread)}, ${JSON.stringify(self)}))`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Starts the thread and waits until its database, registry and gate are open (their errors come out here). */
export async function startPipelineThread(init: ThreadInit, events: PipelineThreadEvents = {}): Promise<PipelineThread> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closing = false;
  let worker: Worker;
  let ready: Promise<void>;

  function failPending(error: Error): void {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function launch(): Promise<void> {
    const w = spawnThread(init);
    worker = w;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      w.on('message', (m: ThreadMessage) => {
        switch (m.type) {
          case 'ready':
            started = true;
            resolve();
            return;
          case 'reply': {
            const p = pending.get(m.id);
            if (!p) return;
            pending.delete(m.id);
            if (m.ok) p.resolve(m.value);
            else p.reject(fromWireError(m.error));
            return;
          }
          case 'fetch':
            events.onFetch?.(m.host, m.seconds, m.ok);
            return;
          case 'discovery-error':
            events.onDiscoveryError?.(m.url, m.error);
        }
      });
      let lastError: Error | null = null;
      w.on('error', (e: Error) => {
        lastError = e.name === 'UsageError' ? new UsageError(e.message) : e;
      });
      w.on('exit', (code) => {
        const error = lastError ?? new Error(`pipeline thread exited with code ${code}`);
        failPending(new KznewsError('transient', `pipeline thread stopped: ${error.message}`));
        if (!started) {
          reject(error);
          return;
        }
        if (closing) return;
        events.onRestart?.(error);
        ready = new Promise((r) => setTimeout(r, JOBS.threadRestartDelayMs)).then(() => launch());
        // A thread that cannot start again (the database became unreadable) leaves `ready` rejected:
        // every later call then fails with that reason.
        ready.catch(() => {});
      });
    });
  }

  ready = launch();
  await ready;

  async function call<K extends ThreadCall['op']>(c: Extract<ThreadCall, { op: K }>): Promise<ThreadResults[K]> {
    await ready;
    const id = nextId++;
    return new Promise<ThreadResults[K]>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const message: CallMessage = { id, call: c };
      worker.postMessage(message);
    });
  }

  return {
    ingest: (url, opts) => call({ op: 'ingest', url, sourceId: opts.sourceId, runId: opts.runId, force: opts.force }),
    discover: (sourceId) => call({ op: 'discover', sourceId }),
    startRun: (sourceId, trigger) => call({ op: 'startRun', sourceId, trigger }),
    finishRun: async (runId, counts, status, error) => {
      await call({ op: 'finishRun', runId, counts, status, error });
    },
    health: () => call({ op: 'health' }),
    async close(timeoutMs) {
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        await Promise.race([call({ op: 'close' }).catch(() => null), timeout]);
      } finally {
        clearTimeout(timer);
        failPending(new KznewsError('transient', 'pipeline thread closed'));
        await worker.terminate();
      }
    },
  };
}
