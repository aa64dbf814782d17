import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/commands/context.js';
import { reextractCommand } from '../../src/commands/maintenance.js';
import { searchArticles, storeArticles } from '../../src/db/queries.js';
import { draft, input, tempDir, withSources } from '../db/helpers.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A page the generic extractor reads as an article of three paragraphs, its number in the title. */
function page(n: number): string {
  const p = (i: number): string => `<p>Абзац ${i} статьи номер ${n}: жители Актау обсудили ремонт набережной и новые остановки, которые откроют до конца года в каждом микрорайоне.</p>`;
  return `<html lang="ru"><head><title>Статья ${n}</title></head><body><article><h1>Статья ${n}</h1>${p(1)}${p(2)}${p(3)}</article></body></html>`;
}

describe('kznews reextract', () => {
  it('re-stores every stored page in batches, counting what changed, what did not, and what no longer reads', async () => {
    const ctx = createContext({ DATABASE_PATH: join(dir, 'kznews.db'), LOG_LEVEL: 'silent' });
    try {
      const kz = ctx.db();
      withSources(kz, 'news.example.kz');
      // Stored with a body other than their pages hold (an older extractor's), across more than one batch of 250.
      const inputs = Array.from({ length: 261 }, (_, n) =>
        input(draft({ url: `https://news.example.kz/${n}`, sourceId: 'news.example.kz', title: `Статья ${n}`, paragraphs: [`Старый текст статьи ${n}.`] }), { html: page(n) }),
      );
      inputs.push(input(draft({ url: 'https://news.example.kz/empty', sourceId: 'news.example.kz' }), { html: '<html><body></body></html>' }));
      expect(storeArticles(kz, inputs).every((item) => item.ok)).toBe(true);

      const first = await reextractCommand(ctx, {});
      expect(first.split('\n')[0]).toBe('re-extracted: updated 261, unchanged 0, kept as they were 1 (extraction now finds no article)');
      expect(first).toContain('https://news.example.kz/empty: ');
      expect(searchArticles(kz, { words: 'набережной 260' }).map((a) => a.url)).toEqual(['https://news.example.kz/260']);
      expect(searchArticles(kz, { words: 'старый' })).toEqual([]);

      const again = await reextractCommand(ctx, {});
      expect(again.split('\n')[0]).toBe('re-extracted: updated 0, unchanged 261, kept as they were 1 (extraction now finds no article)');
    } finally {
      ctx.close();
    }
  });
});
