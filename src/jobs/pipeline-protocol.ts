/**
 * What crosses between the main thread and the pipeline thread: calls, replies, events, and errors as
 * plain data (a KznewsError's class does not survive postMessage; its kind, status and Retry-After must).
 */
import type { Config } from '../config.js';
import type { RunCounts, RunStatus, RunTrigger } from '../db/types.js';
import { isKznewsError, KznewsError } from '../errors.js';
import type { DiscoveredItem, FailureKind } from '../scrapers/types.js';

export interface ThreadInit {
  config: Config;
  /** Lease of a host slot in the shared gate (how long a killed worker can hold one). */
  gateLeaseMs: number;
}

/** A KznewsError (or any error) as it crosses the thread boundary. */
export interface WireError {
  message: string;
  kind: FailureKind;
  status?: number;
  retryAfterMs?: number;
}

export interface IngestReply {
  url: string;
  sourceId: string;
  status: 'new' | 'updated' | 'unchanged' | 'not-modified' | 'discarded' | 'failed';
  articleId: number | null;
  duplicateOf: number | null;
  storyId: number | null;
  durationMs: number;
  bytes: number;
  renderer: 'http' | 'browser' | null;
  error: WireError | null;
}

export interface SourceLastSuccess {
  id: string;
  lastSuccess: string | null;
}

export type ThreadCall =
  | { op: 'ingest'; url: string; sourceId: string | null; runId: number | null; force: boolean }
  | { op: 'discover'; sourceId: string }
  | { op: 'startRun'; sourceId: string | null; trigger: RunTrigger }
  | { op: 'finishRun'; runId: number; counts: RunCounts; status: Exclude<RunStatus, 'running'>; error: string | null }
  | { op: 'health' }
  | { op: 'close' };

export interface ThreadResults {
  ingest: IngestReply;
  discover: DiscoveredItem[];
  startRun: number;
  finishRun: null;
  health: SourceLastSuccess[];
  close: null;
}

/** Main → thread. */
export interface CallMessage {
  id: number;
  call: ThreadCall;
}

/** Thread → main: a reply to a call, or an event the main thread turns into a log line or a metric. */
export type ThreadMessage =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: WireError }
  | { type: 'ready' }
  | { type: 'fetch'; host: string; seconds: number; ok: boolean }
  | { type: 'discovery-error'; url: string; error: string };

export function toWireError(e: unknown): WireError {
  if (isKznewsError(e)) {
    return {
      message: e.message,
      kind: e.kind,
      ...(e.status !== undefined ? { status: e.status } : {}),
      ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
    };
  }
  return { message: e instanceof Error ? e.message : String(e), kind: 'transient' };
}

export function fromWireError(e: WireError): KznewsError {
  return new KznewsError(e.kind, e.message, {
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
  });
}
