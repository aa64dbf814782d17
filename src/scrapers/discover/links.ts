/**
 * Which discovered links a source keeps: on one of its hosts (www-insensitive), matching its articleUrl
 * (tested against the whole canonical URL) when it has one, and not its skipUrl. Kept links come back
 * canonical, so the same article found by a feed and by a listing is one URL.
 */
import { canonicalizeUrl, hostKey } from '../fetch/url.js';
import type { Source } from '../types.js';

export type LinkFilter = (absoluteUrl: string) => string | null;

export function linkFilter(source: Source): LinkFilter {
  const hosts = new Set(source.hosts.map((h) => hostKey(h)));
  return (absoluteUrl) => {
    let canonical: string;
    try {
      canonical = canonicalizeUrl(absoluteUrl);
    } catch {
      return null;
    }
    if (!hosts.has(hostKey(canonical))) return null;
    if (source.articleUrl && !source.articleUrl.test(canonical)) return null;
    if (source.skipUrl?.test(canonical)) return null;
    return canonical;
  };
}
