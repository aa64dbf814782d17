/**
 * Raw pages compressed on one worker thread: brotli AND the UTF-16 to UTF-8 conversion before it. Both
 * cost the main thread about as much as all the SQL of an article (converting a 28,000-character page
 * alone takes ~100 µs); libuv's pool would take only the brotli part and run four compressions at once,
 * on a two-core machine taking the writer's core. The worker is started on first use, one per process,
 * and keeps the process alive only while it has pages in hand.
 */
import { Worker } from 'node:worker_threads';
import { BROTLI_PARAMS, type RawBlob } from './raw-html.js';

/** The worker's code (CommonJS, evaluated: no file to resolve under tsx, vitest or dist/). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
// The text as UTF-8 in one pass, as utf8() in raw-html.ts does.
const utf8 = (html) => {
  const bytes = Buffer.allocUnsafe(html.length * 3);
  return bytes.subarray(0, bytes.write(html, 'utf8'));
};
parentPort.on('message', ({ id, pages }) => {
  try {
    const out = pages.map((html) => {
      const input = utf8(html);
      return zlib.brotliCompressSync(input, {
        params: { ...workerData.params, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length },
      });
    });
    parentPort.postMessage({ id, out });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
`;

interface Reply {
  id: number;
  out?: Uint8Array[];
  error?: string;
}

interface Waiting {
  resolve: (blobs: RawBlob[]) => void;
  reject: (e: Error) => void;
}

const toBlob = (data: Uint8Array): RawBlob => ({ encoding: 'br', data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });

class RawCompressor {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;

  compress(pages: readonly string[]): Promise<RawBlob[]> {
    if (pages.length === 0) return Promise.resolve([]);
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<RawBlob[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, pages });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { params: BROTLI_PARAMS } });
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (e) => this.fail(worker, e));
    worker.on('exit', (code) => this.fail(worker, new Error(`the raw page compressor stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle({ id, out, error }: Reply): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker?.unref();
    if (out) waiting.resolve(out.map(toBlob));
    else waiting.reject(new Error(`compressing a raw page failed: ${error ?? 'no reason given'}`));
  }

  /** The worker is gone: everything it held fails, and the next call starts a new one. */
  private fail(worker: Worker, e: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const waiting of this.waiting.values()) waiting.reject(e);
    this.waiting.clear();
  }
}

const compressor = new RawCompressor();

/** Each page's HTML brotli-compressed as compressHtml does, off the main thread. */
export const compressHtmlOffThread = (pages: readonly string[]): Promise<RawBlob[]> => compressor.compress(pages);
