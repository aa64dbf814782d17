/**
 * The source registry: every built-in site adapter, plus the sources of KZNEWS_SOURCES. It fails loudly
 * (Crawlee Router style): two sources with one id or one host are rejected at construction, naming both,
 * and asking for an unknown id lists the known ones.
 */
import type { Config } from '../../config.js';
import { UsageError } from '../../errors.js';
import { hostKey } from '../fetch/url.js';
import type { Source } from '../types.js';
import { loadCustomSources } from './custom.js';
import { genericSource } from './generic.js';

// Built-in adapters: one import and one array entry per site.
import { akorda } from './akorda.js';
import { zakon } from './zakon.js';
import { tengrinews } from './tengrinews.js';
import { lada } from './lada.js';
import { dknews } from './dknews.js';
// Sites of the second adapters batch (inform, sputnik, orda, vlast, kursiv, nur, informburo): add imports here.
import { inform } from './inform.js';
import { sputnik } from './sputnik.js';
import { orda } from './orda.js';
import { vlast } from './vlast.js';
import { kursiv } from './kursiv.js';
import { nur } from './nur.js';
import { informburo } from './informburo.js';

const BUILTIN: readonly Source[] = [
  akorda,
  zakon,
  tengrinews,
  lada,
  dknews,
  // Second batch: add one entry per site here.
  inform,
  sputnik,
  orda,
  vlast,
  kursiv,
  nur,
  informburo,
];

export function builtinSources(): Source[] {
  return [...BUILTIN];
}

export interface SourceRegistry {
  /** Every registered source, in registration order. */
  all(): Source[];
  enabled(): Source[];
  /** The source with this id; throws a UsageError listing the known ids. */
  get(id: string): Source;
  find(id: string): Source | undefined;
  /** The source owning the URL's host (www-insensitive); an unknown host gets an ad-hoc generic source. */
  forUrl(url: string): Source;
}

export function createRegistry(sources: Source[]): SourceRegistry {
  const byId = new Map<string, Source>();
  const byHost = new Map<string, Source>();
  for (const source of sources) {
    const twin = byId.get(source.id);
    if (twin) {
      throw new UsageError(`two sources share the id "${source.id}": "${twin.name}" and "${source.name}"`);
    }
    byId.set(source.id, source);
    for (const host of source.hosts.map(hostKey)) {
      const owner = byHost.get(host);
      if (owner && owner !== source) {
        throw new UsageError(`two sources claim the host ${host}: "${owner.id}" and "${source.id}"`);
      }
      byHost.set(host, source);
    }
  }
  const adHoc = new Map<string, Source>();
  const list = [...byId.values()];
  return {
    all: () => [...list],
    enabled: () => list.filter((s) => s.enabled),
    get(id) {
      const found = byId.get(id);
      if (!found) throw new UsageError(`unknown source "${id}"; known sources: ${[...byId.keys()].join(', ')}`);
      return found;
    },
    find: (id) => byId.get(id),
    forUrl(url) {
      const host = hostKey(url);
      const known = byHost.get(host);
      if (known) return known;
      let generic = adHoc.get(host);
      if (!generic) {
        generic = genericSource(new URL(url).hostname);
        adHoc.set(host, generic);
      }
      return generic;
    },
  };
}

/** Built-ins plus the sources of KZNEWS_SOURCES (config.sourcesFile), checked together. */
export function loadRegistry(config: Config): SourceRegistry {
  const custom = config.sourcesFile ? loadCustomSources(config.sourcesFile) : [];
  return createRegistry([...builtinSources(), ...custom]);
}
