import { describe, expect, it } from 'vitest';
import { evaluate, kznewsText, qualityTable, readabilityText } from '../../fixtures/extract/quality.js';

describe('extraction quality against Readability on the fixture pages', () => {
  it('is at least as precise as Readability, with recall within 2 points of it', () => {
    const ours = evaluate((c) => kznewsText(c));
    const theirs = evaluate((c) => readabilityText(c));
    console.log(qualityTable(ours, theirs));
    expect(ours.total.precision).toBeGreaterThanOrEqual(theirs.total.precision);
    expect(ours.total.recall).toBeGreaterThanOrEqual(theirs.total.recall - 0.02);
  });
});
