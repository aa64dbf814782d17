/**
 * WAL checkpoints on a worker thread with its own connection. A checkpoint copies the pages a
 * transaction appended to the WAL into the database file and syncs both files: for a batch of 250
 * bench/ingest articles (~14 MB of WAL) ~18 ms of CPU and ~45 ms of wall time, most of it waiting on
 * the disk. SQLite runs it on the connection that committed, blocking the writer; here it runs beside
 * the next batch's writes. (A checkpoint may run while another connection writes: it copies the
 * frames committed when it started.)
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DB } from '../../settings.js';
import type { KzDb } from '../types.js';

/** The worker's code (CommonJS, evaluated: no file to resolve under tsx, vitest or dist/). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
parentPort.on('message', (id) => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ id });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
`;

/** better-sqlite3's entry point, for the worker to load the same driver. */
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

interface Reply {
  id: number;
  error?: string;
}

/** The worker keeps the process alive only while it has a checkpoint in hand. */
class CheckpointWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (error: string | null) => void>();
  private nextId = 0;
  /** Why the worker is gone (it could not open the database, or stopped): later checkpoints fail at once. */
  private gone: string | null = null;

  constructor(path: string) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: DRIVER, path, busyTimeoutMs: DB.busyTimeoutMs } });
    this.worker.unref();
    this.worker.on('message', ({ id, error }: Reply) => this.settle(id, error ?? null));
    this.worker.on('error', (e) => this.fail(e.message));
    this.worker.on('exit', (code) => this.fail(`the checkpoint worker stopped (exit code ${code})`));
  }

  /** Checkpoints what is committed now; resolves to null when done, or to why it could not. */
  checkpoint(): Promise<string | null> {
    if (this.gone !== null) return Promise.resolve(this.gone);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage(id);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private settle(id: number, error: string | null): void {
    this.waiting.get(id)?.(error);
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
  }

  private fail(reason: string): void {
    this.gone ??= reason;
    for (const id of [...this.waiting.keys()]) this.settle(id, reason);
  }
}

/**
 * A connection's checkpoints, moved to a worker while it writes a run of batches (its own automatic
 * ones are off meanwhile). SQLite starts the WAL file over only when a write begins with every frame
 * already checkpointed, which a checkpoint running beside the writes never leaves time for: so every
 * DB.walRestartBatches batches, the next write waits for the checkpoint of the last, and the WAL file
 * holds at most that many batches.
 */
export class OffThreadCheckpoints {
  private pending: Promise<string | null> | null = null;
  private sinceRestart = 0;

  private constructor(
    private readonly kz: KzDb,
    private readonly worker: CheckpointWorker,
    private readonly autocheckpoint: number,
  ) {
    kz.sqlite.pragma('wal_autocheckpoint = 0');
  }

  /** Null for a connection without a WAL file (an in-memory database): nothing to checkpoint. */
  static start(kz: KzDb): OffThreadCheckpoints | null {
    if (kz.sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return null;
    const autocheckpoint = kz.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
    return new OffThreadCheckpoints(kz, new CheckpointWorker(kz.path), autocheckpoint);
  }

  /** Call before each write transaction of the run. */
  async beforeWrite(): Promise<void> {
    if (this.sinceRestart < DB.walRestartBatches) return;
    await this.settle();
    this.sinceRestart = 0;
  }

  /** Call after each write transaction commits: its frames are checkpointed beside the next one. */
  afterCommit(): void {
    this.sinceRestart += 1;
    this.pending = this.worker.checkpoint();
  }

  /** Waits for the last checkpoint and gives the connection its automatic checkpoints back. */
  async close(): Promise<void> {
    try {
      await this.settle();
    } finally {
      if (this.kz.sqlite.open) this.kz.sqlite.pragma(`wal_autocheckpoint = ${this.autocheckpoint}`);
      await this.worker.close();
    }
  }

  /** Waits for the pending checkpoint; if the worker could not do it, the connection does it itself. */
  private async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (pending && (await pending) !== null && this.kz.sqlite.open) this.kz.sqlite.pragma('wal_checkpoint(PASSIVE)');
  }
}
