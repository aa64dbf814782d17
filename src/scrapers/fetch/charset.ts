/**
 * Bytes to text. Order: byte order mark, the Content-Type header, a declaration in the document's first
 * bytes (<meta charset>, <meta http-equiv>, <?xml encoding?>), UTF-8 when the bytes are valid UTF-8, and
 * the legacy charset of .kz sites (windows-1251) last. Pure; never throws on a bad label.
 */
import { FETCH } from '../../settings.js';

export interface DecodedBody {
  text: string;
  /** WHATWG name of the charset used: 'utf-8', 'windows-1251', 'koi8-r', 'utf-16le', … */
  charset: string;
}

/** The WHATWG encoding name for a charset label, or null when Node's TextDecoder does not know it. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (label === null || label === undefined) return null;
  const cleaned = label.trim().replace(/^["']|["']$/g, '');
  if (cleaned === '') return null;
  try {
    return new TextDecoder(cleaned).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type value, as written (not validated). */
export function charsetParam(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("[^"]*"|[^;\s]*)/i.exec(contentType);
  return m?.[1] ? m[1].replace(/^"|"$/g, '') : null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_ENCODING = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i;

/**
 * The charset a document declares in its first bytes. Read as latin1, which keeps every ASCII byte, so
 * the declaration is found whatever the real charset. A declared UTF-16 means UTF-8 here: a document
 * whose declaration reads as ASCII is not UTF-16 (the HTML spec's prescan rule).
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, FETCH.charsetPrescanBytes));
  const label = XML_ENCODING.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1] ?? null;
  const charset = normalizeCharset(label);
  return charset !== null && charset.startsWith('utf-16') ? 'utf-8' : charset;
}

/** The bytes as UTF-8 text, or null when they are not valid UTF-8 (a leading BOM is dropped). */
function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  return strictUtf8(bytes) !== null;
}

function decode(bytes: Uint8Array, charset: string): DecodedBody {
  return { text: new TextDecoder(charset).decode(bytes), charset };
}

export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const bom = bomCharset(bytes);
  if (bom !== null) return decode(bytes, bom);
  // Decoded strictly at most once: the text is kept for when UTF-8 is the answer.
  let utf8: string | null | undefined;
  const asUtf8 = (): string | null => (utf8 === undefined ? (utf8 = strictUtf8(bytes)) : utf8);
  // A header or meta claiming UTF-8 over bytes that are not UTF-8 is a CMS default, not a fact about the page.
  const believable = (charset: string | null): charset is string => charset !== null && (charset !== 'utf-8' || asUtf8() !== null);
  const header = normalizeCharset(charsetParam(contentType));
  const declared = believable(header) ? header : declaredCharset(bytes);
  const charset = believable(declared) ? declared : asUtf8() !== null ? 'utf-8' : FETCH.legacyCharset;
  const text = charset === 'utf-8' ? asUtf8() : null;
  return text !== null ? { text, charset } : decode(bytes, charset);
}
