/**
 * The daemon's counters, gauges and histograms, rendered in the Prometheus text format (0.0.4) by a few
 * lines of our own rather than a client library: the set is small and fixed. Values live in this process
 * only; each worker process exposes its own, and Prometheus sums them.
 */
import { JOBS } from '../settings.js';

type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  value: number;
}

interface HistogramSeries {
  labels: Labels;
  buckets: number[];
  sum: number;
  count: number;
}

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  if (pairs.length === 0) return '';
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

const seriesKey = (labels: Labels): string => JSON.stringify(Object.entries(labels).sort());

const formatNumber = (n: number): string => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

export class Counter {
  private readonly series = new Map<string, Series>();
  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = seriesKey(labels);
    const s = this.series.get(key) ?? { labels, value: 0 };
    s.value += by;
    this.series.set(key, s);
  }

  get(labels: Labels = {}): number {
    return this.series.get(seriesKey(labels))?.value ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const s of this.series.values()) lines.push(`${this.name}${labelText(s.labels)} ${formatNumber(s.value)}`);
    return lines.join('\n');
  }
}

export class Gauge {
  private series = new Map<string, Series>();
  constructor(readonly name: string, readonly help: string) {}

  set(labels: Labels, value: number): void {
    this.series.set(seriesKey(labels), { labels, value });
  }

  /** Replaces every series at once (a gauge read fresh at each scrape). */
  reset(): void {
    this.series = new Map();
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const s of this.series.values()) lines.push(`${this.name}${labelText(s.labels)} ${formatNumber(s.value)}`);
    return lines.join('\n');
  }
}

export class Histogram {
  private readonly series = new Map<string, HistogramSeries>();
  constructor(readonly name: string, readonly help: string, readonly bounds: readonly number[]) {}

  observe(labels: Labels, value: number): void {
    const key = seriesKey(labels);
    const s = this.series.get(key) ?? { labels, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
    this.bounds.forEach((bound, i) => {
      if (value <= bound) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    });
    s.sum += value;
    s.count += 1;
    this.series.set(key, s);
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.bounds.forEach((bound, i) => {
        lines.push(`${this.name}_bucket${labelText(s.labels, ['le', formatNumber(bound)])} ${s.buckets[i] ?? 0}`);
      });
      lines.push(`${this.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${formatNumber(s.sum)}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

/** What an article job reports once it is done with a URL. */
export interface ArticleObservation {
  sourceId: string;
  status: 'new' | 'updated' | 'unchanged' | 'not-modified' | 'discarded' | 'failed';
  /** Whether a page came back at all (a network error fetches nothing). */
  fetched: boolean;
  duplicate: boolean;
  /** Failure kind when failed or discarded. */
  failureKind: string | null;
}

export interface DaemonMetrics {
  pagesFetched: Counter;
  articlesStored: Counter;
  duplicates: Counter;
  failures: Counter;
  sourceRuns: Counter;
  queueJobs: Gauge;
  fetchSeconds: Histogram;
  observeArticle(o: ArticleObservation): void;
  render(): string;
}

export function createDaemonMetrics(): DaemonMetrics {
  const pagesFetched = new Counter('kznews_pages_fetched_total', 'Article pages fetched (any HTTP status).');
  const articlesStored = new Counter('kznews_articles_stored_total', 'Articles written: new ones and changed revisions.');
  const duplicates = new Counter('kznews_duplicates_total', 'Stored articles found to copy an earlier one.');
  const failures = new Counter('kznews_failures_total', 'Article pages that failed or were discarded, by kind.');
  const sourceRuns = new Counter('kznews_source_runs_total', 'Source runs (discovery) finished, by status.');
  const queueJobs = new Gauge('kznews_queue_jobs', 'Jobs in each queue and state, read at scrape time.');
  const fetchSeconds = new Histogram('kznews_fetch_duration_seconds', 'Time of one HTTP or browser fetch, by host.', JOBS.fetchLatencyBuckets);
  const all = [pagesFetched, articlesStored, duplicates, failures, sourceRuns, queueJobs, fetchSeconds];
  return {
    pagesFetched,
    articlesStored,
    duplicates,
    failures,
    sourceRuns,
    queueJobs,
    fetchSeconds,
    observeArticle(o) {
      const source = { source: o.sourceId };
      if (o.fetched) pagesFetched.inc(source);
      if (o.status === 'new' || o.status === 'updated') articlesStored.inc({ ...source, outcome: o.status });
      if (o.duplicate) duplicates.inc(source);
      if (o.failureKind !== null) failures.inc({ ...source, kind: o.failureKind });
    },
    render: () => `${all.map((m) => m.render()).join('\n')}\n`,
  };
}
