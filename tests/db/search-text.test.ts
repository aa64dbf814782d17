import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { foldForSearch, MAX_QUERY_TERMS, searchText, toMatchExpression } from '../../src/db/search-text.js';

/** The words FTS5 finds in each text with `tokenize` (one row per text, fts5vocab in order). */
function ftsWords(texts: readonly string[], tokenize: string): string[] {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE VIRTUAL TABLE f USING fts5(t, content = '', tokenize = '${tokenize}');
      CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')`);
    const insert = db.prepare('INSERT INTO f (rowid, t) VALUES (?, ?)');
    db.transaction(() => texts.forEach((t, i) => insert.run(i + 1, t)))();
    const words = texts.map((): string[] => []);
    for (const r of db.prepare('SELECT doc, term FROM v ORDER BY doc, offset').all() as { doc: number; term: string }[]) {
      words[r.doc - 1]?.push(r.term);
    }
    return words.map((w) => w.join(' '));
  } finally {
    db.close();
  }
}

/** Each code point of the ranges, alone and inside a Latin and a Cyrillic word. */
function codePoints(ranges: readonly [number, number][]): string[] {
  const out: string[] = [];
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCodePoint(c);
      if (/\p{Cn}/u.test(ch)) continue;
      out.push(ch, `a${ch}a`, `б${ch}б`);
    }
  }
  return out;
}

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

describe('searchText', () => {
  it('holds the words that unicode61 (remove_diacritics 2) found in the folded text, split by the ascii tokenizer', () => {
    const texts = [
      ...codePoints([
        [0x20, 0x24f], // ASCII, Latin-1, Latin Extended A and B (BARE_LATIN's letters)
        [0x370, 0x3ff], // Greek
        [0x400, 0x52f], // Cyrillic, Kazakh letters included
        [0x1e00, 0x1eff], // Latin Extended Additional
        // Spaces, dashes, quotes, invisible characters, currency signs. Left out: characters newer than
        // unicode61's tables (bidi isolates U+2066–2069, ₺ and later currency signs such as ₽), which it
        // took for letters, gluing "100₽" into one word; searchText parts them.
        [0x2000, 0x2065],
        [0x206a, 0x206f],
        [0x20a0, 0x20b9],
        [0xe000, 0xe0ff], // private use (icon fonts)
      ]),
      'Президент «Казахстана» — о саммите ШОС: «Ёлки‑палки»… «Café» naïve ΟΔΟΣ Straße İstanbul Łódź Øresund Việt Nam',
      'Kазахстан AЛMATЫ 2024‑й (тест) co-op e-mail don\u2019t 3.14 1,000 C++ #tag @user бо\u0301льшая при\u00ADмер',
    ];
    expect(ftsWords(texts.map(searchText), 'ascii')).toEqual(ftsWords(texts.map(foldForSearch), 'unicode61 remove_diacritics 2'));
  });

  it('takes Latin diacritics off and puts spaces where punctuation outside ASCII stood', () => {
    expect(searchText('«Café» — naïve…Łódź')).toBe(' cafe    naive...łodz');
    expect(searchText('Ёлка, шаhар')).toBe('елка, шаһар');
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

  it('splits words as the index does', () => {
    expect(toMatchExpression('«Ёлки‑палки» Café')).toBe('"елки" "палки" "cafe"');
  });

  it('drops repeated words and caps the number of terms', () => {
    expect(toMatchExpression('ШОС шос Шос')).toBe('"шос"');
    const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    expect(toMatchExpression(many)?.split(' ')).toHaveLength(MAX_QUERY_TERMS);
  });
});
