import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { charsetParam, declaredCharset, decodeBody, normalizeCharset } from '../../../src/scrapers/fetch/charset.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/fetch/${name}`, import.meta.url)));
const RU = 'Глава государства принял министра экологии. «Ёлки» — 2024 год.';
const RU_KOI8 = 'Глава государства принял министра экологии, Ёлки 2024 год.';
const KK = 'Қазақстан Республикасының Президенті Астанада кездесу өткізді.';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodeBody', () => {
  it('reads windows-1251 declared in the Content-Type header', () => {
    const { text, charset } = decodeBody(fixture('cp1251-plain.html'), 'text/html; charset=windows-1251');
    expect(charset).toBe('windows-1251');
    expect(text).toContain(`<p>${RU}</p>`);
  });

  it('reads windows-1251 declared only in <meta http-equiv>', () => {
    const { text, charset } = decodeBody(fixture('cp1251-meta.html'), 'text/html');
    expect(charset).toBe('windows-1251');
    expect(text).toContain(`<p>${RU}</p>`);
  });

  it('reads KOI8-R declared in <meta charset>', () => {
    const { text, charset } = decodeBody(fixture('koi8r.html'), null);
    expect(charset).toBe('koi8-r');
    expect(text).toContain(`<p>${RU_KOI8}</p>`);
  });

  it('follows a UTF-8 byte order mark over a header that says otherwise, and drops the mark', () => {
    const { text, charset } = decodeBody(fixture('utf8-bom.html'), 'text/html; charset=windows-1251');
    expect(charset).toBe('utf-8');
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain(`<p>${KK}</p>`);
  });

  it('reads UTF-16 with a byte order mark, little- and big-endian', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x1a, 0x04, 0x30, 0x04]);
    const be = new Uint8Array([0xfe, 0xff, 0x04, 0x1a, 0x04, 0x30]);
    expect(decodeBody(le, null)).toEqual({ text: 'Ка', charset: 'utf-16le' });
    expect(decodeBody(be, null)).toEqual({ text: 'Ка', charset: 'utf-16be' });
  });

  it('takes valid UTF-8 as UTF-8 when nothing is declared', () => {
    const { text, charset } = decodeBody(fixture('utf8-plain.html'), 'text/html');
    expect(charset).toBe('utf-8');
    expect(text).toContain(`<p>${KK}</p>`);
  });

  it('falls back to windows-1251 for undeclared bytes that are not UTF-8', () => {
    const { text, charset } = decodeBody(fixture('cp1251-plain.html'), null);
    expect(charset).toBe('windows-1251');
    expect(text).toContain(RU);
  });

  it('does not believe a UTF-8 header over bytes that are not UTF-8', () => {
    expect(decodeBody(fixture('cp1251-meta.html'), 'text/html; charset=UTF-8').charset).toBe('windows-1251');
    expect(decodeBody(fixture('cp1251-plain.html'), 'text/html; charset=utf-8').text).toContain(RU);
  });

  it('never throws on an unknown label: it goes on to the next clue', () => {
    expect(decodeBody(fixture('koi8r.html'), 'text/html; charset=x-no-such-charset').charset).toBe('koi8-r');
    const meta = utf8(`<meta charset="bogus-8"><p>${KK}</p>`);
    expect(decodeBody(meta, 'text/html; charset=""')).toEqual({ text: `<meta charset="bogus-8"><p>${KK}</p>`, charset: 'utf-8' });
  });

  it('reads the encoding of an XML declaration (feeds, sitemaps)', () => {
    const prolog = '<?xml version="1.0" encoding="windows-1251"?><rss><title>';
    const bytes = new Uint8Array([...utf8(prolog), 0xc3, 0xeb, 0xe0, 0xe2, 0xe0, ...utf8('</title></rss>')]);
    expect(decodeBody(bytes, 'application/rss+xml')).toEqual({ text: `${prolog}Глава</title></rss>`, charset: 'windows-1251' });
  });

  it('gives an empty body as empty UTF-8 text', () => {
    expect(decodeBody(new Uint8Array(0), null)).toEqual({ text: '', charset: 'utf-8' });
  });
});

describe('charset clues', () => {
  it.each([
    ['text/html; charset=windows-1251', 'windows-1251'],
    ['text/html;charset="KOI8-R"', 'KOI8-R'],
    ['text/html; Charset = utf-8; foo=bar', 'utf-8'],
    ['text/html', null],
    [null, null],
  ])('charsetParam(%j) is %j', (header, expected) => {
    expect(charsetParam(header)).toBe(expected);
  });

  it.each([
    ['cp1251', 'windows-1251'],
    ['Windows-1251', 'windows-1251'],
    ['koi8-r', 'koi8-r'],
    ['latin1', 'windows-1252'],
    ['utf8', 'utf-8'],
    ['no-such-thing', null],
    ['', null],
  ])('normalizeCharset(%j) is %j', (label, expected) => {
    expect(normalizeCharset(label)).toBe(expected);
  });

  it('reads a <meta> declaration only within the first 4 KB', () => {
    const late = utf8(`<html><head>${' '.repeat(5000)}<meta charset="koi8-r"></head></html>`);
    expect(declaredCharset(late)).toBeNull();
    expect(declaredCharset(utf8('<html><head><META content="text/html; charset=windows-1251" http-equiv="Content-Type">'))).toBe(
      'windows-1251',
    );
  });

  it('reads a declared UTF-16 as UTF-8, as browsers do for a declaration that reads as ASCII', () => {
    expect(declaredCharset(utf8('<meta charset="utf-16">'))).toBe('utf-8');
  });
});
