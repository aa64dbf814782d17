import { describe, expect, it } from 'vitest';
import { Counter, createDaemonMetrics, Gauge, Histogram } from '../../src/jobs/metrics.js';

describe('Prometheus text rendering', () => {
  it('renders a counter per label set, escaping label values', () => {
    const c = new Counter('kznews_x_total', 'Things.');
    c.inc({ source: 'a' });
    c.inc({ source: 'a' }, 2);
    c.inc({ source: 'say "hi"\\' });
    expect(c.render()).toBe(
      ['# HELP kznews_x_total Things.', '# TYPE kznews_x_total counter', 'kznews_x_total{source="a"} 3', 'kznews_x_total{source="say \\"hi\\"\\\\"} 1'].join('\n'),
    );
  });

  it('treats label order as irrelevant', () => {
    const c = new Counter('c_total', 'C.');
    c.inc({ a: '1', b: '2' });
    c.inc({ b: '2', a: '1' });
    expect(c.get({ a: '1', b: '2' })).toBe(2);
  });

  it('renders cumulative histogram buckets with +Inf, sum and count', () => {
    const h = new Histogram('lat_seconds', 'Latency.', [0.1, 1]);
    h.observe({ host: 'a.kz' }, 0.05);
    h.observe({ host: 'a.kz' }, 0.5);
    h.observe({ host: 'a.kz' }, 3);
    expect(h.render()).toBe(
      [
        '# HELP lat_seconds Latency.',
        '# TYPE lat_seconds histogram',
        'lat_seconds_bucket{host="a.kz",le="0.1"} 1',
        'lat_seconds_bucket{host="a.kz",le="1"} 2',
        'lat_seconds_bucket{host="a.kz",le="+Inf"} 3',
        'lat_seconds_sum{host="a.kz"} 3.55',
        'lat_seconds_count{host="a.kz"} 3',
      ].join('\n'),
    );
  });

  it('replaces a gauge read fresh at each scrape', () => {
    const g = new Gauge('q', 'Q.');
    g.set({ state: 'waiting' }, 4);
    g.reset();
    g.set({ state: 'active' }, 1);
    expect(g.render()).toBe('# HELP q Q.\n# TYPE q gauge\nq{state="active"} 1');
  });
});

describe('the daemon metric set', () => {
  it('counts pages, stored articles, duplicates and failures by kind from article outcomes', () => {
    const m = createDaemonMetrics();
    m.observeArticle({ sourceId: 'zakon', status: 'new', fetched: true, duplicate: false, failureKind: null });
    m.observeArticle({ sourceId: 'zakon', status: 'new', fetched: true, duplicate: true, failureKind: null });
    m.observeArticle({ sourceId: 'zakon', status: 'updated', fetched: true, duplicate: false, failureKind: null });
    m.observeArticle({ sourceId: 'zakon', status: 'discarded', fetched: true, duplicate: false, failureKind: 'not-article' });
    m.observeArticle({ sourceId: 'zakon', status: 'failed', fetched: false, duplicate: false, failureKind: 'transient' });
    const text = m.render();
    expect(text).toContain('kznews_pages_fetched_total{source="zakon"} 4\n');
    expect(text).toContain('kznews_articles_stored_total{source="zakon",outcome="new"} 2\n');
    expect(text).toContain('kznews_articles_stored_total{source="zakon",outcome="updated"} 1\n');
    expect(text).toContain('kznews_duplicates_total{source="zakon"} 1\n');
    expect(text).toContain('kznews_failures_total{source="zakon",kind="not-article"} 1\n');
    expect(text).toContain('kznews_failures_total{source="zakon",kind="transient"} 1\n');
    expect(text).toContain('# TYPE kznews_fetch_duration_seconds histogram\n');
    expect(text.endsWith('\n')).toBe(true);
  });
});
