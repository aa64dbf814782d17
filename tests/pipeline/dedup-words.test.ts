import { describe, expect, it } from 'vitest';
import { letterWords, letterWordsByPattern, shingleWordsByPattern, shingleWordsOf } from '../../src/pipeline/dedup/words.js';
import { cleanDraft } from '../../src/pipeline/normalize.js';
import { random } from '../db/dedup/helpers.js';
import { SEED_IDS, seedDraft } from './seed-drafts.js';

const both = (text: string): void => {
  expect(letterWords(text), JSON.stringify(text)).toEqual(letterWordsByPattern(text));
  expect(shingleWordsOf(text), JSON.stringify(text)).toEqual(shingleWordsByPattern(text));
};

describe('words by one pass', () => {
  it('are the words of the definitions around every UTF-16 unit', () => {
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      for (const text of [ch, `Ёлка${ch}Ф1`, `${ch}${ch}x`, `ab ${ch}`]) {
        const fast = letterWords(text);
        const slow = letterWordsByPattern(text);
        if (fast.join('|') !== slow.join('|')) expect(fast, `U+${code.toString(16)} in ${JSON.stringify(text)}`).toEqual(slow);
        const fastShingle = shingleWordsOf(text);
        const slowShingle = shingleWordsByPattern(text);
        if (fastShingle.join('|') !== slowShingle.join('|')) expect(fastShingle, `U+${code.toString(16)} in ${JSON.stringify(text)}`).toEqual(slowShingle);
      }
    }
  });

  it('are the words of the definitions in the seeds and in mixed text', () => {
    for (const id of SEED_IDS) {
      const d = cleanDraft(seedDraft(id));
      for (const text of [d.title, d.lead ?? '', ...d.paragraphs]) both(text);
    }
    const pool = [...'аБвЁёЙйӘәҚқҮүІіABz09½²№ ­\u00a0\u200b\u2060«»—-.,Σσİ\u0301\u0306Ǆǅﬁ𝐀😀Ⅻ\u1100\u1161'];
    const next = random(7);
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pool[Math.floor(next() * pool.length)]).join('');
      both(text);
    }
  });
});
