import type { FailureKind } from './scrapers/types.js';

/**
 * The one error type a pipeline stage throws. Its kind says what the caller does next:
 * retry (transient), give up (permanent, robots), or record a clean discard (not-article).
 */
export class KznewsError extends Error {
  readonly kind: FailureKind;
  readonly url: string | undefined;
  readonly status: number | undefined;
  /** For transient errors: how long to wait before trying again, when the server said (Retry-After). */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: FailureKind,
    message: string,
    options: { url?: string; status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KznewsError';
    this.kind = kind;
    this.url = options.url;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export const isKznewsError = (e: unknown): e is KznewsError => e instanceof KznewsError;

/** Any thrown value as a KznewsError; unknown errors count as transient (a bug should not lose a URL for good). */
export function toKznewsError(e: unknown, url?: string): KznewsError {
  if (e instanceof KznewsError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new KznewsError('transient', message, { url, cause: e });
}

/** A mistake in the user's input or configuration: one clear line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
