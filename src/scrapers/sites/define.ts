import { extractArticle } from '../extract/index.js';
import type { DiscoveryConfig, ExtractContext, ExtractResult, Lang, Page, Renderer, Selectors, Source } from '../types.js';

/** What a site file writes: data, and optionally a small extract step of its own. */
export interface SourceSpec {
  id: string;
  name: string;
  baseUrl: string;
  /** Defaults to the host of baseUrl. */
  hosts?: string[];
  languages?: Lang[];
  renderer?: Renderer;
  cron?: string;
  timezone?: string;
  enabled?: boolean;
  discovery?: Partial<DiscoveryConfig>;
  articleUrl?: RegExp;
  skipUrl?: RegExp;
  selectors?: Selectors;
  /** See Source.renderedBody; defaults to selectors.body. */
  renderedBody?: string;
  /**
   * Site-specific extraction. It receives the default result (selectors + metadata + generic fallback)
   * so most sites only adjust it; the default is used as is when omitted.
   */
  extract?: (page: Page, ctx: ExtractContext, standard: () => ExtractResult) => ExtractResult;
}

export const DEFAULT_NEWS_CRON = '*/15 * * * *';
export const DEFAULT_TIMEZONE = 'Asia/Almaty';

const hostOf = (url: string): string => new URL(url).hostname.toLowerCase().replace(/^www\./, '');

export function defineSource(spec: SourceSpec): Source {
  const selectors = spec.selectors ?? {};
  const standard = (page: Page, ctx: ExtractContext): ExtractResult => extractArticle(page, ctx, selectors);
  const custom = spec.extract;
  const renderedBody = spec.renderedBody ?? selectors.body;
  return {
    id: spec.id,
    name: spec.name,
    baseUrl: spec.baseUrl.replace(/\/+$/, ''),
    hosts: (spec.hosts ?? [hostOf(spec.baseUrl)]).map((h) => h.toLowerCase().replace(/^www\./, '')),
    languages: spec.languages ?? ['ru'],
    renderer: spec.renderer ?? 'http',
    cron: spec.cron ?? DEFAULT_NEWS_CRON,
    timezone: spec.timezone ?? DEFAULT_TIMEZONE,
    enabled: spec.enabled ?? true,
    discovery: {
      feeds: spec.discovery?.feeds ?? [],
      sitemaps: spec.discovery?.sitemaps ?? [],
      listings: spec.discovery?.listings ?? [],
    },
    ...(spec.articleUrl ? { articleUrl: spec.articleUrl } : {}),
    ...(spec.skipUrl ? { skipUrl: spec.skipUrl } : {}),
    selectors,
    ...(renderedBody !== undefined ? { renderedBody } : {}),
    extract: custom ? (page, ctx) => custom(page, ctx, () => standard(page, ctx)) : standard,
  };
}
