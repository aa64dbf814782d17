/** Raw page HTML as kept in raw_pages: brotli through node:zlib, gzip still readable. */
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { DB } from '../../settings.js';

export type RawEncoding = 'br' | 'gzip';

export function compressHtml(html: string): { encoding: RawEncoding; data: Buffer } {
  const input = Buffer.from(html, 'utf8');
  const data = brotliCompressSync(input, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: DB.brotliQuality,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
  return { encoding: 'br', data };
}

export function decompressHtml(data: Buffer, encoding: string): string {
  if (encoding === 'br') return brotliDecompressSync(data).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(data).toString('utf8');
  throw new Error(`raw page stored with an unknown encoding "${encoding}"`);
}
