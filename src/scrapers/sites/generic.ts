/**
 * The ad-hoc source for a URL whose host no adapter knows: no discovery, no selectors, the generic
 * extractor, and renderer 'auto' (HTTP first, the browser when the HTTP page holds no article).
 */
import { hostKey } from '../fetch/url.js';
import type { Source } from '../types.js';
import { defineSource } from './define.js';

/** `host` as in a URL; the source's id is the host without "www.". */
export function genericSource(host: string): Source {
  const id = hostKey(host);
  return defineSource({
    id,
    name: id,
    baseUrl: `https://${host.toLowerCase()}`,
    hosts: [id],
    renderer: 'auto',
  });
}
