import { describe, expect, it } from 'vitest';
import { detectLanguage, langFromCode } from '../../../src/scrapers/extract/language.js';

const KK = 'Мемлекет басшысы Қасым-Жомарт Тоқаев Шанхай ынтымақтастық ұйымының саммитіне қатысып, сөз сөйледі.';
const RU = 'Глава государства Касым-Жомарт Токаев принял участие в саммите Шанхайской организации сотрудничества.';
const EN = 'President Kassym-Jomart Tokayev took part in the summit of the Shanghai Cooperation Organisation.';

describe('detectLanguage', () => {
  it('recognises Kazakh by its own letters', () => expect(detectLanguage(KK)).toBe('kk'));
  it('recognises Russian Cyrillic without Kazakh letters', () => expect(detectLanguage(RU)).toBe('ru'));
  it('recognises English by Latin script', () => expect(detectLanguage(EN)).toBe('en'));
  it('lets the text overrule a wrong html lang', () => expect(detectLanguage(KK, { htmlLang: 'ru-RU' })).toBe('kk'));
  it('falls back to the hints when the text is too short to tell', () => {
    expect(detectLanguage('ШОС', { htmlLang: 'kk' })).toBe('kk');
    expect(detectLanguage('', { fallback: 'ru' })).toBe('ru');
    expect(detectLanguage('')).toBeNull();
  });
  it('reads locale codes', () => {
    expect([langFromCode('kk_KZ'), langFromCode('kz'), langFromCode('ru-RU'), langFromCode('en_GB'), langFromCode('de')]).toEqual([
      'kk', 'kk', 'ru', 'en', null,
    ]);
  });
});
