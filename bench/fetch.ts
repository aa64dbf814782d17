/**
 * The HTTP fetch layer's speed: pages/s and latency fetching from a local server (live, while recording,
 * and replayed from the recording), charset decoding throughput, and URL canonicalization rate.
 * The server is on 127.0.0.1, so the figures are the fetcher's own cost, not a network's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_USER_AGENT } from '../src/config.js';
import { decodeBody } from '../src/scrapers/fetch/charset.js';
import { createHttpFetcher } from '../src/scrapers/fetch/http.js';
import { createLocalHostGate } from '../src/scrapers/fetch/politeness.js';
import { createRecorder, openRecording, recordingTransport, replayTransport } from '../src/scrapers/fetch/recording.js';
import type { Transport } from '../src/scrapers/fetch/transport.js';
import { canonicalizeUrl } from '../src/scrapers/fetch/url.js';
import { startFixtureServer } from '../tests/helpers/fixture-server.js';

const PAGES = 1_500;
const HOSTS = 4;
const CALLERS = 8;
const PAGE_KIB = 60;
const DECODE_MIB = 8;
const URLS = 200_000;
const MIB = 1024 * 1024;

/** Russian text as windows-1251 bytes (every Cyrillic letter is one byte there). */
function cp1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (ch) => {
      const code = ch.codePointAt(0) ?? 0x3f;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      return 0x3f;
    }),
  );
}

function pageBody(bytes: number): Buffer {
  const sentence = '<p>Глава государства принял министра экологии и обсудил ход реформ в регионах.</p>\n';
  return cp1251(sentence.repeat(Math.ceil(bytes / sentence.length)).slice(0, bytes));
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function crawl(label: string, transport: Transport | undefined, connectTo: Record<string, string> | undefined): Promise<void> {
  const http = createHttpFetcher({
    userAgent: DEFAULT_USER_AGENT,
    timeoutMs: 10_000,
    maxBodyBytes: 10 * MIB,
    maxRedirects: 5,
    retries: 0,
    gate: createLocalHostGate({ concurrency: CALLERS, delayMs: 0 }),
    robots: false,
    ...(connectTo ? { connectTo } : {}),
    ...(transport ? { transport } : {}),
  });
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (next < PAGES) {
        const i = next++;
        const page = await http.fetch(`https://host${i % HOSTS}.example.kz/news?id=${i}`);
        latencies.push(page.durationMs);
        bytes += page.bytes;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(22)} ${(PAGES / seconds).toFixed(0).padStart(6)} pages/s  ${(bytes / MIB / seconds).toFixed(1).padStart(6)} MiB/s  ` +
      `p50 ${percentile(latencies, 0.5)} ms  p95 ${percentile(latencies, 0.95)} ms`,
  );
}

function rate(label: string, unit: string, amount: number, run: () => void): void {
  const started = performance.now();
  run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(22)} ${(amount / seconds).toFixed(1).padStart(10)} ${unit}`);
}

export async function main(): Promise<void> {
  const body = pageBody(PAGE_KIB * 1024);
  const server = await startFixtureServer({
    '/news': { headers: { 'content-type': 'text/html; charset=windows-1251' }, body },
  });
  const connectTo = Object.fromEntries(Array.from({ length: HOSTS }, (_, i) => [`host${i}.example.kz`, server.origin]));
  const dir = mkdtempSync(join(tmpdir(), 'kznews-bench-fetch-'));
  try {
    console.log(`fetch: ${PAGES} pages of ${PAGE_KIB} KiB (windows-1251), ${HOSTS} hosts, ${CALLERS} at once`);
    await crawl('live', undefined, connectTo);
    const recorder = createRecorder(dir);
    await crawl('live + recording', recordingTransport(undefined, recorder), connectTo);
    await recorder.flush();
    await crawl('replayed', replayTransport(openRecording(dir)), undefined);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const big1251 = pageBody(DECODE_MIB * MIB);
  const bigUtf8 = Buffer.from(big1251.toString('latin1').replace(/[\xc0-\xff]/g, 'ж'), 'utf8').subarray(0, DECODE_MIB * MIB);
  rate('decode windows-1251', 'MiB/s', DECODE_MIB, () => decodeBody(big1251, 'text/html; charset=windows-1251'));
  rate('decode sniffed 1251', 'MiB/s', DECODE_MIB, () => decodeBody(big1251, null));
  rate('decode sniffed UTF-8', 'MiB/s', bigUtf8.byteLength / MIB, () => decodeBody(bigUtf8, 'text/html'));
  rate('canonicalizeUrl', 'URLs/s', URLS, () => {
    for (let i = 0; i < URLS; i++) canonicalizeUrl(`https://WWW.Tengrinews.kz/news/a-${i}/?utm_source=tg&page=${i % 7}#c`);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
