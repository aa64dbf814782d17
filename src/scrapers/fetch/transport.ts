/**
 * The one call the HTTP fetcher makes to the network: a GET that does not follow redirects. Recording,
 * replay and connectTo are transports wrapped around or standing in for the fetch transport, so the
 * fetcher's logic (redirects, retries, charset, size cap) is the same live, recorded and replayed.
 */
export interface TransportRequest {
  /** The URL as the site knows it: what is reported, recorded and looked up in a replay. */
  url: string;
  /** Where to connect instead, when connectTo maps the host (see applyConnectTo); network transports only. */
  connectUrl?: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array> | Uint8Array;
}

export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

/** A stream as an AsyncIterable whose return() cancels it, even before the first read (a skipped body). */
function iterate(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const reader = stream.getReader();
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          const { done, value } = await reader.read();
          return done ? { done: true, value: undefined } : { done: false, value };
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          await reader.cancel().catch(() => undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** Node's fetch (undici) with `redirect: 'manual'`; the body is streamed, not buffered. */
export const fetchTransport: Transport = async (req) => {
  const response = await fetch(req.connectUrl ?? req.url, {
    method: 'GET',
    headers: req.headers,
    redirect: 'manual',
    signal: req.signal,
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return { status: response.status, headers, body: response.body === null ? new Uint8Array(0) : iterate(response.body) };
};


/** Thrown by readBody when the body passes the cap; the fetcher turns it into a permanent error. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`page larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/**
 * The whole body, read no further than `maxBytes`: past it, 'throw' refuses the body (BodyTooLargeError)
 * and 'truncate' keeps its first `maxBytes` (robots.txt is read that way). The rest is never read.
 */
export async function readBody(
  body: TransportResponse['body'],
  maxBytes: number,
  overflow: 'throw' | 'truncate' = 'throw',
): Promise<Uint8Array> {
  if (body instanceof Uint8Array) {
    if (body.byteLength <= maxBytes) return body;
    if (overflow === 'throw') throw new BodyTooLargeError(maxBytes);
    return body.subarray(0, maxBytes);
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    if (total + chunk.byteLength > maxBytes) {
      if (overflow === 'throw') throw new BodyTooLargeError(maxBytes);
      parts.push(chunk.subarray(0, maxBytes - total));
      break;
    }
    total += chunk.byteLength;
    parts.push(chunk);
  }
  return concatBytes(parts);
}

/** Lets go of a body that will not be read (a redirect, an error page) without reading it. */
export async function discardBody(body: TransportResponse['body']): Promise<void> {
  if (body instanceof Uint8Array) return;
  await body[Symbol.asyncIterator]().return?.();
}
