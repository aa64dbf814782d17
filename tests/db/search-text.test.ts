import { describe, expect, it } from 'vitest';
import { foldForSearch, MAX_QUERY_TERMS, toMatchExpression } from '../../src/db/search-text.js';

describe('foldForSearch', () => {
  it('lower-cases Russian and folds ё into е', () => {
    expect(foldForSearch('ШОС Ёлка ещё')).toBe('шос елка еще');
  });

  it('lower-cases every Kazakh letter', () => {
    expect(foldForSearch('Ә Ғ Қ Ң Ө Ұ Ү Һ І')).toBe('ә ғ қ ң ө ұ ү һ і');
  });

  it('keeps й apart from и', () => {
    expect(foldForSearch('Мой МОИ')).toBe('мой мои');
  });

  it('drops stress accents, soft hyphens and zero-width characters that would split a word', () => {
    expect(foldForSearch('бо\u0301льшая при\u00ADмер сло\u200Bво')).toBe('большая пример слово');
  });

  it('applies NFKC (full-width letters, ligatures)', () => {
    expect(foldForSearch('ＡＢＣ ﬁnance')).toBe('abc finance');
  });

  it('reads Latin look-alikes inside a Cyrillic word as Cyrillic (Kazakh typed on a Russian keyboard)', () => {
    expect(foldForSearch('бiлiм')).toBe(foldForSearch('білім'));
    expect(foldForSearch('шаhар')).toBe('шаһар');
    expect(foldForSearch('КAЗАХСТАН')).toBe('казахстан');
    expect(foldForSearch('зáмок')).toBe('замок');
  });

  it('leaves Latin words alone', () => {
    expect(foldForSearch('iPhone Astana Hub')).toBe('iphone astana hub');
  });
});

describe('toMatchExpression', () => {
  it('quotes each folded word', () => {
    expect(toMatchExpression('ШОС Ёлка')).toBe('"шос" "елка"');
  });

  it('turns hostile punctuation and FTS keywords into plain words', () => {
    expect(toMatchExpression('"Токаев" -саммит * NEAR(ШОС) OR col:x AND')).toBe(
      '"токаев" "саммит" "near" "шос" "or" "col" "x" "and"',
    );
  });

  it('gives null when there is no word at all', () => {
    expect(toMatchExpression(' "-*:()" ')).toBeNull();
    expect(toMatchExpression('')).toBeNull();
  });

  it('drops repeated words and caps the number of terms', () => {
    expect(toMatchExpression('ШОС шос Шос')).toBe('"шос"');
    const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    expect(toMatchExpression(many)?.split(' ')).toHaveLength(MAX_QUERY_TERMS);
  });
});
