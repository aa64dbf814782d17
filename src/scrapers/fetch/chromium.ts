/**
 * Finding a Chromium to drive. The order is the user's choice first (PLAYWRIGHT_CHROMIUM_EXECUTABLE),
 * then a browser Playwright installed itself, then whatever the system has. No process is spawned:
 * `which` is done by walking PATH, so a missing browser is reported the same way everywhere.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';
import { UsageError } from '../../errors.js';

export const CHROMIUM_INSTALL_MESSAGE =
  'No Chromium found. Install one: Debian/Ubuntu `sudo apt-get install chromium`, or `npx playwright install chromium`, ' +
  'or set PLAYWRIGHT_CHROMIUM_EXECUTABLE=/path/to/chrome';

/** Where distributions and vendors put Chromium or Chrome, most common first. */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/usr/local/bin/chromium',
  '/usr/local/bin/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Program names looked up on PATH when no known location has one. */
export const CHROMIUM_COMMANDS: readonly string[] = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'chrome',
];

export interface FindChromiumOptions {
  /** PLAYWRIGHT_CHROMIUM_EXECUTABLE (config.chromiumExecutable), or null. */
  envPath: string | null;
  /** Fixed locations tried after the env path; default: Playwright's own install, then SYSTEM_CHROMIUM_PATHS. */
  candidates?: readonly string[];
  /** PATH searched for CHROMIUM_COMMANDS; default: process.env.PATH. */
  pathEnv?: string;
  /** Whether a file is there and runnable; default: a real check of the file system. */
  isExecutable?: (path: string) => boolean;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Playwright's own download, if `npx playwright install chromium` was run; null when it cannot even say where. */
function playwrightInstallPath(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
}

export function defaultChromiumCandidates(): string[] {
  const own = playwrightInstallPath();
  return own === null ? [...SYSTEM_CHROMIUM_PATHS] : [own, ...SYSTEM_CHROMIUM_PATHS];
}

function onPath(pathEnv: string, exists: (path: string) => boolean): string | null {
  const dirs = pathEnv.split(delimiter).filter((d) => d !== '');
  for (const name of CHROMIUM_COMMANDS) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (exists(candidate)) return candidate;
    }
  }
  return null;
}

/** The Chromium executable to launch; throws a UsageError that says what to install when there is none. */
export function findChromium(opts: FindChromiumOptions): string {
  const exists = opts.isExecutable ?? isExecutableFile;
  if (opts.envPath !== null) {
    if (exists(opts.envPath)) return opts.envPath;
    throw new UsageError(
      `PLAYWRIGHT_CHROMIUM_EXECUTABLE=${opts.envPath} is not an executable file: point it at a Chromium or Chrome binary, or unset it. ${CHROMIUM_INSTALL_MESSAGE}`,
    );
  }
  for (const candidate of opts.candidates ?? defaultChromiumCandidates()) {
    if (exists(candidate)) return candidate;
  }
  const found = onPath(opts.pathEnv ?? process.env.PATH ?? '', exists);
  if (found !== null) return found;
  throw new UsageError(CHROMIUM_INSTALL_MESSAGE);
}
