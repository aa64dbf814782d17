/**
 * A local HTTP server on 127.0.0.1 for tests. Routes are exact paths (with their query string, if the
 * route has one) mapped to a response, or to a handler for anything dynamic (slow pages, 429s, …).
 * Every request is logged with its time, so tests can measure politeness.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type FixtureHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LoggedRequest {
  method: string;
  /** Path with query string. */
  path: string;
  headers: IncomingMessage['headers'];
  /** ms since the epoch when the request arrived. */
  at: number;
  /** ms since the epoch when the response finished. */
  doneAt: number | null;
}

export interface FixtureServer {
  origin: string;
  port: number;
  requests: LoggedRequest[];
  /** Add or replace a route while running. */
  route(path: string, response: FixtureResponse | FixtureHandler): void;
  close(): Promise<void>;
}

export async function startFixtureServer(
  routes: Record<string, FixtureResponse | FixtureHandler> = {},
): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const entry: LoggedRequest = { method: req.method ?? 'GET', path, headers: req.headers, at: Date.now(), doneAt: null };
    requests.push(entry);
    res.on('finish', () => {
      entry.doneAt = Date.now();
    });
    const found = table.get(path) ?? table.get(path.split('?')[0] ?? path);
    if (found === undefined) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>Not found</h1></body></html>');
      return;
    }
    if (typeof found === 'function') {
      Promise.resolve(found(req, res)).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(e));
      });
      return;
    }
    res.writeHead(found.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...found.headers });
    res.end(req.method === 'HEAD' ? undefined : found.body ?? '');
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    route(path, response) {
      table.set(path, response);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
