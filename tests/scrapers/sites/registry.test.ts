import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { UsageError } from '../../../src/errors.js';
import { decodeBody } from '../../../src/scrapers/fetch/charset.js';
import { openRecording } from '../../../src/scrapers/fetch/recording.js';
import { defineSource } from '../../../src/scrapers/sites/define.js';
import { builtinSources, createRegistry, loadRegistry } from '../../../src/scrapers/sites/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kznews-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const zakonCopy = defineSource({ id: 'zakon', name: 'Zakon copy', baseUrl: 'https://zakon-copy.kz' });
const zakonMirror = defineSource({ id: 'zakon-mirror', name: 'Zakon mirror', baseUrl: 'https://www.zakon.kz' });

describe('the source registry', () => {
  it('holds the built-in sites, each id and host once', () => {
    const registry = createRegistry(builtinSources());
    const ids = registry.all().map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['akorda', 'zakon', 'tengrinews', 'lada', 'dknews']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(registry.get('lada').timezone).toBe('Asia/Aqtau');
    expect(registry.get('akorda').renderer).toBe('browser');
    expect(registry.get('akorda').cron).toBe('*/30 * * * *');
  });

  it('rejects two sources with one id, naming both', () => {
    expect(() => createRegistry([...builtinSources(), zakonCopy])).toThrow(
      new UsageError('two sources share the id "zakon": "Zakon.kz" and "Zakon copy"'),
    );
  });

  it('rejects two sources with one host, with or without www., naming both', () => {
    expect(() => createRegistry([...builtinSources(), zakonMirror])).toThrow(
      new UsageError('two sources claim the host zakon.kz: "zakon" and "zakon-mirror"'),
    );
  });

  it('lists the known ids when asked for an unknown one', () => {
    const registry = createRegistry(builtinSources().filter((s) => ['akorda', 'zakon'].includes(s.id)));
    expect(() => registry.get('nope')).toThrow(new UsageError('unknown source "nope"; known sources: akorda, zakon'));
    expect(registry.find('nope')).toBeUndefined();
    expect(registry.find('zakon')?.name).toBe('Zakon.kz');
  });

  it('finds the source of a URL by its host, www-insensitive, subdomains as listed', () => {
    const registry = createRegistry(builtinSources());
    expect(registry.forUrl('https://zakon.kz/politika/6489345-x.html').id).toBe('zakon');
    expect(registry.forUrl('https://www.zakon.kz/politika/6489345-x.html').id).toBe('zakon');
    expect(registry.forUrl('https://kaz.tengrinews.kz/kazakhstan/x-1/').id).toBe('tengrinews');
    expect(registry.forUrl('https://LADA.kz/aktau_news/city/131238-x.html').id).toBe('lada');
  });

  it('gives an unknown host an ad-hoc generic source, the same one each time', () => {
    const registry = createRegistry(builtinSources());
    const source = registry.forUrl('https://www.example.kz/news/1');
    expect({ id: source.id, name: source.name, baseUrl: source.baseUrl, hosts: source.hosts, renderer: source.renderer, discovery: source.discovery, selectors: source.selectors }).toEqual({
      id: 'example.kz',
      name: 'example.kz',
      baseUrl: 'https://www.example.kz',
      hosts: ['example.kz'],
      renderer: 'auto',
      discovery: { feeds: [], sitemaps: [], listings: [] },
      selectors: {},
    });
    expect(registry.forUrl('https://example.kz/news/2')).toBe(source);
    expect(registry.all().map((s) => s.id)).not.toContain('example.kz');
  });

  it('lists only enabled sources as enabled', () => {
    const off = defineSource({ id: 'off', name: 'Off', baseUrl: 'https://off.kz', enabled: false });
    const registry = createRegistry([...builtinSources(), off]);
    expect(registry.all().map((s) => s.id)).toContain('off');
    expect(registry.enabled().map((s) => s.id)).not.toContain('off');
  });

  it('loads the built-ins plus KZNEWS_SOURCES, and rejects a custom source that takes a built-in host', () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify([{ id: 'example', feeds: ['https://example.kz/rss'] }]));
    const registry = loadRegistry(loadConfig({ KZNEWS_SOURCES: good }));
    expect(registry.get('example').discovery.feeds).toEqual(['https://example.kz/rss']);
    expect(registry.forUrl('https://example.kz/a').id).toBe('example');
    expect(registry.get('zakon').name).toBe('Zakon.kz');

    const clash = join(dir, 'clash.json');
    writeFileSync(clash, JSON.stringify([{ id: 'my-tengri', feeds: ['https://tengrinews.kz/news.rss'] }]));
    expect(() => loadRegistry(loadConfig({ KZNEWS_SOURCES: clash }))).toThrow('two sources claim the host tengrinews.kz: "tengrinews" and "my-tengri"');
  });

  it('loads only the built-ins without KZNEWS_SOURCES', () => {
    expect(loadRegistry(loadConfig({})).all().map((s) => s.id)).toEqual(builtinSources().map((s) => s.id));
  });
});

describe('what the browser waits for', () => {
  const registry = createRegistry(builtinSources());
  const articlePages = openRecording(join(import.meta.dirname, '../../fixtures/sites'))
    .entries()
    .filter((e) => e.status === 200 && e.file !== undefined && (e.headers['content-type'] ?? '').includes('html'))
    .filter((e) => registry.forUrl(e.url).articleUrl?.test(e.url) ?? false);

  // A source's article page without a match sits out BROWSER.bodyWaitMs (5 s) in the browser before it is read.
  it.each(articlePages.map((e) => [e.url, e] as const))('is on the fixture article page %s', (_, entry) => {
    const source = registry.forUrl(entry.url);
    if (source.renderedBody === undefined) return;
    const { text } = decodeBody(readFileSync(entry.file ?? ''), entry.headers['content-type'] ?? null);
    const $ = cheerio.load(text);
    expect($(source.renderedBody).toArray().some((el) => $(el).text().trim() !== '')).toBe(true);
  });

  it('is the body selector unless the site names more (lada.kz: its JSON-LD carries the whole article)', () => {
    expect(registry.get('zakon').renderedBody).toBe(registry.get('zakon').selectors.body);
    expect(registry.get('lada').renderedBody).toBe('.article-fulltext, script[type="application/ld+json"]');
    expect(registry.get('dknews').renderedBody).toBeUndefined();
  });
});
