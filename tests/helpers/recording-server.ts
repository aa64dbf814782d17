/**
 * Serves a recording directory (the fixture sites are one: see src/scrapers/fetch/recording.ts) from local
 * servers, one per host, answering each entry by its path and query. `connectTo` maps every recorded host to
 * its server, ready for the fetchers' connectTo option, so stored URLs keep the real hosts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

interface IndexEntry {
  url: string;
  status: number;
  headers: Record<string, string>;
  file?: string;
}

function indexFiles(dir: string): string[] {
  const found: string[] = [];
  const top = join(dir, 'index.json');
  if (existsSync(top)) found.push(top);
  for (const name of readdirSync(dir)) {
    const sub = join(dir, name, 'index.json');
    if (statSync(join(dir, name)).isDirectory() && existsSync(sub)) found.push(sub);
  }
  return found;
}

export interface RecordingServers {
  /** host (as recorded, lower case) → server */
  servers: Map<string, FixtureServer>;
  /** host → origin, with and without www., for the fetchers' connectTo option */
  connectTo: Record<string, string>;
  /** Every request any server received, with its host. */
  requests(): Array<{ host: string; path: string; at: number }>;
  close(): Promise<void>;
}

export async function serveRecording(dir: string, onlyHosts?: string[]): Promise<RecordingServers> {
  const byHost = new Map<string, Array<{ entry: IndexEntry; base: string }>>();
  for (const file of indexFiles(dir)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { entries: IndexEntry[] };
    for (const entry of parsed.entries) {
      const host = new URL(entry.url).host.toLowerCase();
      if (onlyHosts && !onlyHosts.some((h) => h === host || `www.${h}` === host)) continue;
      const list = byHost.get(host) ?? [];
      list.push({ entry, base: dirname(file) });
      byHost.set(host, list);
    }
  }
  const servers = new Map<string, FixtureServer>();
  const connectTo: Record<string, string> = {};
  for (const [host, list] of byHost) {
    const routes: Record<string, { status: number; headers: Record<string, string>; body: Buffer }> = {};
    for (const { entry, base } of list) {
      const u = new URL(entry.url);
      routes[u.pathname + u.search] = {
        status: entry.status,
        headers: entry.headers,
        body: entry.file ? readFileSync(join(base, entry.file)) : Buffer.alloc(0),
      };
    }
    const server = await startFixtureServer(routes);
    servers.set(host, server);
    const bare = host.replace(/^www\./, '');
    connectTo[bare] = server.origin;
    connectTo[`www.${bare}`] = server.origin;
  }
  return {
    servers,
    connectTo,
    requests: () =>
      [...servers].flatMap(([host, s]) => s.requests.map((r) => ({ host, path: r.path, at: r.at }))).sort((a, b) => a.at - b.at),
    close: async () => {
      await Promise.all([...servers.values()].map((s) => s.close()));
    },
  };
}
