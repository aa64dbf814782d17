import { describe, expect, it } from 'vitest';
import { compressHtmlOffThread } from '../../../src/db/queries/raw-compressor.js';
import { compressHtml, decompressHtml } from '../../../src/db/queries/raw-html.js';

const page = (i: number): string =>
  `<!doctype html><html><body>${`<p>Страница ${i}: Қазақстан Республикасы, ёлка и «кавычки».</p>`.repeat(100 + i)}</body></html>`;

describe('compressHtmlOffThread', () => {
  it('gives the bytes compressHtml gives, page by page and in order', async () => {
    const pages = [page(1), page(2), '', page(3)];
    const blobs = await compressHtmlOffThread(pages);
    expect(blobs.map((b) => b.encoding)).toEqual(['br', 'br', 'br', 'br']);
    expect(blobs.map((b) => b.data.toString('hex'))).toEqual(pages.map((p) => compressHtml(p).data.toString('hex')));
    expect(blobs.map((b) => decompressHtml(b.data, b.encoding))).toEqual(pages);
    expect(Buffer.isBuffer(blobs[0]?.data)).toBe(true);
  });

  it('answers calls made at once, each with its own pages', async () => {
    const [a, b, none] = await Promise.all([
      compressHtmlOffThread([page(4)]),
      compressHtmlOffThread([page(5), page(6)]),
      compressHtmlOffThread([]),
    ]);
    expect(a.map((x) => decompressHtml(x.data, 'br'))).toEqual([page(4)]);
    expect(b.map((x) => decompressHtml(x.data, 'br'))).toEqual([page(5), page(6)]);
    expect(none).toEqual([]);
  });
});
