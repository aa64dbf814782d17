import { describe, expect, it } from 'vitest';
import { stemKazakh, stemRussian, stemWord } from '../../src/pipeline/stem.js';

describe('stemRussian', () => {
  it('gives the Snowball reference stems', () => {
    // Pairs from the Snowball project's Russian vocabulary and its expected output.
    const reference: [string, string][] = [
      ['вавиловка', 'вавиловк'],
      ['важная', 'важн'],
      ['важнее', 'важн'],
      ['важнейшие', 'важн'],
      ['важнейшими', 'важн'],
      ['важничаешь', 'важнича'],
      ['важности', 'важност'],
      ['важностию', 'важност'],
      ['важность', 'важност'],
      ['вазах', 'ваз'],
      ['валандался', 'валанда'],
      ['валерьяновича', 'валерьянович'],
      ['валил', 'вал'],
      ['валился', 'вал'],
      ['валится', 'вал'],
      ['валяется', 'валя'],
      ['валялась', 'валя'],
      ['валять', 'валя'],
    ];
    expect(reference.map(([word]) => [word, stemRussian(word)])).toEqual(reference);
  });

  it('gives the inflected forms of one word one stem, ё read as е', () => {
    expect(new Set(['организация', 'организации', 'организацией', 'организацию'].map(stemRussian))).toEqual(new Set(['организац']));
    expect(new Set(['безопасность', 'безопасности'].map(stemRussian))).toEqual(new Set(['безопасн']));
    expect(stemRussian('Договорённостей')).toBe(stemRussian('договоренностей'));
  });
});

describe('stemKazakh', () => {
  it('peels case, possessive and plural endings', () => {
    expect(stemKazakh('елдердің')).toBe('ел');
    expect(stemKazakh('мемлекеттердің')).toBe('мемлекет');
    expect(stemKazakh('мемлекеттер')).toBe('мемлекет');
    expect(stemKazakh('президентінің')).toBe('президент');
    expect(stemKazakh('ұйымының')).toBe('ұйым');
    expect(stemKazakh('сапарымен')).toBe('сапар');
    expect(stemKazakh('басшысы')).toBe('басшы');
  });

  it('restores the voiceless consonant a vowel ending voiced, and keeps -стан names whole', () => {
    expect(stemKazakh('ынтымақтастығы')).toBe('ынтымақтастық');
    expect(stemKazakh('Қазақстанның')).toBe('қазақстан');
    expect(stemKazakh('Қазақстан')).toBe('қазақстан');
  });

  it('leaves short roots alone', () => {
    expect(stemKazakh('ел')).toBe('ел');
    expect(stemKazakh('су')).toBe('су');
  });
});

describe('stemWord', () => {
  it('picks the stemmer by the letters and the article language', () => {
    expect(stemWord('президентінің', 'ru')).toBe('президент');
    expect(stemWord('организации', 'ru')).toBe('организац');
    expect(stemWord('сапарымен', 'kk')).toBe('сапар');
    expect(stemWord('tianjin', 'ru')).toBe('tianjin');
  });
});
