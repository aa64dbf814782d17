import { describe, expect, it } from 'vitest';
import { createLogger, formatLine } from '../src/logger.js';

function collector(): { lines: string[]; write(s: string): void } {
  const lines: string[] = [];
  return { lines, write: (s: string) => void lines.push(...s.split('\n').filter((l) => l !== '')) };
}

describe('the logger', () => {
  it('writes one JSON object per event off a TTY, with an ISO UTC time and the bound name', () => {
    const out = collector();
    const log = createLogger({ pretty: false, name: 'worker', destination: out });
    log.info({ event: 'article', url: 'https://www.zakon.kz/1', ms: 12 }, 'stored');
    expect(out.lines).toHaveLength(1);
    const record = JSON.parse(out.lines[0] as string) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 30, name: 'worker', msg: 'stored', event: 'article', url: 'https://www.zakon.kz/1', ms: 12 });
    expect(record['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('prints one readable line per event on a TTY', () => {
    const out = collector();
    const log = createLogger({ pretty: true, name: 'worker', destination: out });
    log.warn({ host: 'zakon.kz', err: new Error('boom\nsecond line') }, 'paused');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  \[worker\] paused host=zakon\.kz err="boom\\nsecond line"$/);
  });

  it('formats values: bare words plain, spaced text quoted, objects as JSON', () => {
    const line = formatLine(
      JSON.stringify({ level: 50, time: '2024-07-04T10:00:00.123Z', msg: 'run failed', source: 'akorda', error: 'timed out after 20 s', counts: { stored: 2 } }),
      false,
    );
    expect(line).toBe('10:00:00.123 ERROR run failed source=akorda error="timed out after 20 s" counts={"stored":2}');
  });

  it('honours the level', () => {
    const out = collector();
    const log = createLogger({ pretty: false, level: 'warn', destination: out });
    log.info('hidden');
    log.error('shown');
    expect(out.lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['shown']);
  });
});
