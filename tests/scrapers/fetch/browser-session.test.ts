/**
 * The shared browser's ready pages, in real Chromium: fetches taking pages at the same moment must not
 * leave a context (and its renderer) that nobody closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../../src/scrapers/fetch/browser.js';
import { closeQuietly, createBrowserSession, type BrowserSession, type ReadyPage } from '../../../src/scrapers/fetch/browser-session.js';
import { chromiumPath } from './browser-helpers.js';

let session: BrowserSession;

beforeAll(() => {
  session = createBrowserSession({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    context: { userAgent: 'kznews-test/1.0' },
    network: { timeoutMs: 5_000 },
  });
});

afterAll(async () => {
  await session.close();
});

/** Polls until `condition` holds, for at most `ms`. */
async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('createBrowserSession', () => {
  it('keeps one spare page however many fetches take pages at once: every other context gets closed', async () => {
    const first = await session.take();
    await closeQuietly(first.context);
    // One of these takes the spare the first left, the other opens its own; both then want a new spare.
    const both: ReadyPage[] = await Promise.all([session.take(), session.take()]);
    await Promise.all(both.map((ready) => closeQuietly(ready.context)));
    const last = await session.take();
    await closeQuietly(last.context);
    // Only the spare that `last` left behind may be open; a second spare would stay open for good, so
    // once the spare is there, give any other context time to show up.
    const open = (): number => first.browser.contexts().length;
    await until(() => open() >= 1, 5_000);
    await until(() => open() >= 2, 1_000);
    expect(open()).toBe(1);
    expect(session.restarts()).toBe(0);
  });
});
