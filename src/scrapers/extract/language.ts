/**
 * Language of an article: what the page says (html lang, og:locale, JSON-LD inLanguage), checked against the
 * script of the text itself, since CMSes often leave one lang attribute on every edition of a site.
 */
import { EXTRACT } from '../../settings.js';
import type { Lang } from '../types.js';

export interface LanguageHints {
  htmlLang?: string | null;
  ogLocale?: string | null;
  jsonLdLanguage?: string | null;
  /** The source's default language. */
  fallback?: Lang | null;
}

/** "ru", "ru-RU", "ru_RU", "kk", "kz", "kaz", "kk-KZ", "en-GB", "English", "Русский" → a Lang, else null. */
export function langFromCode(code: string | null | undefined): Lang | null {
  if (!code) return null;
  const c = code.trim().toLowerCase();
  if (/^(kk|kz|kaz)([-_]|$)|^қазақ|^kazakh/.test(c)) return 'kk';
  if (/^(ru|rus)([-_]|$)|^русс|^russian/.test(c)) return 'ru';
  if (/^(en|eng)([-_]|$)|^english/.test(c)) return 'en';
  return null;
}

/** ә ғ қ ң ө ұ ү һ і in both cases (the letters Russian does not use), as a table over the Cyrillic block. */
const KAZAKH_IN_CYRILLIC = new Uint8Array(256);
for (const ch of 'әғқңөұүһіӘҒҚҢӨҰҮҺІ') KAZAKH_IN_CYRILLIC[(ch.charCodeAt(0) - 0x0400) & 0xff] = 1;

const isCyrillic = (c: number): boolean => c >= 0x0400 && c <= 0x04ff;
const isLatin = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);

/** What the letters of a text say: kk, ru, en, or null when there are too few letters to tell. */
export function languageByScript(text: string): Lang | null {
  const n = Math.min(text.length, EXTRACT.languageSampleChars);
  let cyrillic = 0;
  let latin = 0;
  let kazakh = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isCyrillic(c)) {
      cyrillic++;
      kazakh += KAZAKH_IN_CYRILLIC[c - 0x0400] as number;
    } else if (isLatin(c)) latin++;
  }
  if (cyrillic + latin < EXTRACT.languageMinLetters) return null;
  if (latin > cyrillic) return 'en';
  return kazakh / cyrillic >= EXTRACT.kazakhLetterShare ? 'kk' : 'ru';
}

/**
 * The page's own hints first (JSON-LD inLanguage, html lang, og:locale, then the source default), kept when
 * the script agrees or cannot tell; when the text clearly says another language, the text wins.
 */
export function detectLanguage(text: string, hints: LanguageHints = {}): Lang | null {
  const hinted =
    langFromCode(hints.jsonLdLanguage) ?? langFromCode(hints.htmlLang) ?? langFromCode(hints.ogLocale) ?? null;
  const byScript = languageByScript(text);
  if (byScript === null) return hinted ?? hints.fallback ?? null;
  return byScript;
}
