import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSource, upsertSources } from '../../../src/db/queries.js';
import { source, tempDb, type TempDb } from '../helpers.js';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

const rows = () =>
  t.kz.sqlite.prepare('SELECT id, name, base_url AS baseUrl, languages, cron, enabled FROM sources ORDER BY id').all();

describe('sources', () => {
  it('mirror the registry, updating rows that changed', () => {
    upsertSources(t.kz, [source('akorda.kz'), source('zakon.kz')]);
    upsertSources(t.kz, [{ ...source('zakon.kz'), name: 'Zakon.kz', languages: ['ru', 'kk'], enabled: false }]);
    expect(rows()).toEqual([
      { id: 'akorda.kz', name: 'Source akorda.kz', baseUrl: 'https://akorda.kz', languages: '["ru"]', cron: '*/15 * * * *', enabled: 1 },
      { id: 'zakon.kz', name: 'Zakon.kz', baseUrl: 'https://zakon.kz', languages: '["ru","kk"]', cron: '*/15 * * * *', enabled: 0 },
    ]);
  });

  it('get an unscheduled row for an ad-hoc host, without overwriting a registered one', () => {
    upsertSources(t.kz, [source('akorda.kz')]);
    ensureSource(t.kz, { id: 'example.kz', name: 'example.kz', baseUrl: 'https://example.kz' });
    ensureSource(t.kz, { id: 'akorda.kz', name: 'akorda.kz', baseUrl: 'https://akorda.kz' });
    expect(rows()).toEqual([
      { id: 'akorda.kz', name: 'Source akorda.kz', baseUrl: 'https://akorda.kz', languages: '["ru"]', cron: '*/15 * * * *', enabled: 1 },
      { id: 'example.kz', name: 'example.kz', baseUrl: 'https://example.kz', languages: '[]', cron: '', enabled: 0 },
    ]);
  });
});
