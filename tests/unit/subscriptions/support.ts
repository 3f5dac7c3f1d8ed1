import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { vi } from 'vitest';
import { createSubscriptionService } from '../../../src/background/subscriptions/subscription-service';
import type { CrosscheckDatabase } from '../../../src/db/crosscheck-database';
import { freshDatabase, storedClaims } from '../support/test-database';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 (port 0), one per test file, serving whatever each test puts
 * on a path, and recording every request's headers.
 */
export async function startPackServer() {
  const routes = new Map<string, Handler>();
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    requests.push({ path, headers: req.headers });
    res.on('error', () => {});
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path: string) => `${origin}${path}`,
    routes,
    requests,
    /** requests made to a path */
    requestsTo: (path: string) => requests.filter((r) => r.path === path),
    serve(path: string, handler: Handler) {
      routes.set(path, handler);
    },
    unserve(path: string) {
      routes.delete(path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
export type PackServer = Awaited<ReturnType<typeof startPackServer>>;

// ---- handlers ------------------------------------------------------------------------------

/** A document with an ETag, answering 304 to a matching If-None-Match. */
export function document(body: string | object, options: { etag?: string; contentType?: string; lastModified?: string } = {}): Handler {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (req, res) => {
    if (options.etag && req.headers['if-none-match'] === options.etag) {
      res.writeHead(304, { ETag: options.etag }).end();
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    res.writeHead(200, {
      'Content-Type': options.contentType ?? 'application/json; charset=utf-8',
      'Content-Length': bytes.length,
      ...(options.etag ? { ETag: options.etag } : {}),
      ...(options.lastModified ? { 'Last-Modified': options.lastModified } : {}),
    });
    res.end(bytes);
  };
}

export const status = (code: number): Handler => (_req, res) => {
  res.writeHead(code, { 'Content-Type': 'text/plain' }).end(`status ${code}`);
};

/** Promises 10 000 bytes, sends 100, then drops the connection. */
export const truncated: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 10_000 });
  res.write('{"format": "crosscheck-pack", "formatVersion": 1, "id": "x", "claims": [' + ' '.repeat(30));
  setTimeout(() => res.socket?.destroy(), 50);
};

export const redirectLoop = (to: string): Handler => (_req, res) => {
  res.writeHead(302, { Location: to }).end();
};

/** Never answers (the socket is destroyed when the server closes). */
export const hang: Handler = () => {};

/** Headers now, the body never. */
export const headersOnly: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.flushHeaders();
};

/** Announces a body of `bytes` and sends a little of it. */
export const hugeContentLength = (bytes: number): Handler => (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': bytes });
  res.write('[');
};

/** A chunked body (no Content-Length) of `bytes`, written as fast as the client reads. */
export const streamed = (bytes: number): Handler => (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let sent = 0;
  const write = () => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', write);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => (sent = bytes));
  write();
};

// ---- packs ---------------------------------------------------------------------------------

export const PACK_ID = 'subscribed-desk';

export const phraseOf = (i: number, revision = 0) =>
  `Statement number ${i} about the city council budget${revision ? ` revised ${revision}` : ''} was checked`;

/** A pack document as a publisher writes it: `count` claims, those in `revised` reworded. */
export function packDocument(
  version: number,
  options: { count?: number; revised?: Iterable<number>; id?: string; extraClaims?: object[] } = {},
): Record<string, unknown> {
  const count = options.count ?? 3;
  const revised = new Set(options.revised ?? []);
  return {
    format: 'crosscheck-pack',
    formatVersion: 1,
    id: options.id ?? PACK_ID,
    name: 'Subscribed desk',
    publisher: 'Test desk',
    version,
    published: '2026-02',
    license: 'CC0',
    sources: [{ id: 's1', url: 'https://example.org/report', title: 'A report', publisher: 'Example Org' }],
    claims: [
      ...Array.from({ length: count }, (_, i) => ({
        id: `c${i}`,
        statement: `Claim ${i}`,
        phrasings: [phraseOf(i, revised.has(i) ? version : 0)],
        verdict: 'false',
        evidence: [{ source: 's1', stance: 'contradicts', quote: `The report says otherwise about ${i}.` }],
      })),
      ...(options.extraClaims ?? []),
    ],
  };
}

// ---- service and database ------------------------------------------------------------------

export function serviceFor(db: CrosscheckDatabase = freshDatabase(), options: { timeoutMs?: number; now?: () => number } = {}) {
  const onPacksChanged = vi.fn(async () => {});
  const service = createSubscriptionService({ db, onPacksChanged, ...options });
  return { db, service, onPacksChanged };
}

/** Every pack-related table, serialised: equal snapshots mean nothing was written. */
export async function snapshot(db: CrosscheckDatabase): Promise<string> {
  return JSON.stringify({
    packs: await db.packs.toArray(),
    claims: await storedClaims(db),
    sources: await db.sources.toArray(),
    packIndexes: await db.packIndexes.toArray(),
  });
}
