import { describe, expect, it } from 'vitest';
import { isTrackerUrl } from '../../../src/scrapers/fetch/browser-network.js';

describe('isTrackerUrl', () => {
  it('blocks counters and ad hosts, with their subdomains', () => {
    expect(isTrackerUrl('https://mc.yandex.ru/metrika/tag.js')).toBe(true);
    expect(isTrackerUrl('https://www.googletagmanager.com/gtag/js?id=G-1')).toBe(true);
    expect(isTrackerUrl('https://c.zero.kz/z.js')).toBe(true);
    expect(isTrackerUrl('https://securepubads.g.doubleclick.net/tag/js/gpt.js')).toBe(true);
    expect(isTrackerUrl('https://yandex.ru/ads/system/context.js')).toBe(true);
  });

  it('lets the site itself and look-alike hosts through', () => {
    expect(isTrackerUrl('https://www.akorda.kz/static/app.js')).toBe(false);
    expect(isTrackerUrl('https://zero.kz/news')).toBe(false);
    expect(isTrackerUrl('https://yandex.ru/maps/api.js')).toBe(false);
    expect(isTrackerUrl('https://notdoubleclick.net/x.js')).toBe(false);
    expect(isTrackerUrl('not a url')).toBe(false);
  });
});
