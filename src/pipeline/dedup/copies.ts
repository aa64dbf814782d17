/**
 * Verifying a near-duplicate candidate: shingle overlap (Jaccard, or containment of a shorter copy in a
 * longer one), and the templated-series guard: two texts made from one template (currency rates, weather,
 * "главные новости за 20 ноября") share most shingles but put different numbers in the same places.
 */
import { DEDUP } from '../../settings.js';
import { shingleWords, shingles } from './minhash.js';

/** What a copy check needs of one text, computed once. */
export interface CopyText {
  shingles: Set<number>;
  /** Place of a number (the words around it) → the numbers found there. */
  numbers: Map<string, Set<string>>;
}

export type CopyVerdict =
  | { copy: true; jaccard: number; containment: number }
  | { copy: false; jaccard: number; containment: number; reason: 'dissimilar' | 'numbers differ' };

const NUMBER = /^\d+$/;

/**
 * Numbers by place, a place being the words before and the word after: "курс доллара на 20 ноября" →
 * {"доллара на _ ноября" → {"20"}}. The word after keeps a site's own line ("… президент. © 2024 Tengri")
 * from standing in the same place as another site's.
 */
export function numberPlaces(words: readonly string[]): Map<string, Set<string>> {
  const places = new Map<string, Set<string>>();
  const before: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!NUMBER.test(word)) {
      before.push(word);
      if (before.length > DEDUP.numberContextWords) before.shift();
      continue;
    }
    // "450,5" arrives as two words; join a short decimal part so 450,5 and 450,6 differ as numbers.
    let value = word;
    while (i + 1 < words.length && NUMBER.test(words[i + 1] as string) && (words[i + 1] as string).length <= 2 && value.length <= 4) {
      value = `${value}.${words[++i] as string}`;
    }
    let after = i + 1;
    while (after < words.length && NUMBER.test(words[after] as string)) after++;
    const key = `${before.join(' ')} _ ${words[after] ?? ''}`;
    const set = places.get(key) ?? new Set<string>();
    set.add(value);
    places.set(key, set);
  }
  return places;
}

/** A text prepared for copy checks. */
export function copyText(paragraphs: readonly string[]): CopyText {
  const words = shingleWords(paragraphs);
  return { shingles: shingles(words), numbers: numberPlaces(words) };
}

const subset = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].every((x) => b.has(x));

/** Whether the same place holds different numbers in the two texts (neither's numbers include the other's). */
export function numbersConflict(a: CopyText['numbers'], b: CopyText['numbers']): boolean {
  for (const [place, values] of a) {
    const other = b.get(place);
    if (other && !subset(values, other) && !subset(other, values)) return true;
  }
  return false;
}

function overlap(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const h of small) if (large.has(h)) n++;
  return n;
}

/** Whether two texts are copies of one article, with the measures that decided it. */
export function verifyCopy(a: CopyText, b: CopyText): CopyVerdict {
  const common = overlap(a.shingles, b.shingles);
  const small = Math.min(a.shingles.size, b.shingles.size);
  const large = Math.max(a.shingles.size, b.shingles.size);
  const jaccard = small === 0 ? 0 : common / (a.shingles.size + b.shingles.size - common);
  const containment = small === 0 ? 0 : common / small;
  const similar =
    jaccard >= DEDUP.copyJaccard || (containment >= DEDUP.copyContainment && small / large >= DEDUP.copyMinSizeRatio);
  if (!similar) return { copy: false, jaccard, containment, reason: 'dissimilar' };
  if (numbersConflict(a.numbers, b.numbers)) return { copy: false, jaccard, containment, reason: 'numbers differ' };
  return { copy: true, jaccard, containment };
}
