/** What every command needs, opened once from the environment. Side effects live here, not in commands' logic. */
import { loadConfig, parseConnectTo, type Config } from '../config.js';
import { openDatabase } from '../db/client.js';
import type { KzDb } from '../db/types.js';
import { loadRegistry, type SourceRegistry } from '../scrapers/sites/index.js';

export interface CommandContext {
  config: Config;
  registry: SourceRegistry;
  /** Opens the database on first use. */
  db(): KzDb;
  close(): void;
}

export function createContext(env: NodeJS.ProcessEnv = process.env): CommandContext {
  const config = loadConfig(env);
  const registry = loadRegistry(config);
  let kz: KzDb | null = null;
  return {
    config,
    registry,
    db() {
      kz ??= openDatabase(config.databasePath);
      return kz;
    },
    close() {
      kz?.close();
      kz = null;
    },
  };
}

/** KZNEWS_CONNECT_TO plus what --connect-to adds on the command line. */
export function mergeConnectTo(config: Config, extra: string[] | undefined): Record<string, string> {
  return { ...config.connectTo, ...parseConnectTo((extra ?? []).join(','), '--connect-to') };
}
