/**
 * Article extraction: one parse per page, then a fallback chain for every field
 * (site selectors → JSON-LD → OpenGraph/meta → DOM/generic). A page that holds no article gives a clean
 * discard with its reason, never a throw.
 */
import type { ExtractContext, ExtractResult, Page, Selectors } from '../types.js';

export function extractArticle(page: Page, ctx: ExtractContext, selectors: Selectors = {}): ExtractResult {
  void page;
  void ctx;
  void selectors;
  return { ok: false, reason: 'extractor not implemented yet' };
}
