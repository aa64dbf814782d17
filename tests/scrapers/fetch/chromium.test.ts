import { describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL_MESSAGE, findChromium } from '../../../src/scrapers/fetch/chromium.js';
import { UsageError } from '../../../src/errors.js';

const only = (...present: string[]) => (path: string): boolean => present.includes(path);

describe('findChromium', () => {
  it('takes PLAYWRIGHT_CHROMIUM_EXECUTABLE before anything else', () => {
    const found = findChromium({
      envPath: '/opt/my/chrome',
      candidates: ['/usr/bin/chromium'],
      isExecutable: only('/opt/my/chrome', '/usr/bin/chromium'),
    });
    expect(found).toBe('/opt/my/chrome');
  });

  it('rejects an env path that does not exist, naming it and saying what to install, even when a system Chromium is there', () => {
    const attempt = () =>
      findChromium({ envPath: '/nowhere/chrome', candidates: ['/usr/bin/chromium'], isExecutable: only('/usr/bin/chromium') });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(
      'PLAYWRIGHT_CHROMIUM_EXECUTABLE=/nowhere/chrome is not an executable file: point it at a Chromium or Chrome binary, or unset it. ' +
        CHROMIUM_INSTALL_MESSAGE,
    );
  });

  it('takes the first candidate that exists, in order', () => {
    const found = findChromium({
      envPath: null,
      candidates: ['/pw/chrome-linux/chrome', '/usr/bin/chromium', '/usr/bin/google-chrome'],
      pathEnv: '',
      isExecutable: only('/usr/bin/google-chrome', '/usr/bin/chromium'),
    });
    expect(found).toBe('/usr/bin/chromium');
  });

  it('falls back to a chromium found on PATH, like which', () => {
    const found = findChromium({
      envPath: null,
      candidates: ['/usr/bin/chromium'],
      pathEnv: '/home/u/bin:/opt/browsers/bin',
      isExecutable: only('/opt/browsers/bin/chromium-browser'),
    });
    expect(found).toBe('/opt/browsers/bin/chromium-browser');
  });

  it('says exactly what to install when no candidate exists and PATH is empty', () => {
    const attempt = () => findChromium({ envPath: null, candidates: ['/usr/bin/chromium'], pathEnv: '', isExecutable: () => false });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(
      'No Chromium found. Install one: Debian/Ubuntu `sudo apt-get install chromium`, or `npx playwright install chromium`, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE=/path/to/chrome',
    );
    expect(CHROMIUM_INSTALL_MESSAGE).toContain('sudo apt-get install chromium');
  });

  it('checks the real file system by default: a directory or a missing file is not a browser', () => {
    expect(() => findChromium({ envPath: '/tmp' })).toThrow('PLAYWRIGHT_CHROMIUM_EXECUTABLE=/tmp is not an executable file');
    expect(() => findChromium({ envPath: null, candidates: ['/nonexistent/chromium'], pathEnv: '' })).toThrow(CHROMIUM_INSTALL_MESSAGE);
  });
});
