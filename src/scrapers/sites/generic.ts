/**
 * The ad-hoc source for a URL whose host no adapter knows: no discovery, no selectors, the generic
 * extractor, and renderer 'auto' (HTTP first, the browser when the HTTP page holds no article).
 */
import type { Source } from '../types.js';
import { defineSource } from './define.js';

/** The id an unknown host gets: its name without "www.". */
export const genericSourceId = (host: string): string => host.toLowerCase().replace(/^www\./, '');

export function genericSource(host: string): Source {
  const id = genericSourceId(host);
  return defineSource({
    id,
    name: id,
    baseUrl: `https://${host.toLowerCase()}`,
    hosts: [id],
    renderer: 'auto',
  });
}
