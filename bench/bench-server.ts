/**
 * The bench's own HTTP server on 127.0.0.1 (a random free port). It serves everything from memory:
 * the demo pages, the fixture page, generated pages, probe pages and the pack files, which the
 * bench swaps between runs (`set`). Anything else is a 404 (which is also what a subscription's
 * `<pack>.sig` request gets: the bench packs are unsigned).
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface Served {
  body: Buffer;
  type: string;
}

export interface BenchServer {
  origin: string;
  set(path: string, body: string | Buffer, type?: string): void;
  get(path: string): Served | undefined;
  delete(path: string): void;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const routes = new Map<string, Served>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    res.on('error', () => {});
    const path = (req.url ?? '/').split('?', 1)[0]!;
    const served = routes.get(path);
    if (!served || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': served.type,
      'Content-Length': served.body.length,
      'Cache-Control': 'no-store',
      // The options page fetches packs from here (an extension page may anyway; this is for clarity).
      'Access-Control-Allow-Origin': '*',
    });
    res.end(req.method === 'HEAD' ? undefined : served.body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    origin,
    set(path, body, type = 'text/html; charset=utf-8') {
      routes.set(path, { body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body, type });
    },
    get: (path) => routes.get(path),
    delete(path) {
      routes.delete(path);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A fixture page as served: unchanged, except for a Content-Security-Policy meta element first in
 * <head> that blocks its scripts and every outside request (there is no network here, and a page's
 * own scripts would make each run different). The same bytes load from file:// for the heap
 * comparison, so the policy is in the document rather than in a header.
 */
export function sanitizedFixture(html: string): string {
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;
  const head = /<head\b[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + csp + html.slice(head.index + head[0].length);
  return csp + html;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A plain article page of the given paragraphs (text, escaped). */
export function articlePage(title: string, paragraphs: string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 serif;max-width:42em;margin:2em auto}</style></head>
<body><article><h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article></body></html>
`;
}
